import type { KyInstance } from 'ky';
import type { BuildEnv } from '../config/build-env';
import type { PracticeSyncDb } from '../db/database';
import { EngineDb } from '../engine/db';
import { type ConnectionState, SyncEngine } from '../engine/engine';
import { SyncRuns } from '../engine/runs';
import type { Alarms } from '../platform/alarms';
import { SettingsStore } from '../settings/settings-store';
import { syncSettingsDocument } from '../settings/sync-settings';
import { effectiveClientId, xeroAppSettings } from '../settings/xero-app-settings';
import { OrganisationListsService, readOrganisationLists } from '../setup/read-lists';
import { XeroAccounting } from '../xero/accounting/api';
import type { AuthFlow } from '../xero/auth-flow';
import { type RateLimitReading, XeroClient } from '../xero/client';
import type { ConnectAttemptStore } from '../xero/connect-attempts';
import type { XeroConnectionRecord } from '../xero/connection-record';
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
  /** Books the next sync run (chrome.alarms); absent where nothing needs waking. */
  alarms?: Pick<Alarms, 'scheduleOnce'>;
}

/** The alarm that wakes the worker to continue the queue at a given time. */
export const SYNC_RESUME_ALARM = 'sync-resume';
/** The longest wait a run sleeps through inside the service worker (Chrome stops idle workers at 30 s). */
export const SYNC_MAX_WAIT_MS = 20_000;

export interface ServiceDeps {
  env: BuildEnv;
  db: PracticeSyncDb;
  platform: ServicePlatform;
  /** The clock (epoch ms). */
  now?: () => number;
  /** The ky instance every call to Xero goes through; tests pass one that watches the traffic. */
  http?: KyInstance;
  /** The sync engine's own database (outbox, links, log); kept apart from the tokens. */
  engineDb?: EngineDb;
}

/**
 * Builds the background's services, each from the ones above it. The service worker, the
 * integration tests and a Node harness all build them here, so their wiring cannot drift apart.
 * Holds no state of its own: everything durable is in `db`.
 *
 * Adding a service: one `const` line below the services it uses, and its name in the result.
 */
export function createServices({
  env,
  db,
  platform,
  now = Date.now,
  http,
  engineDb = new EngineDb(`${db.name}-engine`),
}: ServiceDeps) {
  const endpoints = endpointsFor(env.emulatorUrl);
  const xeroApp = new SettingsStore(db, xeroAppSettings);
  const connectionStore = new ConnectionStore(db);
  const oauth = new XeroOAuth(endpoints, { http });
  const session = new XeroSession({ store: connectionStore, oauth, now });
  // Xero's remaining-quota headers go to the sync engine's limiter (it is built further down).
  let quota: ((reading: RateLimitReading) => void) | undefined;
  const client = new XeroClient({
    session,
    http,
    apiBase: endpoints.api,
    connectionsUrl: endpoints.connections,
    onRateLimitReading: (reading) => quota?.(reading),
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
  const syncSettings = new SettingsStore(db, syncSettingsDocument);
  const sync = new SyncEngine({
    db: engineDb,
    xero: { send: (request) => client.accounting(request) },
    settings: () => syncSettings.get(),
    connection: async () => connectionState(await connectionStore.load()),
    clock: { now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    maxWaitMs: SYNC_MAX_WAIT_MS,
  });
  quota = (reading) => sync.noteLimits(reading);
  // The setup screens' reads go through the engine's limiter: they count against the same minute.
  const setupReads = new XeroAccounting(sync.transport);
  const organisationLists = new OrganisationListsService({
    read: (tenantId) => readOrganisationLists(setupReads, tenantId, now),
    connection: () => connectionStore.load(),
    now,
  });
  const syncRuns = new SyncRuns(sync, async (when) => {
    await platform.alarms?.scheduleOnce(SYNC_RESUME_ALARM, when);
  });
  return {
    env,
    db,
    endpoints,
    xeroApp,
    connectionStore,
    oauth,
    session,
    client,
    connection,
    syncSettings,
    sync,
    organisationLists,
    syncRuns,
  };
}

export type Services = ReturnType<typeof createServices>;

/** What the engine needs to know of the connection: whether Xero can be called at all. */
function connectionState(record: XeroConnectionRecord | undefined): ConnectionState {
  if (!record) return 'not-connected';
  return record.status === 'disconnected' ? 'disconnected' : 'connected';
}
