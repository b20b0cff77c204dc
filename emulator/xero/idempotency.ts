import type { EmulatorClock } from './clock';
import type { EmulatorResponse } from './http';

/** Xero keeps keys for 6 minutes from the first call (reference: xero-api.md §3). */
export const IDEMPOTENCY_TTL_MS = 6 * 60_000;
export const IDEMPOTENCY_KEY_MAX = 128;

interface Entry {
  fingerprint: string;
  firstSeenAt: number;
  response: Promise<EmulatorResponse>;
}

export type IdempotencyOutcome =
  | { kind: 'first'; settle: (response: EmulatorResponse) => void }
  | { kind: 'replay'; response: Promise<EmulatorResponse> }
  | { kind: 'mismatch' };

/**
 * Same key + same request within the window → the first response again (errors included:
 * Xero caches those too). Same key + a different request → the caller answers 400.
 * Keys are scoped to one app (the `scope` given); the tenant is part of the request fingerprint.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {}

  begin(scope: string, key: string, fingerprint: string): IdempotencyOutcome {
    const now = this.clock.nowMs();
    for (const [k, e] of this.entries) if (now - e.firstSeenAt >= this.ttlMs) this.entries.delete(k);
    const id = `${scope}\u0000${key}`;
    const existing = this.entries.get(id);
    if (existing) {
      return existing.fingerprint === fingerprint
        ? { kind: 'replay', response: existing.response }
        : { kind: 'mismatch' };
    }
    let settle!: (response: EmulatorResponse) => void;
    const response = new Promise<EmulatorResponse>((resolve) => {
      settle = resolve;
    });
    this.entries.set(id, { fingerprint, firstSeenAt: now, response });
    return { kind: 'first', settle };
  }
}
