import { describe, expect, it } from 'vitest';
import { PracticeSyncDb } from '../db/database';
import { DEFAULT_CONNECTION_SETTINGS, effectiveClientId, SettingsStore } from './settings';

const freshDb = () => new PracticeSyncDb(`settings-${crypto.randomUUID()}`);

describe('connection settings', () => {
  it('defaults to the built-in client id and granular scopes', async () => {
    const settings = new SettingsStore(freshDb());
    expect(await settings.connection()).toEqual(DEFAULT_CONNECTION_SETTINGS);
    expect(effectiveClientId(await settings.connection(), 'built-in')).toBe('built-in');
  });

  it('stores an override that wins over the built-in client id, and it survives a restart', async () => {
    const db = freshDb();
    await new SettingsStore(db).updateConnection({ xeroClientId: '  ABC123_my-app ', scopeProfile: 'broad' });
    const reopened = new SettingsStore(new PracticeSyncDb(db.name));
    const settings = await reopened.connection();
    expect(settings).toEqual({ xeroClientId: 'ABC123_my-app', scopeProfile: 'broad' });
    expect(effectiveClientId(settings, 'built-in')).toBe('ABC123_my-app');
  });

  it('rejects a malformed client id and leaves the stored settings unchanged', async () => {
    const settings = new SettingsStore(freshDb());
    await settings.updateConnection({ xeroClientId: 'good-id' });
    await expect(settings.updateConnection({ xeroClientId: 'bad id <script>' })).rejects.toThrow(
      'A Xero client id is letters, digits',
    );
    expect((await settings.connection()).xeroClientId).toBe('good-id');
  });

  it('falls back to the defaults when stored settings are damaged', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'connection', value: { xeroClientId: 42, scopeProfile: 'everything' } });
    expect(await new SettingsStore(db).connection()).toEqual(DEFAULT_CONNECTION_SETTINGS);
  });

  it('says what to do when no client id is known at all', () => {
    expect(() => effectiveClientId(DEFAULT_CONNECTION_SETTINGS, undefined)).toThrow(/options page/);
  });
});
