import { notFound } from '../errors';
import type { EmulatorResponse } from '../http';
import type { OrganisationRecord, TenantBooks } from './books';
import { findAccountById } from './books';
import type { AccountingCall } from './contract';
import { listResponse } from './listing';
import { ACCOUNT_SCHEMA, TAX_RATE_SCHEMA } from './schemas';
import { accountWire, taxRateWire } from './serialize';
import { isGuid, ok, wireDate, wireInstant } from './wire';

/** GET /Organisation, /Accounts, /TaxRates (reference §9). Settings are read-only here. */

export function organisationWire(org: OrganisationRecord): Record<string, unknown> {
  const {
    OrganisationID,
    Name,
    LegalName,
    PaysTax,
    Version,
    OrganisationType,
    BaseCurrency,
    CountryCode,
    ...rest
  } = org;
  return {
    OrganisationID,
    Name,
    LegalName,
    PaysTax,
    Version,
    OrganisationType,
    BaseCurrency,
    CountryCode,
    ...rest,
    PeriodLockDate: org.PeriodLockDate === null ? undefined : wireDate(org.PeriodLockDate),
    EndOfYearLockDate: org.EndOfYearLockDate === null ? undefined : wireDate(org.EndOfYearLockDate),
    CreatedDateUTC: wireInstant(org.CreatedDateUTC),
    ExternalLinks: [],
    PaymentTerms: {},
  };
}

export function getOrganisation(call: AccountingCall, books: TenantBooks): EmulatorResponse {
  return ok(call, 'Organisations', [organisationWire(books.organisation)]);
}

export function getAccounts(
  call: AccountingCall,
  books: TenantBooks,
  id: string | undefined,
): EmulatorResponse {
  if (id !== undefined) {
    const account = isGuid(id) ? findAccountById(books, id) : undefined;
    return account ? ok(call, 'Accounts', [accountWire(account)]) : notFound();
  }
  const chartOrder = new Map(books.accounts.map((a, i) => [a.AccountID, i]));
  return listResponse(call, {
    plural: 'Accounts',
    schema: ACCOUNT_SCHEMA,
    records: books.accounts,
    id: (a) => a.AccountID,
    updated: (a) => a.UpdatedDateUTC,
    wire: accountWire,
    pageable: false,
    // Xero lists the chart in code order; the seed is written in that order.
    defaultOrder: (a, b) => (chartOrder.get(a.AccountID) ?? 0) - (chartOrder.get(b.AccountID) ?? 0),
  });
}

export function getTaxRates(
  call: AccountingCall,
  books: TenantBooks,
  taxType: string | undefined,
): EmulatorResponse {
  if (taxType !== undefined) {
    const rate = books.taxRates.find((t) => t.TaxType.toLowerCase() === taxType.toLowerCase());
    return rate ? ok(call, 'TaxRates', [taxRateWire(rate)]) : notFound();
  }
  const seedOrder = new Map(books.taxRates.map((t, i) => [t.TaxType, i]));
  return listResponse(call, {
    plural: 'TaxRates',
    schema: TAX_RATE_SCHEMA,
    records: books.taxRates,
    id: (t) => t.TaxType,
    // Tax rates carry no UpdatedDateUTC; If-Modified-Since therefore keeps them all.
    updated: () => Number.MAX_SAFE_INTEGER,
    wire: taxRateWire,
    pageable: false,
    defaultOrder: (a, b) => (seedOrder.get(a.TaxType) ?? 0) - (seedOrder.get(b.TaxType) ?? 0),
  });
}
