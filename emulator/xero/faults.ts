import { z } from 'zod';
import type { Refusal } from './limits';

/**
 * Faults a test can inject into the next matching calls: Xero's outages, rate limiting, slow
 * answers, and the worst case for a client, a connection dropped after the write was committed.
 */
export const faultSchema = z.object({
  match: z
    .object({
      method: z.string().toUpperCase().optional(),
      /** A substring of the path, e.g. `/api.xro/2.0/Invoices` or `/connect/token`. */
      path: z.string().optional(),
    })
    .default({}),
  times: z.number().int().positive().default(1),
  action: z.discriminatedUnion('type', [
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
  ]),
});

export type Fault = z.infer<typeof faultSchema>;
export type FaultAction = Fault['action'];

/** The 429 an injected `rate-limit` fault answers: Retry-After (default 30 s) for minute and day only. */
export function faultRefusal(action: Extract<FaultAction, { type: 'rate-limit' }>): Refusal {
  return action.problem === 'minute' || action.problem === 'day'
    ? { ok: false, problem: action.problem, retryAfterSeconds: action.retryAfter ?? 30 }
    : { ok: false, problem: action.problem };
}

export class FaultInjector {
  private rules: Fault[] = [];

  set(rules: Fault[]): void {
    this.rules = rules.map((r) => ({ ...r }));
  }

  list(): Fault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Consumes one use of each matching rule, at most one rule per action type. */
  take(method: string, path: string): FaultAction[] {
    const taken = new Map<FaultAction['type'], FaultAction>();
    for (const rule of this.rules) {
      if (rule.times <= 0 || taken.has(rule.action.type)) continue;
      if (rule.match.method && rule.match.method !== method) continue;
      if (rule.match.path && !path.includes(rule.match.path)) continue;
      rule.times -= 1;
      taken.set(rule.action.type, rule.action);
    }
    this.rules = this.rules.filter((r) => r.times > 0);
    return [...taken.values()];
  }
}
