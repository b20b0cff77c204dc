import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SYNC_SETTINGS,
  overriddenKeys,
  readSyncSettings,
  SYNC_SETTINGS_VERSION,
  settingsForClinic,
} from './sync-settings';

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (version: number) =>
  JSON.parse(readFileSync(path.join(FIXTURES, `sync-settings-v${version}.json`), 'utf8')) as Record<
    string,
    unknown
  >;

describe('sync settings document', () => {
  it('has a saved fixture for every version, and each one reads as the current version', () => {
    const versions = readdirSync(FIXTURES)
      .map((f) => /^sync-settings-v(\d+)\.json$/.exec(f)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: SYNC_SETTINGS_VERSION }, (_, i) => i + 1));
    for (const version of versions) {
      const result = readSyncSettings(fixture(version));
      expect(result, `version ${version}`).toMatchObject({ ok: true });
      if (result.ok) expect(result.settings.version).toBe(SYNC_SETTINGS_VERSION);
    }
  });

  it('reads the defaults back unchanged', () => {
    expect(readSyncSettings(structuredClone(DEFAULT_SYNC_SETTINGS))).toEqual({
      ok: true,
      settings: DEFAULT_SYNC_SETTINGS,
    });
  });

  it('gives a clinic the defaults with its own overrides on top, maps merged key by key', () => {
    const result = readSyncSettings(fixture(1));
    if (!result.ok) throw new Error(result.error);
    const north = settingsForClinic(result.settings, 'harbourside-north');
    expect(north.tenantId).toBe('8b2d4e61-0c3f-4a7b-b5d2-6e9f1a3c7d20');
    expect(north.revenueAccounts).toEqual({ Services: '4000', Products: '210' });
    expect(north.taxRates).toEqual({ GST: 'OUTPUT2', 'GST-free': 'EXEMPTOUTPUT' });
    expect(north.invoicePrefix).toBe('HS-');
    expect(north.mode).toBe('auto');
    const cbd = settingsForClinic(result.settings, 'harbourside-cbd');
    expect(cbd).toEqual(result.settings.defaults);
    expect(overriddenKeys(result.settings, 'harbourside-north')).toEqual([
      'tenantId',
      'revenueAccounts',
      'taxRates',
      'paymentAccounts',
      'defaultPaymentAccount',
      'rounding',
    ]);
  });

  it.each([
    [null, 'A settings document is a JSON object.'],
    [{ format: 'other', version: 1 }, 'Not a settings document'],
    [{ ...DEFAULT_SYNC_SETTINGS, version: 99 }, 'newer than this extension understands'],
    [{ ...DEFAULT_SYNC_SETTINGS, version: 0 }, '"version" must be a whole number'],
    [
      {
        ...DEFAULT_SYNC_SETTINGS,
        defaults: { ...DEFAULT_SYNC_SETTINGS.defaults, taxRates: { GST: 'GST on Income' } },
      },
      'Settings defaults.taxRates.GST: a Xero tax type code',
    ],
    [{ ...DEFAULT_SYNC_SETTINGS, clinics: { x: { tenantId: 'not-a-guid' } } }, 'Settings clinics.x.tenantId'],
    [{ ...DEFAULT_SYNC_SETTINGS, surprise: 1 }, 'Settings (the document)'],
  ])('refuses a bad document with a clear error (%#)', (input, message) => {
    const result = readSyncSettings(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});
