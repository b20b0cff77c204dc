import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AU,
  books,
  invoice,
  patient,
  payment,
  records,
  startWorld,
  type World,
} from '../../support/engine-world';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe('sync engine against the emulator (AU GST organisation)', () => {
  it('creates the contact, the invoice and its payment once, to the cent, and sends nothing the second time', async () => {
    const submission = records({
      patients: [patient('1001')],
      invoices: [invoice('5001', '1001')],
      payments: [payment('9001', [{ invoiceId: '5001', amount: '120.00' }])],
    });
    const summary = await world.engine.submit(submission, { trigger: 'manual' });
    expect(summary).toMatchObject({ accepted: 3, queued: 3, rejected: [], errors: [] });
    const report = await world.engine.drain();
    expect(report.stopped).toBe('idle');

    const au = books(world, AU);
    const contact = au.contacts.find((c) => c.ContactNumber === 'cliniko:harbourside:1001');
    expect(contact?.Name).toBe('Jane Citizen');
    const created = au.invoices.filter((i) => i.InvoiceNumber === 'HS-5001');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      Status: 'PAID',
      ContactID: contact?.ContactID,
      LineAmountTypes: 'Inclusive',
    });
    const paid = au.payments.filter((p) => p.InvoiceID === created[0]!.InvoiceID);
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ Amount: '120.00', Reference: 'EFTPOS [PS harbourside:9001>5001]' });

    const callsBefore = world.engine.stats.calls;
    const again = await world.engine.submit(submission, { trigger: 'manual' });
    expect(again).toMatchObject({ queued: 0, unchanged: 2 });
    await world.engine.drain();
    expect(world.engine.stats.calls).toBe(callsBefore);
    expect(books(world, AU).invoices.filter((i) => i.InvoiceNumber === 'HS-5001')).toHaveLength(1);

    const [status] = await world.engine.status([
      { source: { system: 'cliniko', account: 'harbourside' }, kind: 'invoice', id: '5001' },
    ]);
    expect(status).toMatchObject({ state: 'synced', xero: { id: created[0]!.InvoiceID, number: 'HS-5001' } });
    expect(status?.xero?.url).toBe(`https://go.xero.com/app/!aB3xY/invoicing/view/${created[0]!.InvoiceID}`);
  });
});
