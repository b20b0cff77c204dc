import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  books,
  invoice,
  patient,
  payment,
  records,
  SOURCE,
  startWorld,
  type World,
} from '../../support/engine-world';

/**
 * Limits at the edge of valid input: amounts Xero cannot take, submissions too large for one
 * request, two PMS documents with one number, discounts larger than their line, and what happens
 * when something unexpected stops a batch halfway.
 */

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const status = async (kind: 'invoice' | 'payment', id: string) =>
  (await world.engine.status([{ source: SOURCE, kind, id }]))[0]!;

describe('amounts beyond what Xero takes', () => {
  const huge = invoice('5001', '1001', {
    lines: [
      {
        description: 'Typo in the price',
        category: 'Services',
        quantity: '1',
        unitPrice: '1000000000000.0000',
        tax: { name: 'GST-free', ratePercent: '0' },
      },
    ],
    total: '1000000000000.00',
  });

  it('are refused at submit, naming the field (Xero takes at most 9,999,999,999.99)', async () => {
    const summary = await world.engine.submit(records({ patients: [patient('1001')], invoices: [huge] }), {
      trigger: 'manual',
    });
    expect(summary.errors).toContainEqual(
      expect.objectContaining({ path: 'invoices[0].lines[0].unitPrice', kind: 'invoices', id: '5001' }),
    );
    expect(summary.queued).toBe(0);
  });

  it('a batch stopped by something unexpected fails with the reason instead of staying "syncing"', async () => {
    await world.engine.submit(records({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] }), {
      trigger: 'manual',
    });
    // A stored record damaged behind the engine's back: mapping it throws.
    const key = 'cliniko:harbourside|invoices|5001';
    const stored = (await world.db.records.get(key))!;
    await world.db.records.update(key, { data: { ...(stored.data as object), lines: null } });
    const report = await world.engine.drain({ maxWaitMs: 1_000 });
    const invoiceStatus = await status('invoice', '5001');
    expect({ report: report.stopped, state: invoiceStatus.state }).toEqual({
      report: 'idle',
      state: 'failed',
    });
    expect(invoiceStatus.reason).toMatch(/^It could not be sent: /);
    expect(books(world).invoices.filter((i) => i.InvoiceNumber === 'HS-5001')).toEqual([]);
  });

  it('in a quantity are refused at submit too', async () => {
    const manyUnits = invoice('5002', '1001', {
      lines: [
        {
          description: 'Sessions',
          category: 'Services',
          quantity: '1000000000000',
          unitPrice: '0.0001',
          tax: { name: 'GST-free', ratePercent: '0' },
        },
      ],
      total: '100000000.00',
    });
    const summary = await world.engine.submit(
      records({ patients: [patient('1001')], invoices: [manyUnits] }),
      { trigger: 'manual' },
    );
    expect(summary.errors).toContainEqual(expect.objectContaining({ path: 'invoices[0].lines[0].quantity' }));
    expect(summary.queued).toBe(0);
  });
});

describe('a large submission of valid records', () => {
  it('is sent in requests Xero accepts (≤ 3.5 MB), or refused at submit; never a 413 for 50 documents', async () => {
    const description = 'x'.repeat(4000);
    const invoices = Array.from({ length: 50 }, (_, i) =>
      invoice(String(6000 + i), '1001', {
        lines: Array.from({ length: 20 }, () => ({
          description,
          category: 'Services',
          quantity: '1',
          unitPrice: '1.0000',
          tax: { name: 'GST-free', ratePercent: '0' },
        })),
        total: '20.00',
      }),
    );
    const summary = await world.engine.submit(records({ patients: [patient('1001')], invoices }), {
      trigger: 'manual',
    });
    if (summary.errors.length > 0) {
      // Refused at submit: then nothing may be queued.
      expect(summary.queued).toBe(0);
      return;
    }
    await world.engine.drain();
    const states = await world.engine.status(
      invoices.map((i) => ({ source: SOURCE, kind: 'invoice' as const, id: i.id })),
    );
    expect(states.filter((s) => s.state !== 'synced').map((s) => s.reason)).toEqual([]);
    expect(books(world).invoices).toHaveLength(50);
  });
});

describe('two PMS invoices with the same number', () => {
  it('are never both linked to one Xero invoice', async () => {
    await world.engine.submit(
      records({
        patients: [patient('1001')],
        invoices: [invoice('5001', '1001', { number: '42' }), invoice('5002', '1001', { number: '42' })],
        payments: [
          payment('9001', [{ invoiceId: '5001', amount: '120.00' }]),
          payment('9002', [{ invoiceId: '5002', amount: '120.00' }]),
        ],
      }),
      { trigger: 'manual' },
    );
    await world.engine.drain();
    const first = await status('invoice', '5001');
    const second = await status('invoice', '5002');
    expect(first.state).toBe('synced');
    // Either its own Xero invoice, or a failure that says the number is taken: not the other's invoice.
    if (second.state === 'synced') expect(second.xero?.id).not.toBe(first.xero?.id);
    else expect(second.reason).toMatch(/HS-42/);
  });
  it('a later one with another total never overwrites the first in Xero', async () => {
    await world.engine.submit(
      records({ patients: [patient('1001')], invoices: [invoice('5001', '1001', { number: '42' })] }),
      { trigger: 'manual' },
    );
    await world.engine.drain();
    const other = invoice('5002', '1001', {
      number: '42',
      lines: [invoice('5002', '1001').lines[0]!],
      total: '95.00',
    });
    await world.engine.submit(records({ invoices: [other] }), { trigger: 'manual' });
    await world.engine.drain();
    expect(books(world).invoices.map((i) => [i.InvoiceNumber, i.Total])).toContainEqual(['HS-42', '120.00']);
    const second = await status('invoice', '5002');
    expect(second.state).not.toBe('synced');
  });
});

describe('discounts larger than the line', () => {
  it('are refused at submit, not sent for Xero to refuse', async () => {
    const bad = invoice('5001', '1001');
    bad.lines[1] = { ...bad.lines[1]!, discountAmount: '30.00' }; // 2 × 12.50 = 25.00, less 30.00
    bad.total = '90.00';
    const summary = await world.engine.submit(records({ patients: [patient('1001')], invoices: [bad] }), {
      trigger: 'manual',
    });
    expect(summary.errors).toContainEqual(
      expect.objectContaining({ path: 'invoices[0].lines[1].discountAmount' }),
    );
    expect(summary.queued).toBe(0);
  });
});

describe('allocations with a wrong field', () => {
  it.each([
    { field: 'amount', allocation: { invoiceId: '5001', amount: 50 }, message: /not a JSON number/ },
    { field: 'invoiceId', allocation: { invoiceId: 5001, amount: '50.00' }, message: /string id/ },
  ])('name the field ($field), as every other record does', async ({ field, allocation, message }) => {
    const summary = await world.engine.submit(
      records({ payments: [{ ...payment('9001', []), amount: '50.00', allocations: [allocation] }] }),
      { trigger: 'manual' },
    );
    expect(summary.errors).toContainEqual(
      expect.objectContaining({
        path: `payments[0].allocations[0].${field}`,
        message: expect.stringMatching(message),
      }),
    );
  });
});
