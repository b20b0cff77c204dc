import ky, { type KyInstance } from 'ky';

/** How long a call to Xero's API may take before it counts as lost (a retryable network error). */
export const API_TIMEOUT_MS = 60_000;
/** Xero's identity server answers token requests quickly; a stalled refresh should give up sooner. */
export const IDENTITY_TIMEOUT_MS = 30_000;

/**
 * The one ky set-up for calls to Xero: no retries of its own (the caller decides, knowing whether
 * a request may be sent twice), every status handed back rather than thrown, and a time-out.
 */
export function xeroHttp(timeoutMs: number, base: KyInstance = ky): KyInstance {
  return base.extend({ retry: 0, timeout: timeoutMs, throwHttpErrors: false });
}
