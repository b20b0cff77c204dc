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

export interface XeroConnectionRecord {
  id: 'current';
  status: 'connected' | 'disconnected';
  /** The Xero app the tokens belong to: a token set is only valid with its own client id. */
  clientId: string;
  tokens: StoredTokens;
  xeroUserId?: string;
  authEventId?: string;
  tenants: ConnectedTenant[];
  activeTenantId: string | null;
  disconnectedReason?: string;
  disconnectedAt?: number;
  connectedAt: number;
}
