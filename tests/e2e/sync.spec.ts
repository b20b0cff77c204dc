import { SEED_TENANTS } from '../../emulator/xero/accounting/seed';
import { control } from '../../emulator/xero/test-support/harness';
import { invoice, patient, records, SOURCE, worldSettings } from '../support/engine-world';
import { request } from './extension-requests';
import { connectThroughConsent, expect, test } from './fixtures';

const AU = SEED_TENANTS.auClinic;

async function invoicesNumbered(xero: Parameters<typeof control>[0], number: string) {
  const state = await (await control(xero, 'state')).json();
  const books = state.tenants.find((t: { tenantId: string }) => t.tenantId === AU.tenantId);
  return books.Invoices.filter((i: { InvoiceNumber: string }) => i.InvoiceNumber === number);
}

test('the background sends submitted records to Xero and finishes a batch whose worker was stopped mid-request, without a duplicate', async ({
  context,
  popup,
  extensionId,
  xero,
}) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  expect(await request(options, 'sync.saveSettings', { document: worldSettings() })).toMatchObject({
    ok: true,
  });

  const first = records({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] });
  expect(await request(options, 'sync.submit', { records: first, trigger: 'manual' })).toMatchObject({
    ok: true,
    value: { queued: 2 },
  });
  await expect
    .poll(async () => (await invoicesNumbered(xero, 'HS-5001')).length, { timeout: 20_000 })
    .toBe(1);

  // The next invoice's request is held at Xero for a while; the worker is stopped while it waits.
  await control(xero, 'faults', {
    faults: [
      {
        match: { method: 'PUT', path: '/api.xro/2.0/Invoices' },
        times: 2,
        action: { type: 'delay', ms: 3000 },
      },
    ],
  });
  await request(options, 'sync.submit', {
    records: records({ invoices: [invoice('5002', '1001')] }),
    trigger: 'manual',
  });
  const ref = { source: SOURCE, kind: 'invoice', id: '5002' };
  const stateOf = async () =>
    ((await request(options, 'sync.status', { refs: [ref] })).value as { state: string }[])[0]?.state;
  // The request has reached Xero (the emulator holds it) when the worker is stopped.
  const held = async () =>
    ((await (await control(xero, 'state')).json()) as { faults: { fired: number }[] }).faults[0]?.fired ?? 0;
  await expect.poll(held, { timeout: 10_000, intervals: [50] }).toBe(1);
  expect(await stateOf()).toBe('syncing');
  const cdp = await context.newCDPSession(options);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.includes(extensionId)) statuses.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => statuses.at(-1)).toBe('stopped');
  // The held request still lands in Xero; its answer has nobody to go to.
  await expect
    .poll(async () => (await invoicesNumbered(xero, 'HS-5002')).length, { timeout: 10_000 })
    .toBe(1);

  // Any message wakes a new worker, which takes the batch back and finishes it.
  await expect.poll(stateOf, { timeout: 30_000 }).toBe('synced');
  expect(await invoicesNumbered(xero, 'HS-5002')).toHaveLength(1);
  expect(await invoicesNumbered(xero, 'HS-5001')).toHaveLength(1);
});
