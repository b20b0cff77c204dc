import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XeroEmulator } from '../../emulator/xero/server';
import type { OrganisationLists, PracticeDirectory, SetupCheck } from '../../lib/setup/lists';
import { accountOptions, revenueTaxRateOptions } from '../../lib/setup/offer';
import { archiveAccount } from '../support/bookkeeper';
import { type ConnectedBackground, startConnectedBackground } from '../support/connected-background';
import { AU, invoice, patient, records, UK, worldSettings } from '../support/engine-world';

/**
 * The setup screens' requests as the service worker answers them: organisation lists read live
 * from the emulator (through the engine's limiter), "Check setup" over a draft or the stored
 * settings, and the practice directory learnt from submitted records.
 */
let xero: XeroEmulator;
let services: ConnectedBackground['services'];
let platform: ConnectedBackground['platform'];

const page = () => platform.runtime.pageSender('options.html');
const send = (type: string, payload: unknown) => platform.runtime.send({ type, payload }, page());
const value = async <T>(type: string, payload: unknown): Promise<T> => {
  const reply = (await send(type, payload)) as { ok: boolean; value?: T; error?: unknown };
  if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
};

const archive = (code: string) => archiveAccount(xero, AU, code);

beforeEach(async () => {
  ({ xero, services, platform } = await startConnectedBackground());
  expect(await send('sync.saveSettings', { document: worldSettings() })).toMatchObject({ ok: true });
});
afterEach(async () => {
  await xero.close();
});

describe('xero.lists', () => {
  it("reads the AU organisation's lists; revenue offers leave out archived account 250 and bank accounts", async () => {
    const lists = await value<OrganisationLists>('xero.lists', { tenantId: AU });
    expect(lists.organisationName).toBe('Harbourside Physiotherapy');
    expect(lists.accounts.find((a) => a.code === '250')).toMatchObject({ status: 'ARCHIVED' });
    const revenue = accountOptions(lists, 'revenue').map((a) => a.code);
    expect(revenue).toEqual(expect.arrayContaining(['200', '210', '220']));
    expect(revenue).not.toContain('250');
    expect(revenue).not.toContain('090');
    expect(revenue).not.toContain('091');
    expect(accountOptions(lists, 'payment').map((a) => a.code)).toEqual(
      expect.arrayContaining(['090', '091', '615']),
    );
    expect(revenueTaxRateOptions(lists).map((r) => r.taxType)).toContain('OUTPUT');
    // Archived tracking categories and options are listed, so a mapping to one can be flagged.
    expect(lists.trackingCategories.find((c) => c.name === 'Campaign')?.status).toBe('ARCHIVED');
  });

  it("counts against the organisation's limiter, and several sections asking at once make one set of calls", async () => {
    const before = services.sync.stats.calls;
    await Promise.all([
      value('xero.lists', { tenantId: AU }),
      value('xero.lists', { tenantId: AU }),
      value('xero.lists', { tenantId: AU }),
    ]);
    expect(services.sync.stats.calls - before).toBe(4);
    expect(services.sync.stats.byRoute['GET TrackingCategories']).toBe(1);
    await value('xero.lists', { tenantId: AU, refresh: true });
    expect(services.sync.stats.calls - before).toBe(8);
  });

  it('gives a clear error when Xero is disconnected', async () => {
    await services.connectionStore.update((r) => ({
      ...r,
      status: 'disconnected',
      disconnectedReason: 'revoked',
    }));
    expect(await send('xero.lists', { tenantId: AU })).toMatchObject({
      ok: false,
      error: { code: 'disconnected', message: expect.stringContaining('reconnect') },
    });
  });
});

describe('sync.checkSetup', () => {
  it('finds nothing wrong in the seeded settings, and flags a draft that maps a category to archived 250', async () => {
    const stored = await value<SetupCheck>('sync.checkSetup', {});
    expect(stored.organisations).toEqual({ [AU]: 'Harbourside Physiotherapy', [UK]: 'Clearsound Audiology' });
    // The world's settings leave one real gap: "Hearing aids" has an account only in the Leeds override.
    expect(stored.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ clinicId: null, path: 'revenueAccounts.Hearing aids' }),
    ]);
    // Leeds sends to the UK organisation and inherits "GST" → OUTPUT, which it does not have.
    expect(stored.problems).toContainEqual(
      expect.objectContaining({ clinicId: 'leeds', path: 'taxRates.GST', severity: 'warning' }),
    );

    const draft = worldSettings({ revenueAccounts: { Services: '250', Products: '220' } });
    const check = await value<SetupCheck>('sync.checkSetup', { document: draft });
    expect(check.problems).toContainEqual({
      clinicId: null,
      path: 'revenueAccounts.Services',
      severity: 'error',
      message: expect.stringContaining(
        'Account 250 (Pilates classes (discontinued)) is archived in Harbourside Physiotherapy',
      ),
    });
  });

  it('flags account 200 once a bookkeeper archived it in Xero, and the next invoice on it is refused', async () => {
    const settings = worldSettings({ revenueAccounts: { Services: '210', Products: '200' } });
    expect(await send('sync.saveSettings', { document: settings })).toMatchObject({ ok: true });
    const before = await value<SetupCheck>('sync.checkSetup', {});
    expect(before.problems.filter((p) => p.path === 'revenueAccounts.Products')).toEqual([]);

    await archive('200');
    const after = await value<SetupCheck>('sync.checkSetup', {});
    expect(after.problems).toContainEqual({
      clinicId: null,
      path: 'revenueAccounts.Products',
      severity: 'error',
      message: expect.stringContaining('Account 200 (Sales) is archived in Harbourside Physiotherapy'),
    });

    await send('sync.submit', {
      records: records({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] }),
      trigger: 'manual',
    });
    await services.syncRuns.kick();
    const failed = await services.sync.log({ result: 'failed' });
    expect(failed.map((e) => e.message).join('\n')).toContain(
      "Account code '200' is not a valid code for this document.",
    );
  });

  it('names an organisation the connection cannot reach as a problem of its clinic, not a crash', async () => {
    const stranger = '99999999-9999-4999-8999-999999999999';
    const draft = worldSettings();
    draft.clinics.elsewhere = { name: 'Elsewhere Clinic', tenantId: stranger };
    const check = await value<SetupCheck>('sync.checkSetup', { document: draft });
    expect(check.problems).toContainEqual({
      clinicId: 'elsewhere',
      path: 'tenantId',
      severity: 'error',
      message: expect.stringContaining(
        `The organisation ${stranger} is not one this Xero connection can reach`,
      ),
    });
    expect(Object.keys(check.organisations)).not.toContain(stranger);
  });

  it('refuses a draft that is not a valid settings document, naming the field', async () => {
    const bad = {
      ...worldSettings(),
      defaults: { ...worldSettings().defaults, taxRates: { GST: 'GST on Income' } },
    };
    expect(await send('sync.checkSetup', { document: bad })).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings', message: expect.stringContaining('defaults.taxRates.GST') },
    });
  });
});

describe('sync.directory', () => {
  it('lists what the submitted records named, sorted', async () => {
    expect(await value<PracticeDirectory>('sync.directory', {})).toMatchObject({
      clinics: [],
      categories: [],
    });
    await send('sync.submit', {
      records: records({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] }),
      trigger: 'manual',
    });
    expect(await value<PracticeDirectory>('sync.directory', {})).toEqual({
      clinics: [{ id: 'cbd', name: 'Harbourside CBD' }],
      practitioners: [{ id: '77', name: 'Dr Sam Lee' }],
      categories: ['Products', 'Services'],
      taxNames: [
        { name: 'GST', ratePercent: '10', clinicIds: ['cbd'] },
        { name: 'GST-free', ratePercent: '0', clinicIds: ['cbd'] },
      ],
      itemCodes: [],
      paymentMethods: [],
    });
  });
});

describe('the default organisation', () => {
  it('is the same choice in the popup and in Setup, whichever is changed', async () => {
    const chosen = await value<{ activeTenantId: string }>('connection.selectTenant', { tenantId: UK });
    expect(chosen.activeTenantId).toBe(UK);
    const settings = await value<{ settings: { defaults: { tenantId: string } } }>('sync.getSettings', {});
    expect(settings.settings.defaults.tenantId).toBe(UK);

    await value('sync.saveSettings', { document: worldSettings({ tenantId: AU }) });
    expect((await value<{ activeTenantId: string }>('connection.get', {})).activeTenantId).toBe(AU);
  });

  it('chosen in the popup is not undone by a Setup page that still shows the old settings', async () => {
    const shown = (await value<{ settings: unknown }>('sync.getSettings', {})).settings;
    await value('connection.selectTenant', { tenantId: UK });
    // The Setup tab saves its draft, based on what it showed before the popup's switch.
    const stale = await send('sync.saveSettings', {
      document: worldSettings({ tenantId: AU, invoicePrefix: 'NEW-' }),
      base: shown,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'settings-changed' } });
    const kept = await value<{ settings: { defaults: { tenantId: string; invoicePrefix: string } } }>(
      'sync.getSettings',
      {},
    );
    expect(kept.settings.defaults).toMatchObject({ tenantId: UK, invoicePrefix: 'HS-' });
    expect((await value<{ activeTenantId: string }>('connection.get', {})).activeTenantId).toBe(UK);
    // Looked at again, the same save goes through.
    await value('sync.saveSettings', {
      document: worldSettings({ tenantId: UK, invoicePrefix: 'NEW-' }),
      base: kept.settings,
    });
    expect(
      (await value<{ settings: { defaults: { invoicePrefix: string } } }>('sync.getSettings', {})).settings
        .defaults.invoicePrefix,
    ).toBe('NEW-');
  });

  it('in Setup may be an organisation that is not connected: the popup keeps its own', async () => {
    const elsewhere = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    await value('sync.saveSettings', { document: worldSettings({ tenantId: elsewhere }) });
    expect((await value<{ activeTenantId: string }>('connection.get', {})).activeTenantId).toBe(AU);
  });
});
