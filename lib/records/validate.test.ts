import { describe, expect, it } from 'vitest';
import example from './fixtures/example.json';
import { validateRecords } from './validate';

const clone = <T>(value: T): T => structuredClone(value);

function errorsFor(mutate: (doc: typeof example) => void) {
  const doc = clone(example);
  mutate(doc);
  const result = validateRecords(doc);
  if (!result.ok) return { refused: true, errors: result.errors, kept: 0 };
  const kept =
    result.records.patients.length +
    result.records.invoices.length +
    result.records.payments.length +
    result.records.creditNotes.length;
  return { refused: false, errors: result.errors, kept };
}

describe('practice records validation', () => {
  it('accepts the documented example as it is', () => {
    const result = validateRecords(example);
    expect(result).toMatchObject({ ok: true, errors: [] });
    if (!result.ok) return;
    expect(result.records.invoices[0]?.lines[1]?.unitPrice).toBe('12.4950');
    expect(result.records.payments[0]?.allocations).toEqual([{ invoiceId: '5001', amount: '106.24' }]);
  });

  it('names the record and field of a bad decimal, and leaves out only that record', () => {
    const { errors, kept } = errorsFor((d) => {
      d.invoices[0]!.lines[1]!.unitPrice = '12,49';
    });
    expect(errors).toEqual([
      { path: 'invoices[0].lines[1].unitPrice', message: 'not a decimal', kind: 'invoices', id: '5001' },
    ]);
    expect(kept).toBe(3);
  });

  it('refuses money written as a JSON number, saying why', () => {
    const { errors } = errorsFor((d) => {
      (d.invoices[0] as { total: unknown }).total = 117.49;
    });
    expect(errors[0]).toMatchObject({
      path: 'invoices[0].total',
      message: 'must be a decimal string such as "85.00", not a JSON number',
    });
  });

  it('accepts a negative line (a rebate) but not a negative total', () => {
    const rebate = errorsFor((d) => {
      d.invoices[0]!.lines.push({
        description: 'Loyalty rebate',
        category: 'Services',
        quantity: '1',
        unitPrice: '-5.0000',
        tax: { name: 'GST-free', ratePercent: '0' },
      } as never);
      d.invoices[0]!.total = '112.49';
      d.payments = [];
      d.creditNotes = [];
    });
    expect(rebate.errors).toEqual([]);
    const negative = errorsFor((d) => {
      d.invoices[0]!.total = '-1.00';
    });
    expect(negative.errors[0]).toMatchObject({ path: 'invoices[0].total', message: 'must not be negative' });
  });

  it('refuses a total more than 5 c from its lines, with both figures', () => {
    const { errors } = errorsFor((d) => {
      d.invoices[0]!.total = '117.55';
    });
    expect(errors[0]?.path).toBe('invoices[0].total');
    expect(errors[0]?.message).toContain('0.06 away');
    expect(errors[0]?.message).toContain('117.49');
    const within = errorsFor((d) => {
      d.invoices[0]!.total = '117.54';
    });
    expect(within.errors).toEqual([]);
  });

  it('refuses HTML in names and descriptions', () => {
    const name = errorsFor((d) => {
      d.patients[0]!.lastName = 'Citizen<script>alert(1)</script>';
    });
    expect(name.errors[0]).toMatchObject({
      path: 'patients[0].lastName',
      message: 'must not contain < or > (HTML is not accepted)',
    });
    const description = errorsFor((d) => {
      d.invoices[0]!.lines[0]!.description = 'Consult <img src=x onerror=alert(1)>';
    });
    expect(description.errors[0]).toMatchObject({ path: 'invoices[0].lines[0].description' });
    const words = errorsFor((d) => {
      d.invoices[0]!.lines[0]!.description = 'Consult < 30 min';
    });
    expect(words.errors).toEqual([]);
  });

  it('refuses a broken envelope as a whole', () => {
    for (const bad of [
      null,
      'text',
      { ...clone(example), format: 'practice-records/2' },
      { ...clone(example), source: { system: 'Cliniko!', account: 'x' } },
      { ...clone(example), invoices: {} },
      { ...clone(example), extra: true },
    ]) {
      const result = validateRecords(bad);
      expect(result.ok).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });

  it('refuses unknown fields on a record by name', () => {
    const { errors } = errorsFor((d) => {
      (d.patients[0] as Record<string, unknown>).medicare = '1234';
    });
    expect(errors).toEqual([
      { path: 'patients[0]', message: 'unknown field medicare', kind: 'patients', id: '1001' },
    ]);
  });

  it('refuses allocations larger than the payment and the same id twice', () => {
    const over = errorsFor((d) => {
      d.payments[0]!.allocations = [{ invoiceId: '5001', amount: '200.00' }];
    });
    expect(over.errors[0]).toMatchObject({ path: 'payments[0].allocations' });
    const twice = errorsFor((d) => {
      d.patients.push(clone(d.patients[0]!));
    });
    expect(twice.errors).toEqual([
      {
        path: 'patients[1].id',
        message: '"1001" appears more than once in this submission',
        kind: 'patients',
        id: '1001',
      },
    ]);
    expect(twice.kept).toBe(4);
  });

  it('refuses a due date before the issue date and both kinds of discount on one line', () => {
    const due = errorsFor((d) => {
      d.invoices[0]!.dueDate = '2026-11-01';
    });
    expect(due.errors[0]?.path).toBe('invoices[0].dueDate');
    const both = errorsFor((d) => {
      (d.invoices[0]!.lines[1] as Record<string, unknown>).discountAmount = '1.00';
    });
    expect(both.errors[0]?.path).toBe('invoices[0].lines[1].discountAmount');
  });

  it('keeps a PMS page link on each kind of record, http(s) only and at most 2048 characters', () => {
    const result = validateRecords(example);
    expect(result.ok && result.records.payments[0]?.url).toBe(
      'https://harbourside.au1.cliniko.com/payments/9001',
    );
    expect(result.ok && result.records.patients[0]?.url).toBe(
      'https://harbourside.au1.cliniko.com/patients/1001',
    );
    const { errors } = errorsFor((d) => {
      d.patients[0]!.url = 'javascript:alert(1)';
      d.payments[0]!.url = `https://pms.example/${'a'.repeat(2048)}`;
      d.creditNotes[0]!.url = 'not a url';
    });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['patients[0].url', 'an http(s) URL'],
      ['payments[0].url', 'at most 2048 characters'],
      ['creditNotes[0].url', 'an http(s) URL'],
    ]);
  });

  it('takes any subset of the arrays', () => {
    const result = validateRecords({ format: 'practice-records/1', source: example.source, payments: [] });
    expect(result).toMatchObject({ ok: true, errors: [] });
  });
});
