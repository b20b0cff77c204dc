import type { TenantBooks } from './books';
import {
  accountWire,
  contactWire,
  creditNoteWire,
  invoiceWire,
  paymentWire,
  taxRateWire,
  trackingCategoryWire,
} from './serialize';
import { organisationWire } from './settings';

/**
 * Everything one tenant holds, in Xero's wire format, for the emulator's
 * `GET /__emulator/state` control endpoint. Documents come with their line items and unit
 * amounts at the precision they were stored (4 dp when written with unitdp=4); archived
 * contacts and deleted payments are included.
 */
export function snapshotBooks(books: TenantBooks): object {
  const view = { unitDp: 4, withLines: true } as const;
  return {
    tenantId: books.tenantId,
    tenantName: books.organisation.Name,
    Organisation: organisationWire(books.organisation),
    Accounts: books.accounts.map(accountWire),
    TaxRates: books.taxRates.map(taxRateWire),
    TrackingCategories: books.trackingCategories.map((c) => trackingCategoryWire(c)),
    Contacts: books.contacts.map((c) => contactWire(books, c)),
    Invoices: books.invoices.map((i) => invoiceWire(books, i, view)),
    CreditNotes: books.creditNotes.map((c) => creditNoteWire(books, c, view)),
    Payments: books.payments.map((p) => paymentWire(books, p)),
  };
}
