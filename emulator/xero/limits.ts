import type { EmulatorClock } from './clock';

/** Xero's per-tenant limits for one app, and the app-wide minute limit (reference: xero-api.md §2.1). */
export interface RateLimits {
  concurrent: number;
  perMinute: number;
  perDay: number;
  appPerMinute: number;
}

export const XERO_LIMITS: RateLimits = { concurrent: 5, perMinute: 60, perDay: 5000, appPerMinute: 10_000 };

export type LimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A fixed window that opens at its first call, so each tenant's windows reset at their own times. */
class FixedWindow {
  private startedAt = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(private readonly lengthMs: number) {}

  private roll(now: number): void {
    if (now - this.startedAt >= this.lengthMs) {
      this.startedAt = now;
      this.used = 0;
    }
  }

  remaining(now: number, limit: number): number {
    this.roll(now);
    return Math.max(0, limit - this.used);
  }

  take(now: number): void {
    this.roll(now);
    this.used += 1;
  }

  /** Starts a new window at `now` with nothing left in it: the caller is blocked for a full window. */
  exhaust(now: number, limit: number): void {
    this.startedAt = now;
    this.used = limit;
  }

  secondsUntilReset(now: number): number {
    return Math.max(1, Math.ceil((this.startedAt + this.lengthMs - now) / 1000));
  }
}

interface TenantCounters {
  minute: FixedWindow;
  day: FixedWindow;
  inFlight: number;
  /** When the last minute-limit 429 told the caller to come back (its Retry-After). */
  minuteRetryAt: number;
}

/**
 * A refusal. Xero sends `Retry-After` only with the minute and day limits (reference §2.2); a 429
 * for too many concurrent calls or for the app-wide minute limit carries none, so a client must
 * not wait a minute for it.
 */
export type Refusal =
  | { ok: false; problem: 'minute' | 'day'; retryAfterSeconds: number }
  | { ok: false; problem: 'concurrent' | 'appminute' };

export type Admission = { ok: true; release: () => void } | Refusal;

/** The headers of a 429 (besides the remaining-quota ones): `Retry-After` only for minute and day. */
export function refusalHeaders(refusal: Refusal): Record<string, string> {
  return {
    ...('retryAfterSeconds' in refusal ? { 'retry-after': String(refusal.retryAfterSeconds) } : {}),
    'x-rate-limit-problem': refusal.problem,
  };
}

/**
 * Admits or refuses each accounting call. Xero warns that calling while limited "can extend the
 * block" without saying how (reference: xero-api.md §2.2); the stricter reading modelled here: a
 * call before the minute limit's Retry-After has passed restarts that tenant's minute block, a full
 * 60 seconds from that call. Refused calls take nothing from the day or app quotas, and day-limit
 * refusals are not extended (assumptions noted in emulator/xero/README.md).
 */
export class RateLimiter {
  private readonly tenants = new Map<string, TenantCounters>();
  private readonly app = new FixedWindow(MINUTE);
  limits: RateLimits;

  constructor(
    private readonly clock: EmulatorClock,
    limits: RateLimits = XERO_LIMITS,
  ) {
    this.limits = { ...limits };
  }

  private counters(tenantId: string): TenantCounters {
    let counters = this.tenants.get(tenantId);
    if (!counters) {
      counters = {
        minute: new FixedWindow(MINUTE),
        day: new FixedWindow(DAY),
        inFlight: 0,
        minuteRetryAt: Number.NEGATIVE_INFINITY,
      };
      this.tenants.set(tenantId, counters);
    }
    return counters;
  }

  admit(tenantId: string): Admission {
    const now = this.clock.nowMs();
    const c = this.counters(tenantId);
    if (c.day.remaining(now, this.limits.perDay) === 0) {
      return { ok: false, problem: 'day', retryAfterSeconds: c.day.secondsUntilReset(now) };
    }
    const calledEarly = now < c.minuteRetryAt;
    if (calledEarly || c.minute.remaining(now, this.limits.perMinute) === 0) {
      if (calledEarly) c.minute.exhaust(now, this.limits.perMinute);
      const retryAfterSeconds = c.minute.secondsUntilReset(now);
      c.minuteRetryAt = now + retryAfterSeconds * 1000;
      return { ok: false, problem: 'minute', retryAfterSeconds };
    }
    if (this.app.remaining(now, this.limits.appPerMinute) === 0) return { ok: false, problem: 'appminute' };
    if (c.inFlight >= this.limits.concurrent) return { ok: false, problem: 'concurrent' };
    c.day.take(now);
    c.minute.take(now);
    this.app.take(now);
    c.inFlight += 1;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (!released) c.inFlight -= 1;
        released = true;
      },
    };
  }

  /** The headers Xero puts on every accounting response. */
  headers(tenantId: string): Record<string, string> {
    const now = this.clock.nowMs();
    const c = this.counters(tenantId);
    return {
      'x-daylimit-remaining': String(c.day.remaining(now, this.limits.perDay)),
      'x-minlimit-remaining': String(c.minute.remaining(now, this.limits.perMinute)),
      'x-appminlimit-remaining': String(this.app.remaining(now, this.limits.appPerMinute)),
    };
  }
}
