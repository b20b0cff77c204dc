import type { PracticeSyncDb } from '../db/database';
import type { StoredTokens, XeroConnectionRecord } from './connection-record';
import type { TokenResponse } from './oauth';

const REFRESH_TOKEN_LIFETIME_MS = 60 * 24 * 60 * 60 * 1000;

/** Turns a token response into what is stored, keeping the old refresh token when Xero sends none. */
export function toStoredTokens(
  response: TokenResponse,
  now: number,
  previousRefreshToken?: string,
): StoredTokens {
  const refreshToken = response.refresh_token ?? previousRefreshToken;
  if (!refreshToken) throw new Error('Xero sent no refresh token: is offline_access among the scopes?');
  return {
    accessToken: response.access_token,
    accessTokenExpiresAt: now + response.expires_in * 1000,
    refreshToken,
    refreshTokenExpiresAt: now + REFRESH_TOKEN_LIFETIME_MS,
    issuedAt: now,
    scope: response.scope ?? '',
  };
}

/** The durable home of the connection record. Every write completes before the tokens are used. */
export class ConnectionStore {
  constructor(private readonly db: PracticeSyncDb) {}

  load(): Promise<XeroConnectionRecord | undefined> {
    return this.db.xeroConnection.get('current');
  }

  async save(record: XeroConnectionRecord): Promise<void> {
    await this.db.xeroConnection.put(record);
  }

  /**
   * Compare-and-set: `change` sees the record as it is now and returns the new one, or null to
   * leave it alone (because it is no longer the record the caller started from). Resolves to the
   * record written, or undefined when nothing was written.
   */
  async update(
    change: (record: XeroConnectionRecord) => XeroConnectionRecord | null,
  ): Promise<XeroConnectionRecord | undefined> {
    return this.db.transaction('rw', this.db.xeroConnection, async () => {
      const current = await this.db.xeroConnection.get('current');
      if (!current) return undefined;
      const next = change(current);
      if (!next) return undefined;
      await this.db.xeroConnection.put(next);
      return next;
    });
  }

  async clear(): Promise<void> {
    await this.db.xeroConnection.delete('current');
  }
}
