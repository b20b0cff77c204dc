import { describe, expect, it } from 'vitest';
import { PracticeSyncDb } from '../db/database';
import { testDb } from '../testing/db';
import { DEFAULT_XERO_APP_SETTINGS, effectiveClientId, SettingsStore } from './xero-app-settings';

describe('Xero app settings', () => {
  it('defaults to the built-in client id and granular scopes', async () => {
    const settings = new SettingsStore(testDb());
    expect(await settings.xeroApp()).toEqual(DEFAULT_XERO_APP_SETTINGS);
    expect(effectiveClientId(await settings.xeroApp(), 'built-in')).toBe('built-in');
  });

  it('stores an override that wins over the built-in client id, and it survives a restart', async () => {
    const db = testDb();
    await new SettingsStore(db).updateXeroApp({ xeroClientId: '  ABC123_my-app ', scopeProfile: 'broad' });
    const reopened = new SettingsStore(new PracticeSyncDb(db.name));
    const settings = await reopened.xeroApp();
    expect(settings).toEqual({ xeroClientId: 'ABC123_my-app', scopeProfile: 'broad' });
    expect(effectiveClientId(settings, 'built-in')).toBe('ABC123_my-app');
  });

  it('rejects a malformed client id and leaves the stored settings unchanged', async () => {
    const settings = new SettingsStore(testDb());
    await settings.updateXeroApp({ xeroClientId: 'good-id' });
    await expect(settings.updateXeroApp({ xeroClientId: 'bad id <script>' })).rejects.toThrow(
      'A Xero client id is letters, digits',
    );
    expect((await settings.xeroApp()).xeroClientId).toBe('good-id');
  });

  it('falls back to the defaults when stored settings are damaged', async () => {
    const db = testDb();
    await db.settings.put({ key: 'connection', value: { xeroClientId: 42, scopeProfile: 'everything' } });
    expect(await new SettingsStore(db).xeroApp()).toEqual(DEFAULT_XERO_APP_SETTINGS);
  });

  it('says what to do when no client id is known at all', () => {
    expect(() => effectiveClientId(DEFAULT_XERO_APP_SETTINGS, undefined)).toThrow(/options page/);
  });
});
