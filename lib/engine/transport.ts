import type { AccountingRequest, AccountingTransport } from '../xero/accounting/api';
import { XeroRateLimitError } from '../xero/errors';
import type { Limiter } from './limiter';

/** Counts for the harness and the benchmark: every call made, and how many Xero refused with 429. */
export interface CallStats {
  calls: number;
  reads: number;
  writes: number;
  rateLimited: number;
  /** Calls by method and resource ("PUT Invoices", "GET Payments"), ids left out. */
  byRoute: Record<string, number>;
  /** 429s by the limit Xero named (minute, day, concurrent, appminute). */
  rateLimitedBy: Record<string, number>;
}

const route = (method: string, path: string) =>
  `${method} ${path
    .split('/')
    .map((part) => (/^[0-9a-f-]{36}$/i.test(part) ? '{id}' : part))
    .join('/')}`;

/** The limiter would hold this call longer than a run may wait: the run stops and resumes later. */
export class WouldWaitError extends Error {
  readonly code = 'would-wait';
  constructor(readonly waitMs: number) {
    super(`Xero's minute limit: next call in ${Math.ceil(waitMs / 1000)} s`);
  }
}

/**
 * Every Accounting API call of the engine goes through here: inside the organisation's limits,
 * counted, and a 429 is told to the limiter (Retry-After for the minute, a pause for the day).
 */
export class LimitedTransport implements AccountingTransport {
  readonly stats: CallStats = {
    calls: 0,
    reads: 0,
    writes: 0,
    rateLimited: 0,
    byRoute: {},
    rateLimitedBy: {},
  };

  constructor(
    private readonly inner: AccountingTransport,
    private readonly limiter: Limiter,
    private readonly options: { maxWaitMs: () => number } = { maxWaitMs: () => Number.POSITIVE_INFINITY },
  ) {}

  async send<T>(request: AccountingRequest<T>): Promise<T> {
    const { waitMs, paused } = await this.limiter.wait(request.tenantId);
    if (paused) throw paused;
    if (waitMs > this.options.maxWaitMs()) throw new WouldWaitError(waitMs);
    return this.limiter.run(request.tenantId, async () => {
      this.stats.calls++;
      const key = route(request.method, request.path);
      this.stats.byRoute[key] = (this.stats.byRoute[key] ?? 0) + 1;
      if (request.method === 'GET') this.stats.reads++;
      else this.stats.writes++;
      try {
        return await this.inner.send(request);
      } catch (error) {
        if (error instanceof XeroRateLimitError) {
          this.stats.rateLimited++;
          this.stats.rateLimitedBy[error.problem] = (this.stats.rateLimitedBy[error.problem] ?? 0) + 1;
          await this.limiter.rateLimited(request.tenantId, error.problem, error.retryAfterSeconds);
        }
        throw error;
      }
    });
  }
}
