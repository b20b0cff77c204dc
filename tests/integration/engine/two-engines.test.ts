import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, control } from '../../../emulator/xero/test-support/harness';
import { clinicDataset } from '../../../scripts/harness/dataset';
import { chunkRecords } from '../../../scripts/harness/node-engine';
import { AU, startWorld, type World, worldSettings } from '../../support/engine-world';
import { differences } from '../../support/expected-books';

/**
 * Two browsers (two engines, each with its own database) pushing the same records at the same
 * time: Xero must get nothing twice — contacts, invoices, payments, credit notes, allocations.
 */
let world: World;
beforeEach(async () => {
  world = await startWorld({ settings: worldSettings({ invoicePrefix: 'TW-', creditNotePrefix: 'TWCN-' }) });
  await control(world.xero, 'limits', { perMinute: 1_000_000, perDay: 1_000_000 });
});
afterEach(async () => {
  await world.close();
});

describe('two engines at once', () => {
  it('push the same records without a duplicate of anything', { timeout: 120_000 }, async () => {
    const data = clinicDataset({ patients: 40, invoices: 120, creditNotes: 15 }, 11, undefined, {
      splitPayments: true,
    });
    const second = world.another();
    for (const engine of [world.engine, second.engine]) {
      for (const chunk of chunkRecords(data, 500)) await engine.submit(chunk, { trigger: 'manual' });
    }
    const [a, b] = await Promise.all([world.engine.drain(), second.engine.drain()]);
    expect([a.stopped, b.stopped]).toEqual(['idle', 'idle']);
    // Whatever one of them could not know while both were running, a last pass of each settles.
    await world.engine.drain();
    await second.engine.drain();

    expect(differences(world.xero, AU, data, { invoice: 'TW-', creditNote: 'TWCN-' })).toEqual([]);
    for (const engine of [world.engine, second.engine]) {
      expect((await engine.summary()).counts).toMatchObject({ failed: 0, blocked: 0, queued: 0, waiting: 0 });
    }
  });
});

describe('a payment doubled by a push from elsewhere', () => {
  it('is found after the next payments go out and removed, keeping one by a rule every engine shares', async () => {
    const { invoice, patient, payment, records } = await import('../../support/engine-world');
    await world.engine.submit(
      records({
        patients: [patient('1')],
        invoices: [invoice('301', '1'), invoice('302', '1')],
        payments: [payment('9301', [{ invoiceId: '301', amount: '50.00' }])],
      }),
      { trigger: 'manual' },
    );
    await world.engine.drain();
    const books = world.xero.state.books.get(AU)!;
    const first = books.payments.find((p) => p.Reference?.endsWith('[PS harbourside:9301>301]'))!;
    // Another browser's engine recorded the same PMS payment at the same moment.
    const response = await api(world.xero, 'Payments?summarizeErrors=false', {
      token: world.token,
      tenantId: AU,
      method: 'PUT',
      body: {
        Payments: [
          {
            Invoice: { InvoiceID: first.InvoiceID },
            Account: { Code: '091' },
            Date: '2026-11-03',
            Amount: 50,
            Reference: first.Reference,
          },
        ],
      },
    });
    expect(response.ok).toBe(true);
    const tagged = () =>
      books.payments.filter((p) => p.Reference === first.Reference && p.Status !== 'DELETED');
    expect(tagged()).toHaveLength(2);

    await world.engine.submit(
      records({ payments: [payment('9302', [{ invoiceId: '302', amount: '20.00' }])] }),
      {
        trigger: 'manual',
      },
    );
    const report = await world.engine.drain();
    expect(report.doublesRemoved).toBe(1);
    const survivors = tagged();
    expect(survivors).toHaveLength(1);
    expect(survivors[0]!.PaymentID).toBe([first.PaymentID, books.payments.at(-2)!.PaymentID].sort()[0]);
    const link = await world.engine.link(AU, 'cliniko:harbourside|payment|9301>301');
    expect(link?.xeroId).toBe(survivors[0]!.PaymentID);
    const log = await world.engine.log({ result: 'info' });
    expect(log.map((e) => e.message).join('\n')).toContain('the extra copy was deleted');
  });
});
