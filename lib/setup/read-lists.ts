import type { XeroAccounting } from '../xero/accounting/api';
import type { XeroConnectionRecord } from '../xero/connection-record';
import type { OrganisationLists } from './lists';

/**
 * Reading one organisation's lists for the setup screens: four GETs (Organisation, Accounts,
 * TaxRates, TrackingCategories). In the background they go through the sync engine's
 * per-organisation limiter, so they count against Xero's minute limit like every other call.
 */
export async function readOrganisationLists(
  accounting: XeroAccounting,
  tenantId: string,
  now: () => number,
): Promise<OrganisationLists> {
  const [organisation, accounts, taxRates, trackingCategories] = await Promise.all([
    accounting.organisation(tenantId),
    accounting.accounts(tenantId),
    accounting.taxRateList(tenantId),
    accounting.trackingCategories(tenantId),
  ]);
  return {
    tenantId,
    organisationName: organisation.name,
    lockDate: organisation.lockDate,
    accounts,
    taxRates,
    trackingCategories,
    readAt: now(),
  };
}

/** Why the lists of an organisation cannot be read now; `code` as the message protocol reports it. */
export class ListsUnavailableError extends Error {
  constructor(
    readonly code: 'not-connected' | 'disconnected' | 'unknown-organisation',
    message: string,
  ) {
    super(message);
  }
}

/** How long one organisation's lists are reused: several sections asking at once make one set of calls. */
export const LISTS_MAX_AGE_MS = 30_000;

export interface OrganisationListsDeps {
  read: (tenantId: string) => Promise<OrganisationLists>;
  connection: () => Promise<XeroConnectionRecord | undefined>;
  now: () => number;
  maxAgeMs?: number;
}

/**
 * The background's source of organisation lists: checks that Xero is connected and the
 * organisation is one of the connection's, then answers from a short cache or reads Xero once
 * (callers asking while a read is under way share it). A failed read is not kept.
 */
export class OrganisationListsService {
  private readonly cache = new Map<string, { at: number; lists: Promise<OrganisationLists> }>();

  constructor(private readonly deps: OrganisationListsDeps) {}

  async get(tenantId: string, options: { refresh?: boolean } = {}): Promise<OrganisationLists> {
    const record = await this.deps.connection();
    if (!record || record.status === 'pending') {
      throw new ListsUnavailableError(
        'not-connected',
        'Xero is not connected: connect it on the Xero page first.',
      );
    }
    if (record.status === 'disconnected') {
      throw new ListsUnavailableError(
        'disconnected',
        'Xero is disconnected, so its accounts and tax rates cannot be read: reconnect on the Xero page.',
      );
    }
    if (!record.tenants.some((t) => t.tenantId === tenantId)) {
      throw new ListsUnavailableError(
        'unknown-organisation',
        `The organisation ${tenantId} is not one this Xero connection can reach: reconnect and allow it, or choose another organisation.`,
      );
    }
    const now = this.deps.now();
    const cached = this.cache.get(tenantId);
    if (cached && !options.refresh && now - cached.at < (this.deps.maxAgeMs ?? LISTS_MAX_AGE_MS))
      return cached.lists;
    const lists = this.deps.read(tenantId);
    const entry = { at: now, lists };
    this.cache.set(tenantId, entry);
    lists.catch(() => {
      if (this.cache.get(tenantId) === entry) this.cache.delete(tenantId);
    });
    return lists;
  }

  /** Names of the organisations the connection reaches, for messages about one that cannot be read. */
  async tenantNames(): Promise<Record<string, string>> {
    const record = await this.deps.connection();
    return Object.fromEntries((record?.tenants ?? []).map((t) => [t.tenantId, t.tenantName]));
  }
}
