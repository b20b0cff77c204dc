import type { XeroAccounting } from '../xero/accounting/api';
import type { EngineClock } from './clock';
import type { EngineDb } from './db';
import type { LimiterMemory } from './limiter';
import type { OrganisationFacts } from './mapping/organisation';
import type { TenantState } from './types';

/** Organisation details and tax rates change rarely: read them at most this often (two calls). */
export const FACTS_MAX_AGE_MS = 60 * 60_000;

const empty = (tenantId: string): TenantState => ({
  tenantId,
  recentCalls: [],
  pausedUntil: null,
  pauseReason: null,
  dayRemaining: null,
  facts: null,
  factsReadAt: null,
});

/** The organisation's name, short code, currency, lock date and tax rates, read from Xero when stale. */
export async function organisationFacts(
  db: EngineDb,
  accounting: XeroAccounting,
  clock: EngineClock,
  tenantId: string,
  options: { refresh?: boolean } = {},
): Promise<OrganisationFacts> {
  const state = (await db.tenants.get(tenantId)) ?? empty(tenantId);
  const fresh = state.factsReadAt !== null && clock.now() - state.factsReadAt < FACTS_MAX_AGE_MS;
  if (state.facts && fresh && !options.refresh) return state.facts as OrganisationFacts;
  const organisation = await accounting.organisation(tenantId);
  const taxRates = await accounting.taxRates(tenantId);
  const facts: OrganisationFacts = { tenantId, ...organisation, taxRates };
  await db.transaction('rw', db.tenants, async () => {
    const current = (await db.tenants.get(tenantId)) ?? empty(tenantId);
    await db.tenants.put({ ...current, facts, factsReadAt: clock.now() });
  });
  return facts;
}

export async function cachedFacts(db: EngineDb, tenantId: string): Promise<OrganisationFacts | null> {
  return ((await db.tenants.get(tenantId))?.facts as OrganisationFacts | undefined) ?? null;
}

/** The limiter's memory in the engine's database, so a restarted worker keeps counting. */
export function limiterMemory(db: EngineDb): LimiterMemory {
  return {
    load: async (tenantId) => {
      const state = (await db.tenants.get(tenantId)) ?? empty(tenantId);
      return {
        recentCalls: state.recentCalls,
        pausedUntil: state.pausedUntil,
        pauseReason: state.pauseReason,
      };
    },
    save: (tenantId, state) =>
      db.transaction('rw', db.tenants, async () => {
        const current = (await db.tenants.get(tenantId)) ?? empty(tenantId);
        await db.tenants.put({ ...current, ...state });
      }),
  };
}
