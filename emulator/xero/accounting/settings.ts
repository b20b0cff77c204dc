import { noDataProcessed, notFound } from '../errors';
import type { EmulatorResponse } from '../http';
import { batchResponse } from './batch';
import { BodyError, isObject, type Json, optEnum, parseJsonBody } from './body';
import type { AccountRecord, OrganisationRecord, TenantBooks } from './books';
import { findAccountById, replaceRecord } from './books';
import type { AccountingCall } from './contract';
import { listResponse } from './listing';
import { ACCOUNT_SCHEMA, TAX_RATE_SCHEMA } from './schemas';
import { accountWire, taxRateWire } from './serialize';
import { isGuid, ok, wireDate, wireInstant } from './wire';

/**
 * GET /Organisation, /Accounts, /TaxRates (reference §9), and the one settings write the emulator
 * models: archiving an account and making it active again (`POST /Accounts/{AccountID}`).
 */

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

/** Fields of an account the emulator lets `POST /Accounts/{AccountID}` carry unchanged, besides Status. */
const ACCOUNT_IDENTITY_FIELDS = ['AccountID', 'Code', 'Name', 'Type', 'Class'] as const;

/**
 * `POST /Accounts/{AccountID}` with `{"Status":"ARCHIVED"}` or `{"Status":"ACTIVE"}`, bare or in
 * the spec's `{"Accounts":[{…}]}` wrapper (needs `accounting.settings`). The spec: "Accounts with a
 * status of ACTIVE can be updated to ARCHIVED". Stricter readings (messages ours): a system
 * account cannot be archived, a deleted account cannot be changed, DELETED is not set by POST
 * (Xero deletes with DELETE), and the identity fields sent must match the account's (renaming and
 * re-coding are not modelled). Archiving leaves existing documents alone; new lines on the code
 * are refused (`documents.ts`).
 */
export function updateAccount(call: AccountingCall, books: TenantBooks, id: string): EmulatorResponse {
  const account = isGuid(id) ? findAccountById(books, id) : undefined;
  if (!account) return notFound();
  const body = parseJsonBody(call.request.rawBody);
  const wrapped = isObject(body) && Array.isArray(body.Accounts);
  const element = wrapped ? (body.Accounts as unknown[])[0] : body;
  if (!isObject(element)) throw new BodyError(noDataProcessed('Account'));
  const status = optEnum(
    element,
    'Status',
    ['ACTIVE', 'ARCHIVED', 'DELETED'] as const,
    'AccountStatusCodes',
    'Accounts[0]',
  );
  const errors = accountUpdateErrors(account, element, status);
  const shape = { plural: 'Accounts', idField: 'AccountID' };
  if (errors.length > 0) {
    return batchResponse(call, shape, [{ ok: false, echo: element, errors, id: account.AccountID }]);
  }
  let saved = account;
  if (status !== undefined && status !== account.Status) {
    saved = { ...account, Status: status, UpdatedDateUTC: call.now.getTime() };
    replaceRecord(books.accounts, account, saved);
  }
  return batchResponse(call, shape, [{ ok: true, wire: accountWire(saved), warnings: [] }]);
}

function accountUpdateErrors(
  account: AccountRecord,
  element: Json,
  status: AccountRecord['Status'] | undefined,
): string[] {
  if (account.Status === 'DELETED') return ['A deleted account cannot be changed.'];
  const errors: string[] = [];
  for (const field of ACCOUNT_IDENTITY_FIELDS) {
    const sent = element[field];
    if (sent === undefined || sent === null) continue;
    const same =
      field === 'AccountID'
        ? String(sent).toLowerCase() === account.AccountID.toLowerCase()
        : String(sent) === account[field];
    if (!same)
      errors.push(`Only an account's Status can be changed here; ${field} must stay '${account[field]}'.`);
  }
  if (status === undefined) errors.push('Status is required: ACTIVE or ARCHIVED.');
  else if (status === 'DELETED')
    errors.push('An account is deleted with DELETE /Accounts/{AccountID}, not by its Status.');
  else if (status === 'ARCHIVED' && account.SystemAccount !== '')
    errors.push(`${account.Name} is a system account and cannot be archived.`);
  return errors;
}
