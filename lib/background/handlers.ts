import type { Handlers } from '../messaging/router';
import type { Services } from './services';

/**
 * What the background answers to each request of the protocol (`lib/messaging/protocol.ts`).
 * The router has checked the sender and the input before any of these runs. A new request type
 * does not compile until it has its line here.
 */
export function createHandlers({ connection, settings }: Services): Handlers {
  return {
    'connection.get': () => connection.view(),
    'connection.verify': () => connection.verify(),
    'connection.connect': () => connection.connect(),
    'connection.disconnect': () => connection.disconnect(),
    'connection.selectTenant': ({ tenantId }) => connection.selectTenant(tenantId),
    'settings.getXeroApp': () => settings.xeroApp(),
    'settings.updateXeroApp': (patch) => settings.updateXeroApp(patch),
  };
}
