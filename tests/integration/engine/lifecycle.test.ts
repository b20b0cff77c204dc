import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  books,
  patient,
  records,
  SOURCE,
  startWorld,
  type World,
  worldSettings,
} from '../../support/engine-world';
import { PROFILES, profileCreditNote, profileInvoice, profilePayment } from '../../support/org-profiles';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const ref = (kind: 'invoice' | 'creditNote' | 'payment' | 'patient', id: string) => ({
  source: SOURCE,
  kind,
  id,
});

async function push(parts: Parameters<typeof records>[0]) {
  const summary = await world.engine.submit(records(parts), { trigger: 'manual' });
  const report = await world.engine.drain();
  return { summary, report };
}

describe.each(PROFILES)('lifecycle in the $name organisation', (p) => {
  const xero = () => books(world, p.tenantId);
  const invoiceIn = (id: string) => xero().invoices.filter((i) => i.InvoiceNumber === `${p.prefix}${id}`);
  const paymentsOn = (invoiceId: string) =>
    xero().payments.filter((x) => x.InvoiceID === invoiceId && x.Status !== 'DELETED');

  it('an edited invoice is updated in Xero; once paid, Xero keeps it and the entry says what to do', async () => {
    await push({ patients: [patient('1')], invoices: [profileInvoice(p, '100', '1')] });
    const edited = profileInvoice(p, '100', '1', {
      lines: [profileInvoice(p, '100', '1').lines[0]!],
      total: '95.00',
    });
    const { summary } = await push({ invoices: [edited] });
    expect(summary.queued).toBe(1);
    expect(invoiceIn('100')).toHaveLength(1);
    expect(invoiceIn('100')[0]!.LineItems).toHaveLength(1);

    await push({ payments: [profilePayment(p, '900', [{ invoiceId: '100', amount: '50.00' }])] });
    await push({ invoices: [profileInvoice(p, '100', '1')] });
    const [status] = await world.engine.status([ref('invoice', '100')]);
    expect(status?.state).toBe('failed');
    expect(status?.reason).toContain('it has payments or credit notes allocated to it in Xero');
    expect(status?.reason).toContain('remove those payments or allocations in Xero, then retry');
    expect(invoiceIn('100')[0]!.LineItems).toHaveLength(1);
  });

  it('a Draft invoice is approved automatically when a payment arrives', async () => {
    world.settings = worldSettings({ invoiceStatus: 'DRAFT' });
    await push({ patients: [patient('1')], invoices: [profileInvoice(p, '101', '1')] });
    expect(invoiceIn('101')[0]!.Status).toBe('DRAFT');
    await push({ payments: [profilePayment(p, '901', [{ invoiceId: '101', amount: '120.00' }])] });
    expect(invoiceIn('101')[0]!.Status).toBe('PAID');
    expect(paymentsOn(invoiceIn('101')[0]!.InvoiceID)).toHaveLength(1);
  });

  it('a payment is created, changed (deleted and made again) and deleted', async () => {
    await push({ patients: [patient('1')], invoices: [profileInvoice(p, '102', '1')] });
    await push({ payments: [profilePayment(p, '902', [{ invoiceId: '102', amount: '60.00' }])] });
    const id = invoiceIn('102')[0]!.InvoiceID;
    expect(paymentsOn(id).map((x) => x.Amount)).toEqual(['60.00']);

    await push({
      payments: [
        profilePayment(p, '902', [{ invoiceId: '102', amount: '70.00' }], {
          date: '2026-11-04',
          method: 'Cash',
        }),
      ],
    });
    expect(paymentsOn(id)).toEqual([expect.objectContaining({ Amount: '70.00', Date: '2026-11-04' })]);
    expect(paymentsOn(id)[0]!.AccountID).toBe(xero().accounts.find((a) => a.Code === '090')!.AccountID);

    await push({
      payments: [profilePayment(p, '902', [{ invoiceId: '102', amount: '70.00' }], { deleted: true })],
    });
    expect(paymentsOn(id)).toEqual([]);
    expect(invoiceIn('102')[0]!.Status).toBe('AUTHORISED');
  });

  it('one payment over several invoices becomes one Xero payment per invoice, each tagged', async () => {
    await push({
      patients: [patient('1')],
      invoices: [profileInvoice(p, '103', '1'), profileInvoice(p, '104', '1')],
      payments: [
        profilePayment(p, '903', [
          { invoiceId: '103', amount: '120.00' },
          { invoiceId: '104', amount: '20.00' },
        ]),
      ],
    });
    const first = paymentsOn(invoiceIn('103')[0]!.InvoiceID);
    const second = paymentsOn(invoiceIn('104')[0]!.InvoiceID);
    expect(first.map((x) => [x.Amount, x.Reference])).toEqual([
      ['120.00', `${p.method} [PS harbourside:903>103]`],
    ]);
    expect(second.map((x) => [x.Amount, x.Reference])).toEqual([
      ['20.00', `${p.method} [PS harbourside:903>104]`],
    ]);
  });

  it('an overpayment is refused with the figures, and nothing is recorded', async () => {
    await push({ patients: [patient('1')], invoices: [profileInvoice(p, '105', '1')] });
    await push({ payments: [profilePayment(p, '905', [{ invoiceId: '105', amount: '100.00' }])] });
    await push({ payments: [profilePayment(p, '906', [{ invoiceId: '105', amount: '50.00' }])] });
    const [status] = await world.engine.status([ref('payment', '906')]);
    expect(status?.state).toBe('failed');
    expect(status?.reason).toContain(
      'Overpayment refused: the payment is 50.00, but only 20.00 is still due',
    );
    expect(paymentsOn(invoiceIn('105')[0]!.InvoiceID)).toHaveLength(1);
  });

  it('a credit note is created, allocated to its invoice, and voided (allocation first) when deleted', async () => {
    await push({ patients: [patient('1')], invoices: [profileInvoice(p, '106', '1')] });
    await push({ creditNotes: [profileCreditNote(p, '706', '1', '106', '20.00')] });
    const credit = () => xero().creditNotes.find((c) => c.CreditNoteNumber === `${p.creditPrefix}706`)!;
    expect(credit()).toMatchObject({ Status: 'PAID' });
    expect(credit().Allocations).toHaveLength(1);
    const [status] = await world.engine.status([ref('creditNote', '706')]);
    expect(status?.state).toBe('synced');

    await push({ creditNotes: [profileCreditNote(p, '706', '1', '106', '20.00', { deleted: true })] });
    expect(credit().Status).toBe('VOIDED');
    expect(credit().Allocations).toHaveLength(0);
    expect(invoiceIn('106')[0]!.Status).toBe('AUTHORISED');
  });

  it('a credit note for an invoice already paid in full stays as credit on the contact, and the log says so', async () => {
    await push({
      patients: [patient('1')],
      invoices: [profileInvoice(p, '107', '1')],
      payments: [profilePayment(p, '907', [{ invoiceId: '107', amount: '120.00' }])],
    });
    await push({ creditNotes: [profileCreditNote(p, '707', '1', '107', '15.00')] });
    const credit = xero().creditNotes.find((c) => c.CreditNoteNumber === `${p.creditPrefix}707`)!;
    expect(credit.Status).toBe('AUTHORISED');
    expect(credit.Allocations).toHaveLength(0);
    const log = await world.engine.log({ result: 'skipped' });
    expect(log.map((e) => e.message).join('\n')).toContain(
      'The credit stays on the contact as unallocated credit',
    );
  });

  it('a refund paid out becomes a payment on the credit note', async () => {
    await push({
      patients: [patient('1')],
      invoices: [profileInvoice(p, '108', '1')],
      payments: [profilePayment(p, '908', [{ invoiceId: '108', amount: '120.00' }])],
    });
    await push({ creditNotes: [profileCreditNote(p, '708', '1', '108', '30.00')] });
    await push({
      payments: [
        profilePayment(p, '909', [{ creditNoteId: '708', amount: '30.00' }], { date: '2026-11-06' }),
      ],
    });
    const credit = xero().creditNotes.find((c) => c.CreditNoteNumber === `${p.creditPrefix}708`)!;
    const refunds = xero().payments.filter((x) => x.CreditNoteID === credit.CreditNoteID);
    expect(refunds.map((x) => x.Amount)).toEqual(['30.00']);
    expect(credit.Status).toBe('PAID');
  });

  it('a renamed patient renames the contact; details follow only when kept in sync', async () => {
    await push({ patients: [patient('1', 'Jane', 'Citizen')], invoices: [profileInvoice(p, '109', '1')] });
    const contact = () => xero().contacts.find((c) => c.ContactNumber === 'cliniko:harbourside:1')!;
    await push({ patients: [patient('1', 'Jane', 'Smith', { email: 'new@example.com' })] });
    expect(contact().Name).toBe('Jane Smith');
    expect(contact().EmailAddress).toBe('jane.citizen.1@example.com');
    world.settings = worldSettings({ keepContactDetailsInSync: true });
    await push({ patients: [patient('1', 'Jane', 'Smyth', { email: 'new@example.com' })] });
    expect(contact()).toMatchObject({ Name: 'Jane Smyth', EmailAddress: 'new@example.com' });
  });

  it('an invoice deleted in the PMS is not pushed, needs action, and is voided only when the user confirms', async () => {
    const gone = profileInvoice(p, '110', '1');
    await push({ patients: [patient('1')], invoices: [gone] });
    await push({ invoices: [{ ...gone, deleted: true }] });
    expect(invoiceIn('110')[0]!.Status).toBe('AUTHORISED');
    const [status] = await world.engine.status([ref('invoice', '110')]);
    expect(status).toMatchObject({ state: 'needs-action', canVoid: true });

    expect(await world.engine.voidInXero(ref('invoice', '110'))).toEqual({ queued: true });
    await world.engine.drain();
    expect(invoiceIn('110')[0]!.Status).toBe('VOIDED');
    const [after] = await world.engine.status([ref('invoice', '110')]);
    expect(after).toMatchObject({ state: 'synced', xero: { status: 'VOIDED' }, canVoid: false });

    const neverSent = profileInvoice(p, '111', '1', { deleted: true });
    await push({ invoices: [neverSent] });
    expect(invoiceIn('111')).toEqual([]);
  });
});
