import type { EngineClock } from './clock';

/** Xero's limits per organisation (developer.xero.com/faq/limits). */
export interface XeroLimits {
  concurrent: number;
  perMinute: number;
}

export const XERO_LIMITS: XeroLimits = { concurrent: 5, perMinute: 60 };

const MINUTE_MS = 60_000;
/** A call may reach Xero a little after it leaves; keep this much clear of the minute boundary. */
const WINDOW_MARGIN_MS = 2_000;

/** Xero's day limit is spent: nothing more goes to this organisation before `until`. */
export class TenantPausedError extends Error {
  readonly code = 'paused';
  constructor(
    readonly tenantId: string,
    readonly until: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface LimiterMemory {
  /** Persists the limiter's view so a restarted worker does not forget the calls of the last minute. */
  load(
    tenantId: string,
  ): Promise<{ recentCalls: number[]; pausedUntil: number | null; pauseReason: string | null }>;
  save(
    tenantId: string,
    state: { recentCalls: number[]; pausedUntil: number | null; pauseReason: string | null },
  ): Promise<void>;
}

interface TenantSlots {
  inFlight: number;
  recentCalls: number[];
  blockedUntil: number;
  pausedUntil: number | null;
  pauseReason: string | null;
  loaded: boolean;
  waiters: (() => void)[];
}

/**
 * Keeps every organisation inside Xero's limits: at most 5 calls in flight and at most 60 in
 * any 60 seconds. Xero counts fixed minutes that start at a moment it does not tell; a sliding
 * window of 60 s can never put more than 60 calls into any fixed minute, so it never gets a 429
 * for the minute limit on its own. What Xero says still wins: `X-MinLimit-Remaining` of 0 and a
 * 429's `Retry-After` hold the organisation back, and the day limit pauses it until Xero's
 * `Retry-After` has passed (a time that is stored and shown, not slept through).
 */
export class Limiter {
  private readonly tenants = new Map<string, TenantSlots>();

  constructor(
    private readonly clock: EngineClock,
    private readonly memory: LimiterMemory,
    private readonly limits: XeroLimits = XERO_LIMITS,
  ) {}

  private async slots(tenantId: string): Promise<TenantSlots> {
    let slots = this.tenants.get(tenantId);
    if (!slots) {
      slots = {
        inFlight: 0,
        recentCalls: [],
        blockedUntil: 0,
        pausedUntil: null,
        pauseReason: null,
        loaded: false,
        waiters: [],
      };
      this.tenants.set(tenantId, slots);
    }
    if (!slots.loaded) {
      const stored = await this.memory.load(tenantId);
      slots.recentCalls = [...stored.recentCalls, ...slots.recentCalls];
      slots.pausedUntil = stored.pausedUntil;
      slots.pauseReason = stored.pauseReason;
      slots.loaded = true;
    }
    return slots;
  }

  /** How long until a call may leave (0: now), or the pause when the day's quota is spent. */
  async wait(tenantId: string): Promise<{ waitMs: number; paused?: TenantPausedError }> {
    return this.check(tenantId, await this.slots(tenantId));
  }

  /** Synchronous, so that checking for a free slot and taking it cannot interleave with another caller. */
  private check(tenantId: string, slots: TenantSlots): { waitMs: number; paused?: TenantPausedError } {
    const now = this.clock.now();
    if (slots.pausedUntil !== null) {
      if (slots.pausedUntil > now) {
        return {
          waitMs: slots.pausedUntil - now,
          paused: new TenantPausedError(tenantId, slots.pausedUntil, slots.pauseReason ?? ''),
        };
      }
      slots.pausedUntil = null;
      slots.pauseReason = null;
    }
    slots.recentCalls = slots.recentCalls.filter((t) => t > now - MINUTE_MS - WINDOW_MARGIN_MS);
    let waitMs = Math.max(0, slots.blockedUntil - now);
    if (slots.recentCalls.length >= this.limits.perMinute) {
      const oldest = slots.recentCalls[slots.recentCalls.length - this.limits.perMinute]!;
      waitMs = Math.max(waitMs, oldest + MINUTE_MS + WINDOW_MARGIN_MS - now);
    }
    return { waitMs };
  }

  /** Runs one Xero call inside the limits, waiting (on the engine's clock) for a slot. */
  async run<T>(tenantId: string, call: () => Promise<T>): Promise<T> {
    const slots = await this.slots(tenantId);
    for (;;) {
      if (slots.inFlight >= this.limits.concurrent) {
        await new Promise<void>((resolve) => slots.waiters.push(resolve));
        continue;
      }
      const { waitMs, paused } = this.check(tenantId, slots);
      if (paused) throw paused;
      if (waitMs > 0) {
        // The window is full: let the calls still in flight land first (nothing else could go
        // now anyway), so the wait starts from where Xero has counted them.
        if (slots.inFlight > 0) {
          await new Promise<void>((resolve) => slots.waiters.push(resolve));
          continue;
        }
        await this.clock.sleep(waitMs);
        continue;
      }
      // Taken in the same synchronous step as the check above.
      slots.inFlight++;
      slots.recentCalls.push(this.clock.now());
      break;
    }
    try {
      // The call leaves now, at the moment just counted; remembering it is not waited for.
      const answer = call();
      void this.persist(tenantId, slots).catch(() => undefined);
      return await answer;
    } finally {
      slots.inFlight--;
      // Everyone waiting looks again (each re-checks the limits before it goes).
      for (const wake of slots.waiters.splice(0)) wake();
    }
  }

  /** Xero's remaining-quota headers, read off every answer. */
  noteRemaining(tenantId: string, minuteRemaining: number | undefined): void {
    const slots = this.tenants.get(tenantId);
    if (!slots || minuteRemaining === undefined) return;
    if (minuteRemaining <= 0) {
      // Xero's own count says the minute is spent (another app of this user, another browser):
      // wait a full minute rather than guess where Xero's window ends.
      slots.blockedUntil = Math.max(slots.blockedUntil, this.clock.now() + MINUTE_MS);
    }
  }

  /** A 429: the minute limit holds back for Retry-After; the day limit pauses until it has passed. */
  async rateLimited(tenantId: string, problem: string, retryAfterSeconds: number | undefined): Promise<void> {
    const slots = await this.slots(tenantId);
    const now = this.clock.now();
    if (problem === 'day') {
      const until = now + (retryAfterSeconds ?? 3600) * 1000;
      slots.pausedUntil = until;
      slots.pauseReason = `Xero's daily limit for this organisation is used up; sending resumes at ${new Date(until).toISOString()}.`;
      await this.persist(tenantId, slots);
      return;
    }
    // No Retry-After (too many calls at once, the app-wide limit): a short pause, not a minute.
    const waitMs = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 2_000;
    slots.blockedUntil = Math.max(slots.blockedUntil, now + waitMs);
  }

  async pause(tenantId: string): Promise<{ until: number; reason: string } | null> {
    const slots = await this.slots(tenantId);
    return slots.pausedUntil !== null && slots.pausedUntil > this.clock.now()
      ? { until: slots.pausedUntil, reason: slots.pauseReason ?? '' }
      : null;
  }

  private persist(tenantId: string, slots: TenantSlots): Promise<void> {
    return this.memory.save(tenantId, {
      recentCalls: slots.recentCalls.slice(-this.limits.perMinute),
      pausedUntil: slots.pausedUntil,
      pauseReason: slots.pauseReason,
    });
  }
}
