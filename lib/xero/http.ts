import ky, { type KyInstance } from 'ky';
import { XeroNetworkError } from './errors';

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

/** A response body as read once: nothing, JSON, or text that is not JSON (Xero's 404s and outages are plain text). */
export type ResponseBody =
  | { kind: 'empty'; text: '' }
  | { kind: 'json'; text: string; value: unknown }
  | { kind: 'text'; text: string };

export const EMPTY_BODY: ResponseBody = { kind: 'empty', text: '' };

/**
 * Reads a body, as JSON when it is JSON. A body cut off on the way is a network error: the
 * request may well have been carried out. Where the body is only a detail (an error answer),
 * callers fall back to EMPTY_BODY.
 */
export async function readBody(response: Response): Promise<ResponseBody> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new XeroNetworkError(error);
  }
  if (text === '') return EMPTY_BODY;
  try {
    return { kind: 'json', text, value: JSON.parse(text) };
  } catch {
    return { kind: 'text', text };
  }
}
