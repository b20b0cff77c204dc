import { describe, expect, it } from 'vitest';
import { type Fault, FaultInjector, faultSchema } from './faults';

const rule = (fields: Record<string, unknown>): Fault => faultSchema.parse(fields);
const outage = { type: 'status', status: 503 } as const;

/** Which of `calls` matching calls a fresh injector with `faults` fires on. */
function pattern(faults: Fault[], calls: number, path = '/api.xro/2.0/Invoices'): boolean[] {
  const injector = new FaultInjector();
  injector.set(faults);
  return Array.from({ length: calls }, () => injector.take('GET', path).length > 0);
}

describe('fault rules', () => {
  it('without a probability: the next `times` matching calls (default 1)', () => {
    expect(pattern([rule({ action: outage })], 3)).toEqual([true, false, false]);
    expect(pattern([rule({ times: 2, action: outage })], 3)).toEqual([true, true, false]);
    expect(pattern([rule({ match: { path: '/Contacts' }, action: outage })], 2)).toEqual([false, false]);
  });

  it('with a probability: about that fraction of matching calls, until cleared', () => {
    const fired = pattern([rule({ probability: 0.2, seed: 7, action: outage })], 5000).filter(Boolean).length;
    expect(fired).toBeGreaterThan(900);
    expect(fired).toBeLessThan(1100);
    expect(pattern([rule({ probability: 1, action: outage })], 50).every(Boolean)).toBe(true);
  });

  it('is deterministic: the same seed gives the same calls; another seed other calls', () => {
    const a = pattern([rule({ probability: 0.3, seed: 7, action: outage })], 200);
    expect(pattern([rule({ probability: 0.3, seed: 7, action: outage })], 200)).toEqual(a);
    expect(pattern([rule({ probability: 0.3, seed: 8, action: outage })], 200)).not.toEqual(a);
    // A rule's draws depend only on the calls it matches, not on other rules or other paths.
    const injector = new FaultInjector();
    injector.set([
      rule({ probability: 0.5, seed: 3, action: { type: 'delay', ms: 0 } }),
      rule({ match: { path: '/Invoices' }, probability: 0.3, seed: 7, action: outage }),
    ]);
    const mixed: boolean[] = [];
    for (let i = 0; i < 200; i++) {
      injector.take('GET', '/api.xro/2.0/Contacts');
      mixed.push(injector.take('GET', '/api.xro/2.0/Invoices').some((f) => f.type === 'status'));
    }
    expect(mixed).toEqual(a);
  });

  it('with a probability and `times`: fires at most `times` times, then is gone', () => {
    const injector = new FaultInjector();
    injector.set([rule({ probability: 0.5, seed: 7, times: 3, action: outage })]);
    let fired = 0;
    for (let i = 0; i < 100; i++) fired += injector.take('GET', '/x').length;
    expect(fired).toBe(3);
    expect(injector.list()).toEqual([]);
  });

  it('lists each rule with what is left and its counters; an empty list clears every rule', () => {
    const injector = new FaultInjector();
    injector.set([
      rule({ match: { method: 'put' }, probability: 0.25, seed: 11, action: outage }),
      rule({ times: 2, action: { type: 'drop-after-commit' } }),
    ]);
    for (let i = 0; i < 40; i++) injector.take('PUT', '/api.xro/2.0/Invoices');
    const [probabilistic, counted] = injector.list();
    expect(probabilistic).toMatchObject({
      match: { method: 'PUT' },
      probability: 0.25,
      seed: 11,
      matched: 40,
    });
    expect(probabilistic?.times).toBeUndefined();
    expect(probabilistic?.fired).toBeGreaterThan(0);
    expect(probabilistic?.fired).toBeLessThan(40);
    expect(counted).toBeUndefined(); // both firings used on the first two calls
    injector.set([]);
    expect(injector.list()).toEqual([]);
    expect(injector.take('PUT', '/api.xro/2.0/Invoices')).toEqual([]);
  });

  it('fires at most one rule per action type on a call, the first in the list', () => {
    const injector = new FaultInjector();
    injector.set([
      rule({ action: { type: 'status', status: 500 } }),
      rule({ action: { type: 'status', status: 503 } }),
      rule({ action: { type: 'delay', ms: 5 } }),
    ]);
    expect(injector.take('GET', '/x')).toEqual([
      { type: 'status', status: 500 },
      { type: 'delay', ms: 5 },
    ]);
    expect(injector.take('GET', '/x')).toEqual([{ type: 'status', status: 503 }]);
  });

  it('refuses a probability outside (0, 1], a negative or fractional seed, and a seed without a probability', () => {
    for (const bad of [
      { probability: 0, action: outage },
      { probability: 1.5, action: outage },
      { probability: 0.5, seed: -1, action: outage },
      { probability: 0.5, seed: 1.5, action: outage },
      { seed: 7, action: outage },
      { times: 0, action: outage },
    ]) {
      expect(faultSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
