import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XeroEmulator } from '../../emulator/xero/server';
import { type ConnectedBackground, startConnectedBackground } from '../support/connected-background';
import { AU, invoice, patient, payment, records, SOURCE, worldSettings } from '../support/engine-world';

/**
 * The sync engine as the service worker runs it: built by createServices, reached only through
 * the message protocol, talking to the emulator with the connection's own tokens.
 */
let xero: XeroEmulator;
let services: ConnectedBackground['services'];
let platform: ConnectedBackground['platform'];

const page = () => platform.runtime.pageSender('options.html');
const clinikoTab = (account: string) => ({
  id: platform.runtime.id,
  url: `https://${account}.au1.cliniko.com/invoices/5001`,
  tab: { id: 3 },
});
const send = (type: string, payload: unknown, sender = page()) =>
  platform.runtime.send({ type, payload }, sender);

beforeEach(async () => {
  ({ xero, services, platform } = await startConnectedBackground());
  await services.syncRuns.kick();
  expect(await send('sync.saveSettings', { document: worldSettings() })).toMatchObject({ ok: true });
});
afterEach(async () => {
  await xero.close();
});

const submission = records({
  patients: [patient('1001')],
  invoices: [invoice('5001', '1001')],
  payments: [payment('9001', [{ invoiceId: '5001', amount: '120.00' }])],
});

describe('the sync engine behind the message protocol', () => {
  it('takes records from the options page, sends them, and reports the invoice as synced', async () => {
    const reply = await send('sync.submit', { records: submission, trigger: 'manual' });
    expect(reply).toMatchObject({ ok: true, value: { accepted: 3, queued: 3 } });
    await services.syncRuns.kick();
    const invoices = xero.state.books.get(AU)!.invoices.filter((i) => i.InvoiceNumber === 'HS-5001');
    expect(invoices).toHaveLength(1);
    const status = await send('sync.status', { refs: [{ source: SOURCE, kind: 'invoice', id: '5001' }] });
    expect(status).toMatchObject({ ok: true, value: [{ state: 'synced', xero: { number: 'HS-5001' } }] });
    expect(await send('sync.summary', {})).toMatchObject({
      ok: true,
      value: { counts: { done: 3, failed: 0 }, connection: 'connected' },
    });
  });

  it("accepts a content script's records only for the practice its page belongs to", async () => {
    const own = await send(
      'sync.submit',
      { records: submission, trigger: 'auto' },
      clinikoTab('harbourside'),
    );
    expect(own).toMatchObject({ ok: true, value: { queued: 3 } });
    const other = await send(
      'sync.submit',
      { records: submission, trigger: 'auto' },
      clinikoTab('rival-clinic'),
    );
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden-source' } });
    const elsewhere = await send(
      'sync.submit',
      { records: submission, trigger: 'auto' },
      { id: platform.runtime.id, url: 'https://evil.example/x', tab: { id: 4 } },
    );
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'forbidden-source' } });
    const peek = await send(
      'sync.status',
      { refs: [{ source: SOURCE, kind: 'invoice', id: '5001' }] },
      clinikoTab('rival-clinic'),
    );
    expect(peek).toMatchObject({ ok: false, error: { code: 'forbidden-source' } });
  });

  it('pauses while Xero is disconnected, losing and failing nothing, and goes on after reconnecting', async () => {
    await services.connectionStore.update((r) => ({
      ...r,
      status: 'disconnected',
      disconnectedReason: 'revoked',
    }));
    await send('sync.submit', { records: submission, trigger: 'manual' });
    const report = await services.syncRuns.kick();
    expect(report?.stopped).toBe('disconnected');
    expect(xero.state.books.get(AU)!.invoices.filter((i) => i.InvoiceNumber === 'HS-5001')).toHaveLength(0);
    const waiting = await send('sync.status', { refs: [{ source: SOURCE, kind: 'invoice', id: '5001' }] });
    expect(waiting).toMatchObject({ ok: true, value: [{ state: 'disconnected' }] });
    expect(await send('sync.summary', {})).toMatchObject({ value: { counts: { failed: 0, blocked: 0 } } });

    await services.connectionStore.update((r) => ({ ...r, status: 'connected' }));
    await services.syncRuns.kick();
    expect(xero.state.books.get(AU)!.invoices.filter((i) => i.InvoiceNumber === 'HS-5001')).toHaveLength(1);
  });

  it('tells open pages about changes live, and a content script only about its own practice', async () => {
    const options = platform.ports.connect('sync-updates', page());
    const ownTab = platform.ports.connect('sync-updates', clinikoTab('harbourside'));
    const otherTab = platform.ports.connect('sync-updates', clinikoTab('rival-clinic'));
    await send('sync.submit', { records: submission, trigger: 'manual' });
    await services.syncRuns.kick();
    const changed = (received: unknown[]) =>
      received.filter(
        (m): m is { type: string; docKeys: string[] } => (m as { type: string }).type === 'sync.changed',
      );
    expect(changed(options.received).flatMap((m) => m.docKeys)).toContain('cliniko:harbourside|invoice|5001');
    expect(changed(ownTab.received).flatMap((m) => m.docKeys)).toContain('cliniko:harbourside|invoice|5001');
    expect(otherTab.received).toEqual([]);
    options.disconnect();
    const before = options.received.length;
    await send('sync.submit', {
      records: records({ patients: [patient('1001', 'Jane', 'Smith')] }),
      trigger: 'manual',
    });
    await services.syncRuns.kick();
    expect(options.received.length).toBe(before);
  });

  it('refuses a bad settings document with a clear error and keeps the one saved', async () => {
    const bad = {
      ...worldSettings(),
      defaults: { ...worldSettings().defaults, taxRates: { GST: 'GST on Income' } },
    };
    const reply = await send('sync.saveSettings', { document: bad });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings', message: expect.stringContaining('defaults.taxRates.GST') },
    });
    expect(await send('sync.getSettings', {})).toMatchObject({
      ok: true,
      value: { status: 'saved', settings: { defaults: { taxRates: { GST: 'OUTPUT' } } } },
    });
  });
});
