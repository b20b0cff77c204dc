import type { XeroConnectionRecord } from './connection-record';
import { type ConnectionStore, toStoredTokens } from './connection-store';
import { OAuthError, XeroDisconnectedError, XeroNotConnectedError } from './errors';
import type { XeroOAuth } from './oauth';

/** Refresh this long before the access token's stated expiry, so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;

export interface SessionDeps {
  store: ConnectionStore;
  oauth: Pick<XeroOAuth, 'refresh'>;
  now?: () => number;
  /** Told when the connection turns "disconnected", e.g. to update badges. */
  onDisconnected?: (reason: string) => void;
}

const DISCONNECTED_REASONS = {
  invalid_grant: 'Xero no longer accepts this connection (it expired or was revoked). Reconnect to Xero.',
  invalid_client:
    'Xero does not recognise the app (client id). Check the client id in the options and reconnect.',
} as const;

/**
 * Hands out access tokens. Refreshes are single-flight: however many callers find the token
 * expired at once, one refresh goes to Xero and all of them wait for it. The rotated refresh
 * token is stored before the new access token is handed to anyone, so a worker killed right
 * after a refresh never loses the only valid refresh token. Every write is a compare-and-set
 * against the refresh token it started from, so a disconnect or reconnect that happens while a
 * refresh is in flight is never overwritten by it.
 */
export class XeroSession {
  private inflight: Promise<string> | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? Date.now;
  }

  async accessToken(): Promise<string> {
    const record = usable(await this.deps.store.load());
    if (this.isFresh(record)) return record.tokens.accessToken;
    return this.refresh(record.tokens.accessToken);
  }

  /**
   * Called after Xero answered 401 to `rejected`. Refreshes unless someone already replaced
   * that token, in which case the newer one is returned without another refresh.
   */
  async accessTokenAfterRejection(rejected: string): Promise<string> {
    return this.refresh(rejected);
  }

  private isFresh(record: XeroConnectionRecord): boolean {
    return record.tokens.accessTokenExpiresAt - EXPIRY_MARGIN_MS > this.now();
  }

  private refresh(stale: string): Promise<string> {
    this.inflight ??= this.runRefresh(stale).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async runRefresh(stale: string): Promise<string> {
    const record = usable(await this.deps.store.load());
    if (record.tokens.accessToken !== stale && this.isFresh(record)) return record.tokens.accessToken;
    const used = record.tokens.refreshToken;
    const unchanged = (r: XeroConnectionRecord) =>
      r.generation === record.generation && r.tokens.refreshToken === used;

    let response: Awaited<ReturnType<XeroOAuth['refresh']>>;
    try {
      response = await this.deps.oauth.refresh({ clientId: record.clientId, refreshToken: used });
    } catch (error) {
      if (
        error instanceof OAuthError &&
        (error.code === 'invalid_grant' || error.code === 'invalid_client')
      ) {
        const reason = DISCONNECTED_REASONS[error.code];
        const marked = await this.deps.store.update((r) =>
          unchanged(r)
            ? { ...r, status: 'disconnected', disconnectedReason: reason, disconnectedAt: this.now() }
            : null,
        );
        // A reconnect landed while this refresh was failing: its tokens are not the dead ones.
        if (!marked) return this.currentToken();
        this.deps.onDisconnected?.(reason);
        throw new XeroDisconnectedError(reason);
      }
      // Network trouble or a Xero outage: the refresh token may still be good (Xero allows a
      // lost response to be retried for 30 minutes), so stay connected and let the caller retry.
      throw error;
    }
    const tokens = toStoredTokens(response, this.now(), used);
    const written = await this.deps.store.update((r) => (unchanged(r) ? { ...r, tokens } : null));
    // Never hand out a token whose write did not land.
    if (!written) return this.currentToken();
    return tokens.accessToken;
  }

  /** After the connection changed under a refresh (disconnect, reconnect): whatever is stored now. */
  private async currentToken(): Promise<string> {
    return usable(await this.deps.store.load()).tokens.accessToken;
  }
}

function usable(record: XeroConnectionRecord | undefined): XeroConnectionRecord {
  if (!record) throw new XeroNotConnectedError();
  if (record.status === 'disconnected') {
    throw new XeroDisconnectedError(record.disconnectedReason ?? 'Xero no longer accepts this connection.');
  }
  return record;
}
