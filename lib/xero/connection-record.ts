/** What the extension keeps about its Xero connection (one record, id 'current'). */

export interface StoredTokens {
  accessToken: string;
  /** Epoch ms. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  /** Xero does not say; 60 days after issue, as documented. Epoch ms. */
  refreshTokenExpiresAt: number;
  issuedAt: number;
  scope: string;
}

export interface ConnectedTenant {
  tenantId: string;
  connectionId: string;
  tenantName: string;
  /** From GET /Organisation, once read. */
  organisation?: {
    name: string;
    shortCode?: string;
    baseCurrency?: string;
    countryCode?: string;
  };
}

/**
 * - `pending`: Xero granted access and the tokens are stored, but the organisations chosen in that
 *   consent have not been read yet (the worker may have stopped, or Xero not answered); the next
 *   check finishes the job.
 * - `connected`: usable.
 * - `disconnected`: Xero stopped accepting the refresh token; everything else is kept for Reconnect.
 */
export type ConnectionStatus = 'pending' | 'connected' | 'disconnected';

export interface XeroConnectionRecord {
  id: 'current';
  status: ConnectionStatus;
  /** New for every consent: lets a slow operation notice that a reconnect replaced its connection. */
  generation: string;
  /** The Xero app the tokens belong to: a token set is only valid with its own client id. */
  clientId: string;
  tokens: StoredTokens;
  xeroUserId?: string;
  /** The consent event whose organisations this connection uses (from the access token). */
  authEventId: string;
  tenants: ConnectedTenant[];
  activeTenantId: string | null;
  disconnectedReason?: string;
  disconnectedAt?: number;
  connectedAt: number;
}
