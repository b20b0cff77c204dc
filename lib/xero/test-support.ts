import { PracticeSyncDb } from '../db/database';
import type { XeroConnectionRecord } from './connection-record';
import { ConnectionStore } from './connection-store';

/** A connection store on a fresh fake-indexeddb database (each test gets its own). */
export function freshStore(): ConnectionStore {
  return new ConnectionStore(new PracticeSyncDb(`test-${crypto.randomUUID()}`));
}

export function connectedRecord(overrides: Partial<XeroConnectionRecord> = {}): XeroConnectionRecord {
  return {
    id: 'current',
    status: 'connected',
    generation: 'generation-1',
    clientId: 'client-1',
    authEventId: 'event-1',
    tokens: {
      accessToken: 'access-1',
      accessTokenExpiresAt: 0,
      refreshToken: 'refresh-1',
      refreshTokenExpiresAt: Date.now() + 1e9,
      issuedAt: 0,
      scope: 'offline_access',
    },
    tenants: [],
    activeTenantId: null,
    connectedAt: 0,
    ...overrides,
  };
}
