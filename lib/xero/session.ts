import { OAuthError, XeroDisconnectedError, XeroNotConnectedError } from './errors';
import type { XeroOAuth } from './oauth';
import { type ConnectionStore, toStoredTokens } from './token-store';

/** Refresh this long before the access token's stated expiry, so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;

export interface SessionDeps {
  store: ConnectionStore;
  oauth: Pick<XeroOAuth, 'refresh'>;
  now?: () => number;
  /** Told when the connection turns "disconnected", e.g. to update badges. */
  onDisconnected?: (reason: string) => void;
}

/**
 * Hands out access tokens. Refreshes are single-flight: however many callers find the token
 * expired at once, one refresh goes to Xero and all of them wait for it. The rotated refresh
 * token is stored before the new access token is handed to anyone, so a worker killed right
 * after a refresh never loses the only valid refresh token.
 */
export class XeroSession {
  private inflight: Promise<string> | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? Date.now;
  }

  async accessToken(): Promise<string> {
    const record = await this.deps.store.load();
    if (!record) throw new XeroNotConnectedError();
    if (record.status === 'disconnected')
      throw new XeroDisconnectedError(record.disconnectedReason ?? 'refresh failed');
    if (record.tokens.accessTokenExpiresAt - EXPIRY_MARGIN_MS > this.now()) return record.tokens.accessToken;
    return this.refresh(record.tokens.accessToken);
  }

  /**
   * Called after Xero answered 401 to `rejected`. Refreshes unless someone already replaced
   * that token, in which case the newer one is returned without another refresh.
   */
  async accessTokenAfterRejection(rejected: string): Promise<string> {
    return this.refresh(rejected);
  }

  private refresh(stale: string): Promise<string> {
    this.inflight ??= this.runRefresh(stale).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async runRefresh(stale: string): Promise<string> {
    const record = await this.deps.store.load();
    if (!record) throw new XeroNotConnectedError();
    if (record.status === 'disconnected')
      throw new XeroDisconnectedError(record.disconnectedReason ?? 'refresh failed');
    if (
      record.tokens.accessToken !== stale &&
      record.tokens.accessTokenExpiresAt - EXPIRY_MARGIN_MS > this.now()
    ) {
      return record.tokens.accessToken;
    }
    let response: Awaited<ReturnType<XeroOAuth['refresh']>>;
    try {
      response = await this.deps.oauth.refresh({
        clientId: record.clientId,
        refreshToken: record.tokens.refreshToken,
      });
    } catch (error) {
      if (
        error instanceof OAuthError &&
        (error.code === 'invalid_grant' || error.code === 'invalid_client')
      ) {
        const reason =
          error.code === 'invalid_grant'
            ? 'Xero no longer accepts this connection (it expired or was revoked). Reconnect to Xero.'
            : 'Xero does not recognise the app (client id). Check the client id in the options and reconnect.';
        await this.deps.store.update((r) => ({
          ...r,
          status: 'disconnected',
          disconnectedReason: reason,
          disconnectedAt: this.now(),
        }));
        this.deps.onDisconnected?.(reason);
        throw new XeroDisconnectedError(reason);
      }
      // Network trouble or a Xero outage: the refresh token may still be good (Xero allows a
      // lost response to be retried for 30 minutes), so stay connected and let the caller retry.
      throw error;
    }
    const tokens = toStoredTokens(response, this.now(), record.tokens.refreshToken);
    await this.deps.store.update((r) => ({ ...r, tokens }));
    return tokens.accessToken;
  }
}
