import type { EmulatorRequest } from '../http';

/**
 * The boundary between the emulator's HTTP/auth layer (server.ts: tokens, tenant header,
 * rate limits, idempotency, faults) and the accounting API (this folder: documents and Xero's
 * rules). The HTTP layer has already authenticated the caller and resolved the tenant.
 */
export interface AccountingCall {
  request: EmulatorRequest;
  /** Scopes granted to the access token (granular 2026 names and/or the broad ones). */
  scopes: ReadonlySet<string>;
  /** The emulator's controllable clock. */
  now: Date;
  /** The app's name, echoed as ProviderName in envelopes. */
  providerName: string;
}
