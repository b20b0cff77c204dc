import { describe, expect, it } from 'vitest';
import { PracticeSyncDb } from '../db/database';
import { testDb } from '../testing/db';
import { SettingsStore } from './settings-store';
import { UnreadableSettingsError } from './versioned';
import {
  DEFAULT_XERO_APP_SETTINGS,
  effectiveClientId,
  toXeroAppSettingsView,
  xeroAppSettings,
} from './xero-app-settings';

const storeOn = (db: PracticeSyncDb) => new SettingsStore(db, xeroAppSettings);

describe('Xero app settings', () => {
  it('defaults to the built-in client id and granular scopes', async () => {
    const settings = storeOn(testDb());
    expect(await settings.get()).toEqual(DEFAULT_XERO_APP_SETTINGS);
    expect(effectiveClientId(await settings.get(), 'built-in')).toBe('built-in');
  });

  it('stores an override that wins over the built-in client id, and it survives a restart', async () => {
    const db = testDb();
    await storeOn(db).save({ xeroClientId: '  ABC123_my-app ', scopeProfile: 'broad' });
    const settings = await storeOn(new PracticeSyncDb(db.name)).get();
    expect(settings).toEqual({ xeroClientId: 'ABC123_my-app', scopeProfile: 'broad' });
    expect(effectiveClientId(settings, 'built-in')).toBe('ABC123_my-app');
  });

  it('rejects a malformed client id and leaves the stored settings unchanged', async () => {
    const settings = storeOn(testDb());
    await settings.save({ xeroClientId: 'good-id', scopeProfile: 'granular' });
    await expect(
      settings.save({ xeroClientId: 'bad id <script>', scopeProfile: 'granular' }),
    ).rejects.toThrow('A Xero client id is letters, digits');
    expect((await settings.get()).xeroClientId).toBe('good-id');
  });

  it('reports damaged settings with what is stored, keeps them, and never uses the defaults instead', async () => {
    const db = testDb();
    const damaged = { key: xeroAppSettings.key, value: { xeroClientId: 42, scopeProfile: 'everything' } };
    await db.settings.put(damaged);
    const settings = storeOn(db);
    const view = toXeroAppSettingsView(await settings.read());
    expect(view).toEqual({
      settings: DEFAULT_XERO_APP_SETTINGS,
      unreadable: {
        reason: expect.stringContaining('xeroClientId'),
        stored: expect.stringContaining('"xeroClientId": 42'),
      },
    });
    await expect(settings.get()).rejects.toThrow(UnreadableSettingsError);
    await expect(settings.get()).rejects.toThrow(/The saved Xero app settings cannot be read/);
    expect(await db.settings.get(xeroAppSettings.key)).toEqual(damaged);
  });

  it('shows a stored value that JSON cannot hold rather than failing', async () => {
    const db = testDb();
    const cyclic: Record<string, unknown> = { xeroClientId: 'x' };
    cyclic.self = cyclic;
    await db.settings.put({ key: xeroAppSettings.key, version: 7, value: cyclic });
    expect(toXeroAppSettingsView(await storeOn(db).read()).unreadable).toEqual({
      reason: expect.stringContaining('newer release'),
      stored: '[object Object]',
    });
  });

  it('shows saved settings as they are, with nothing unreadable', async () => {
    const settings = storeOn(testDb());
    await settings.save({ xeroClientId: 'abc', scopeProfile: 'broad' });
    expect(toXeroAppSettingsView(await settings.read())).toEqual({
      settings: { xeroClientId: 'abc', scopeProfile: 'broad' },
    });
  });

  it('says what to do when no client id is known at all', () => {
    expect(() => effectiveClientId(DEFAULT_XERO_APP_SETTINGS, undefined)).toThrow(/options page/);
  });
});
