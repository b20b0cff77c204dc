import type { KyInstance } from 'ky';
import type { BuildEnv } from '../config/build-env';
import type { PracticeSyncDb } from '../db/database';
import { SettingsStore } from '../settings/settings-store';
import { effectiveClientId, xeroAppSettings } from '../settings/xero-app-settings';
import type { AuthFlow } from '../xero/auth-flow';
import { XeroClient } from '../xero/client';
import type { ConnectAttemptStore } from '../xero/connect-attempts';
import { ConnectionService } from '../xero/connection-service';
import { ConnectionStore } from '../xero/connection-store';
import { endpointsFor } from '../xero/endpoints';
import { XeroOAuth } from '../xero/oauth';
import { SCOPES } from '../xero/scopes';
import { XeroSession } from '../xero/session';

/**
 * What the services need from the browser. In the extension: `chromePlatform()`; in tests and in
 * Node: doubles from `lib/testing/`. Nothing here touches chrome.* itself.
 */
export interface ServicePlatform {
  authFlow: AuthFlow;
  connectAttempts: ConnectAttemptStore;
}

export interface ServiceDeps {
  env: BuildEnv;
  db: PracticeSyncDb;
  platform: ServicePlatform;
  /** The clock (epoch ms). */
  now?: () => number;
  /** The ky instance every call to Xero goes through; tests pass one that watches the traffic. */
  http?: KyInstance;
}

/**
 * Builds the background's services, each from the ones above it. The service worker, the
 * integration tests and a Node harness all build them here, so their wiring cannot drift apart.
 * Holds no state of its own: everything durable is in `db`.
 *
 * Adding a service: one `const` line below the services it uses, and its name in the result.
 */
export function createServices({ env, db, platform, now = Date.now, http }: ServiceDeps) {
  const endpoints = endpointsFor(env.emulatorUrl);
  const xeroApp = new SettingsStore(db, xeroAppSettings);
  const connectionStore = new ConnectionStore(db);
  const oauth = new XeroOAuth(endpoints, { http });
  const session = new XeroSession({ store: connectionStore, oauth, now });
  const client = new XeroClient({
    session,
    http,
    apiBase: endpoints.api,
    connectionsUrl: endpoints.connections,
  });
  const connection = new ConnectionService({
    store: connectionStore,
    attempts: platform.connectAttempts,
    oauth,
    client,
    authFlow: platform.authFlow,
    endpoints,
    // Settings that cannot be read stop a Connect with that reason, rather than connecting some other app.
    clientId: async () => effectiveClientId(await xeroApp.get(), env.defaultClientId),
    scopes: async () => SCOPES[(await xeroApp.get()).scopeProfile],
    now,
  });
  return { env, db, endpoints, xeroApp, connectionStore, oauth, session, client, connection };
}

export type Services = ReturnType<typeof createServices>;
