import { describe, expect, it } from 'vitest';
import type { EngineClock } from './clock';
import { Limiter, type LimiterMemory, TenantPausedError } from './limiter';

const T = 'tenant-1';

function fakeClock(): EngineClock & { advance(ms: number): void } {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms);
      await Promise.resolve();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

function memory(): LimiterMemory & { saved: Map<string, unknown> } {
  const saved = new Map<
    string,
    { recentCalls: number[]; pausedUntil: number | null; pauseReason: string | null }
  >();
  return {
    saved,
    load: async (tenantId) =>
      saved.get(tenantId) ?? { recentCalls: [], pausedUntil: null, pauseReason: null },
    save: async (tenantId, state) => {
      saved.set(tenantId, state);
    },
  };
}

describe('limiter', () => {
  it('never lets more than 60 calls into any minute, nor more than 5 at once', async () => {
    const clock = fakeClock();
    const limiter = new Limiter(clock, memory());
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 150 }, () =>
        limiter.run(T, async () => {
          started.push(clock.now());
          inFlight++;
          most = Math.max(most, inFlight);
          await clock.sleep(100);
          inFlight--;
        }),
      ),
    );
    expect(started).toHaveLength(150);
    expect(most).toBeLessThanOrEqual(5);
    for (const at of started) {
      expect(started.filter((t) => t >= at && t < at + 60_000).length).toBeLessThanOrEqual(60);
    }
  });

  it('pauses an organisation for the day with the reason and time, remembered across restarts', async () => {
    const clock = fakeClock();
    const store = memory();
    const limiter = new Limiter(clock, store);
    await limiter.rateLimited(T, 'day', 3600);
    const until = clock.now() + 3_600_000;
    await expect(limiter.run(T, async () => 'sent')).rejects.toBeInstanceOf(TenantPausedError);
    const restarted = new Limiter(clock, store);
    expect(await restarted.pause(T)).toEqual({ until, reason: expect.stringContaining('daily limit') });
    await expect(restarted.run(T, async () => 'sent')).rejects.toMatchObject({ until });
    clock.advance(3_600_000);
    expect(await restarted.run(T, async () => 'sent')).toBe('sent');
    expect(await restarted.pause(T)).toBeNull();
  });

  it('waits out a minute 429 for its Retry-After, and only briefly for one without (too many at once)', async () => {
    const clock = fakeClock();
    const limiter = new Limiter(clock, memory());
    await limiter.rateLimited(T, 'minute', 22);
    expect((await limiter.wait(T)).waitMs).toBe(22_000);
    clock.advance(22_000);
    await limiter.rateLimited(T, 'concurrent', undefined);
    expect((await limiter.wait(T)).waitMs).toBe(2_000);
  });

  it('holds back when Xero says the minute is spent, whatever its own count says', async () => {
    const clock = fakeClock();
    const limiter = new Limiter(clock, memory());
    await limiter.run(T, async () => undefined);
    limiter.noteRemaining(T, 0);
    expect((await limiter.wait(T)).waitMs).toBe(60_000);
  });
});
