import { defineConfig } from 'wxt';
import { MANIFEST_PUBLIC_KEY } from './lib/config/extension-identity';

/**
 * Two kinds of build:
 * - production (default): talks to Xero's real endpoints, asks for Xero's hosts only;
 * - `--mode emulator`: talks to the local Xero emulator named by WXT_XERO_EMULATOR_URL (.env.emulator)
 *   and asks for the loopback host instead. Used by the demo and the end-to-end tests.
 */
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  manifest: ({ mode }) => {
    const emulatorUrl = process.env.WXT_XERO_EMULATOR_URL;
    if (mode === 'emulator' && !emulatorUrl) {
      throw new Error('An emulator build needs WXT_XERO_EMULATOR_URL (see .env.emulator).');
    }
    if (emulatorUrl && mode !== 'emulator') {
      throw new Error('WXT_XERO_EMULATOR_URL is only for `--mode emulator` builds.');
    }
    const hostPermissions =
      mode === 'emulator'
        ? [`${loopbackOrigin(emulatorUrl!)}/*`]
        : ['https://identity.xero.com/*', 'https://api.xero.com/*'];
    return {
      name: mode === 'emulator' ? 'Practice Sync for Xero (emulator)' : 'Practice Sync for Xero',
      description: 'Send invoices, payments and patients from your practice-management system to Xero.',
      key: MANIFEST_PUBLIC_KEY,
      permissions: ['identity', 'storage', 'alarms'],
      host_permissions: hostPermissions,
      action: { default_title: 'Practice Sync for Xero' },
    };
  },
});

function loopbackOrigin(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname !== '127.0.0.1' || parsed.protocol !== 'http:') {
    throw new Error(`WXT_XERO_EMULATOR_URL must be http://127.0.0.1:<port>, got ${url}`);
  }
  // Match patterns ignore the port, so the permission covers the emulator on any port.
  return 'http://127.0.0.1';
}
