import type { Handlers } from '../messaging/router';
import { toXeroAppSettingsView } from '../settings/xero-app-settings';
import type { Services } from './services';

/**
 * What the background answers to each request of the protocol (`lib/messaging/protocol.ts`).
 * The router has checked the sender and the input before any of these runs. A new request type
 * does not compile until it has its line here.
 */
export function createHandlers({ connection, xeroApp }: Services): Handlers {
  return {
    'connection.get': () => connection.view(),
    'connection.verify': () => connection.verify(),
    'connection.connect': () => connection.connect(),
    'connection.disconnect': () => connection.disconnect(),
    'connection.selectTenant': ({ tenantId }) => connection.selectTenant(tenantId),
    'settings.getXeroApp': async () => toXeroAppSettingsView(await xeroApp.read()),
    'settings.saveXeroApp': async (settings) => {
      await xeroApp.save(settings);
      return toXeroAppSettingsView(await xeroApp.read());
    },
  };
}
