import { afterEach, describe, expect, it, vi } from 'vitest';
import { MANIFEST_PUBLIC_KEY } from '../../lib/config/extension-identity';
import config from '../../wxt.config';

type ManifestFn = (env: { mode: string; browser: string; manifestVersion: 3; command: 'build' }) => {
  host_permissions?: string[];
  permissions?: string[];
  key?: string;
};

const manifestFor = (mode: string) =>
  (config.manifest as unknown as ManifestFn)({
    mode,
    browser: 'chrome',
    manifestVersion: 3,
    command: 'build',
  });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('manifest per build mode', () => {
  it('production asks for Xero’s hosts and no loopback permission', () => {
    vi.stubEnv('WXT_XERO_EMULATOR_URL', '');
    const manifest = manifestFor('production');
    expect(manifest.host_permissions).toEqual(['https://identity.xero.com/*', 'https://api.xero.com/*']);
    expect(JSON.stringify(manifest)).not.toMatch(/127\.0\.0\.1|localhost/);
    expect(manifest.permissions).toEqual(expect.arrayContaining(['identity', 'storage', 'alarms']));
  });

  it('the emulator build asks for loopback only', () => {
    vi.stubEnv('WXT_XERO_EMULATOR_URL', 'http://127.0.0.1:4560');
    expect(manifestFor('emulator').host_permissions).toEqual(['http://127.0.0.1/*']);
  });

  it('pins the extension id with the manifest key in every mode', () => {
    vi.stubEnv('WXT_XERO_EMULATOR_URL', '');
    expect(manifestFor('production').key).toBe(MANIFEST_PUBLIC_KEY);
  });

  it('refuses an emulator URL in a production build, and a non-loopback emulator', () => {
    vi.stubEnv('WXT_XERO_EMULATOR_URL', 'http://127.0.0.1:4560');
    expect(() => manifestFor('production')).toThrow(/only for `--mode emulator`/);
    vi.stubEnv('WXT_XERO_EMULATOR_URL', 'http://192.0.2.1:4560');
    expect(() => manifestFor('emulator')).toThrow(/127\.0\.0\.1/);
  });
});
