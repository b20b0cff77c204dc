import { z } from 'zod';
import type { Refusal } from './limits';

/**
 * Faults a test can inject into matching calls: Xero's outages, rate limiting, slow answers, and
 * the worst case for a client, a connection dropped after the write was committed.
 *
 * A rule fires on the next `times` matching calls (default 1); with `probability` it fires on that
 * fraction of matching calls instead, decided by its own seeded generator, so a chaos run is the
 * same every time for the same sequence of calls. With `probability` and no `times` a rule stays
 * until the list is replaced (`{"faults": []}` clears it); with both, `times` caps its firings.
 */

const action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: z.union([z.literal(500), z.literal(503)]) }),
  z
    .object({
      type: z.literal('rate-limit'),
      problem: z.enum(['minute', 'day', 'concurrent', 'appminute']),
      /** Seconds in `Retry-After`; minute and day limits only (default 30), as in Xero. */
      retryAfter: z.number().int().nonnegative().optional(),
    })
    .refine((a) => a.retryAfter === undefined || a.problem === 'minute' || a.problem === 'day', {
      message:
        'retryAfter applies to the minute and day limits only: Xero sends no Retry-After for concurrent or appminute',
      path: ['retryAfter'],
    }),
  z.object({ type: z.literal('delay'), ms: z.number().int().nonnegative().max(120_000) }),
  z.object({ type: z.literal('drop-after-commit') }),
]);

export const faultSchema = z
  .object({
    match: z
      .object({
        method: z.string().toUpperCase().optional(),
        /** A substring of the path, e.g. `/api.xro/2.0/Invoices` or `/connect/token`. */
        path: z.string().optional(),
      })
      .default({}),
    /** How many times the rule fires; without `probability` it defaults to 1. */
    times: z.number().int().positive().optional(),
    /** The fraction of matching calls it fires on, in (0, 1]. */
    probability: z.number().gt(0).lte(1).optional(),
    /** Seed of the rule's generator (an unsigned 32-bit integer; default 1). */
    seed: z.number().int().nonnegative().lte(0xffff_ffff).optional(),
    action,
  })
  .refine((f) => f.seed === undefined || f.probability !== undefined, {
    message: 'seed only applies to a rule with a probability',
    path: ['seed'],
  });

export type Fault = z.infer<typeof faultSchema>;
export type FaultAction = Fault['action'];

/** The 429 an injected `rate-limit` fault answers: Retry-After (default 30 s) for minute and day only. */
export function faultRefusal(action: Extract<FaultAction, { type: 'rate-limit' }>): Refusal {
  return action.problem === 'minute' || action.problem === 'day'
    ? { ok: false, problem: action.problem, retryAfterSeconds: action.retryAfter ?? 30 }
    : { ok: false, problem: action.problem };
}

/** mulberry32: a small, well-mixed 32-bit generator; its whole state is one number. */
function nextRandom(state: number): { state: number; value: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: next, value: ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296 };
}

interface Rule {
  fault: Fault;
  /** Firings left; Infinity for a probabilistic rule without `times` ("until cleared"). */
  remaining: number;
  rng: number;
  matched: number;
  fired: number;
}

/** A rule as the control endpoints show it: `times` is what is left, with its counters. */
export interface FaultView {
  match: Fault['match'];
  times?: number;
  probability?: number;
  seed?: number;
  action: FaultAction;
  /** Calls that matched the rule so far. */
  matched: number;
  /** Calls it fired on so far. */
  fired: number;
}

export class FaultInjector {
  private rules: Rule[] = [];

  /** Replaces every rule (an empty list clears them). */
  set(faults: Fault[]): void {
    this.rules = faults.map((fault) => ({
      fault: structuredClone(fault),
      remaining: fault.times ?? (fault.probability === undefined ? 1 : Number.POSITIVE_INFINITY),
      rng: (fault.seed ?? 1) >>> 0,
      matched: 0,
      fired: 0,
    }));
  }

  list(): FaultView[] {
    return this.rules.map(({ fault, remaining, matched, fired }) => ({
      match: { ...fault.match },
      ...(Number.isFinite(remaining) ? { times: remaining } : {}),
      ...(fault.probability === undefined ? {} : { probability: fault.probability, seed: fault.seed ?? 1 }),
      action: { ...fault.action },
      matched,
      fired,
    }));
  }

  /**
   * The faults for one call: each matching rule counts the call and, if it is probabilistic,
   * draws from its own generator (so its firings depend only on the calls it matches); at most
   * one rule fires per action type, the first in the list.
   */
  take(method: string, path: string): FaultAction[] {
    const taken = new Map<FaultAction['type'], FaultAction>();
    for (const rule of this.rules) {
      const { match, probability, action: act } = rule.fault;
      if (rule.remaining <= 0) continue;
      if (match.method && match.method !== method) continue;
      if (match.path && !path.includes(match.path)) continue;
      rule.matched += 1;
      let fires = true;
      if (probability !== undefined) {
        const draw = nextRandom(rule.rng);
        rule.rng = draw.state;
        fires = draw.value < probability;
      }
      if (!fires || taken.has(act.type)) continue;
      rule.remaining -= 1;
      rule.fired += 1;
      taken.set(act.type, act);
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return [...taken.values()];
  }
}
