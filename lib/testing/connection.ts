import type { XeroConnectionRecord } from '../xero/connection-record';
import { ConnectionStore } from '../xero/connection-store';
import { testDb } from './db';

/** A connection store on a fresh test database. */
export function freshConnectionStore(): ConnectionStore {
  return new ConnectionStore(testDb());
}

/** A connected record whose access token has expired (so the first use refreshes it). */
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
