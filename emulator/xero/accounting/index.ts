import { notFound, problem } from '../errors';
import type { EmulatorResponse } from '../http';
import { BodyError } from './body';
import { atomically, type TenantBooks } from './books';
import { getContacts, writeContacts } from './contacts';
import type { AccountingCall } from './contract';
import { deleteAllocation, getCreditNotes, putAllocations, writeCreditNotes } from './credit-notes';
import { getInvoices, writeInvoices } from './invoices';
import { createPayments, deletePayment, getPayments } from './payments';
import { hasScope, type ScopeArea } from './scopes';
import { getAccounts, getOrganisation, getTaxRates, updateAccount } from './settings';
import { getTrackingCategories } from './tracking';

export type { TenantBooks } from './books';
export type { AccountingCall } from './contract';
export { createSeedBooks, SEED_TENANTS } from './seed';
export { snapshotBooks } from './snapshot';

/**
 * The Accounting API below `/api.xro/2.0`, for one tenant whose books the HTTP layer has already
 * resolved. Order of checks, as in Xero: unknown path → plain-text 404; missing scope → 401
 * AuthorizationUnsuccessful; unreadable body → PostDataInvalid / NoDataProcessed; then the
 * resource's own rules. Paths, resource names and query parameter names are matched
 * case-insensitively (`unitDp=4` is `unitdp=4`; `queryValue` in ../http.ts).
 */
export function handleAccounting(call: AccountingCall, books: TenantBooks): EmulatorResponse {
  const route = resolveRoute(call, books);
  if (!route) return notFound();
  if (!hasScope(call.scopes, route.area, route.write)) return problem(401, 'AuthorizationUnsuccessful');
  try {
    // A write is all-or-nothing even if it fails unexpectedly (the HTTP layer answers 500).
    return route.write ? atomically(books, route.run) : route.run();
  } catch (error) {
    if (error instanceof BodyError) return error.response;
    throw error;
  }
}

interface Route {
  area: ScopeArea;
  write: boolean;
  run: () => EmulatorResponse;
}

function segmentsOf(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function resolveRoute(call: AccountingCall, books: TenantBooks): Route | undefined {
  const segments = segmentsOf(call.request.path);
  if (!segments || segments.length === 0) return undefined;
  const [resource = '', key, sub, subKey] = segments;
  const method = call.request.method.toUpperCase();
  const read = (area: ScopeArea, run: () => EmulatorResponse): Route => ({ area, write: false, run });
  const write = (area: ScopeArea, run: () => EmulatorResponse): Route => ({ area, write: true, run });
  const n = segments.length;

  switch (resource.toLowerCase()) {
    case 'organisation':
      return method === 'GET' && n === 1 ? read('settings', () => getOrganisation(call, books)) : undefined;
    case 'accounts':
      if (method === 'GET' && n <= 2) return read('settings', () => getAccounts(call, books, key));
      if (method === 'POST' && n === 2 && key !== undefined)
        return write('settings', () => updateAccount(call, books, key));
      return undefined;
    case 'taxrates':
      return method === 'GET' && n <= 2 ? read('settings', () => getTaxRates(call, books, key)) : undefined;
    case 'trackingcategories':
      return method === 'GET' && n <= 2
        ? read('settings', () => getTrackingCategories(call, books, key))
        : undefined;
    case 'contacts':
      if (method === 'GET' && n <= 2) return read('contacts', () => getContacts(call, books, key));
      if (method === 'PUT' && n === 1)
        return write('contacts', () => writeContacts(call, books, 'PUT', undefined));
      if (method === 'POST' && n <= 2)
        return write('contacts', () => writeContacts(call, books, 'POST', key));
      return undefined;
    case 'invoices':
      if (method === 'GET' && n <= 2) return read('invoices', () => getInvoices(call, books, key));
      if (method === 'PUT' && n === 1)
        return write('invoices', () => writeInvoices(call, books, 'PUT', undefined));
      if (method === 'POST' && n <= 2)
        return write('invoices', () => writeInvoices(call, books, 'POST', key));
      return undefined;
    case 'creditnotes':
      if (method === 'GET' && n <= 2) return read('invoices', () => getCreditNotes(call, books, key));
      if (method === 'PUT' && n === 1)
        return write('invoices', () => writeCreditNotes(call, books, 'PUT', undefined));
      if (method === 'POST' && n <= 2)
        return write('invoices', () => writeCreditNotes(call, books, 'POST', key));
      if (key !== undefined && sub?.toLowerCase() === 'allocations') {
        if (method === 'PUT' && n === 3) return write('invoices', () => putAllocations(call, books, key));
        if (method === 'DELETE' && n === 4 && subKey !== undefined) {
          return write('invoices', () => deleteAllocation(call, books, key, subKey));
        }
      }
      return undefined;
    case 'payments':
      if (method === 'GET' && n <= 2) return read('payments', () => getPayments(call, books, key));
      if ((method === 'PUT' || method === 'POST') && n === 1) {
        return write('payments', () => createPayments(call, books, method === 'PUT' ? 'PUT' : 'POST'));
      }
      if (method === 'POST' && n === 2 && key !== undefined)
        return write('payments', () => deletePayment(call, books, key));
      return undefined;
    default:
      return undefined;
  }
}
