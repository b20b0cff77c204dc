import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_CONNECTION_SETTINGS,
  effectiveClientId,
  loadConnectionSettings,
  updateConnectionSettings,
} from './settings';

describe('connection settings', () => {
  it('defaults to the built-in client id and granular scopes', async () => {
    expect(await loadConnectionSettings()).toEqual(DEFAULT_CONNECTION_SETTINGS);
    expect(effectiveClientId(await loadConnectionSettings(), 'built-in')).toBe('built-in');
  });

  it('stores an override that wins over the built-in client id', async () => {
    await updateConnectionSettings({ xeroClientId: '  ABC123_my-app ', scopeProfile: 'broad' });
    const settings = await loadConnectionSettings();
    expect(settings).toEqual({ xeroClientId: 'ABC123_my-app', scopeProfile: 'broad' });
    expect(effectiveClientId(settings, 'built-in')).toBe('ABC123_my-app');
  });

  it('rejects a malformed client id and leaves the stored settings unchanged', async () => {
    await updateConnectionSettings({ xeroClientId: 'good-id' });
    await expect(updateConnectionSettings({ xeroClientId: 'bad id <script>' })).rejects.toThrow();
    expect((await loadConnectionSettings()).xeroClientId).toBe('good-id');
  });

  it('falls back to the defaults when stored settings are damaged', async () => {
    await fakeBrowser.storage.local.set({
      'settings.connection': { xeroClientId: 42, scopeProfile: 'everything' },
    });
    expect(await loadConnectionSettings()).toEqual(DEFAULT_CONNECTION_SETTINGS);
  });

  it('says what to do when no client id is known at all', () => {
    expect(() => effectiveClientId(DEFAULT_CONNECTION_SETTINGS, undefined)).toThrow(/options page/);
  });
});
