import ky, { type KyInstance } from 'ky';
import { type RateLimitProblem, XeroNetworkError, XeroRateLimitError } from './errors';

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

const RATE_LIMIT_PROBLEMS: readonly RateLimitProblem[] = ['minute', 'day', 'concurrent', 'appminute'];

/**
 * Reads a 429, from the API or the identity server alike: which limit was hit
 * (`X-Rate-Limit-Problem`) and, when Xero says, how many seconds to wait (`Retry-After`).
 */
export function rateLimitError(response: Response): XeroRateLimitError {
  const retryAfter = response.headers.get('retry-after')?.trim() ?? '';
  const problem = (response.headers.get('x-rate-limit-problem') ?? '').toLowerCase().replace(/[^a-z]/g, '');
  return new XeroRateLimitError(
    RATE_LIMIT_PROBLEMS.find((known) => known === problem) ?? 'unknown',
    /^\d+$/.test(retryAfter) ? Number.parseInt(retryAfter, 10) : undefined,
  );
}
