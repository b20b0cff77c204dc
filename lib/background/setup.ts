import { readBuildEnv } from '../config/build-env';
import { PracticeSyncDb } from '../db/database';
import { createRouter, type Handlers } from '../messaging/router';
import { chromeAlarms } from '../platform/alarms';
import { chromeAuthFlow } from '../platform/identity';
import { chromeRuntimeMessages } from '../platform/runtime';
import { sessionStorageItem } from '../platform/storage-session';
import { effectiveClientId, SettingsStore } from '../settings/xero-app-settings';
import { XeroClient } from '../xero/client';
import { CONNECT_ATTEMPT_KEY, type ConnectAttempt } from '../xero/connect-attempts';
import { ConnectionService } from '../xero/connection-service';
import { ConnectionStore } from '../xero/connection-store';
import { endpointsFor } from '../xero/endpoints';
import { XeroOAuth } from '../xero/oauth';
import { SCOPES } from '../xero/scopes';
import { XeroSession } from '../xero/session';

const KEEPALIVE_ALARM = 'xero-keepalive';

/**
 * Wires the background service worker. Everything is registered synchronously (Chrome only
 * delivers events to listeners added in the worker's first turn) and no state lives in memory:
 * a killed and restarted worker reads everything back from IndexedDB.
 */
export function startBackground(): void {
  const env = readBuildEnv();
  const endpoints = endpointsFor(env.emulatorUrl);
  const db = new PracticeSyncDb();
  const settings = new SettingsStore(db);
  const store = new ConnectionStore(db);
  const oauth = new XeroOAuth(endpoints);
  const session = new XeroSession({ store, oauth });
  const client = new XeroClient({ session, apiBase: endpoints.api, connectionsUrl: endpoints.connections });
  const connection = new ConnectionService({
    store,
    attempts: sessionStorageItem<ConnectAttempt>(CONNECT_ATTEMPT_KEY),
    oauth,
    client,
    authFlow: chromeAuthFlow(),
    endpoints,
    clientId: async () => effectiveClientId(await settings.xeroApp(), env.defaultClientId),
    scopes: async () => SCOPES[(await settings.xeroApp()).scopeProfile],
  });

  const handlers: Handlers = {
    'connection.get': () => connection.view(),
    'connection.verify': () => connection.verify(),
    'connection.connect': () => connection.connect(),
    'connection.disconnect': () => connection.disconnect(),
    'connection.selectTenant': ({ tenantId }) => connection.selectTenant(tenantId),
    'settings.getXeroApp': () => settings.xeroApp(),
    'settings.updateXeroApp': (patch) => settings.updateXeroApp(patch),
  };
  const messages = chromeRuntimeMessages();
  messages.listen(createRouter(handlers, messages.self()));

  // A refresh token unused for 60 days dies; a daily check keeps it rotating.
  const alarms = chromeAlarms();
  alarms.onAlarm((name) => {
    if (name === KEEPALIVE_ALARM) void connection.verify().catch(() => undefined);
  });
  void alarms.ensurePeriodic(KEEPALIVE_ALARM, 24 * 60);
}
