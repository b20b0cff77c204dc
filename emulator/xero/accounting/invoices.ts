import { notFound } from '../errors';
import { type EmulatorResponse, queryValue } from '../http';
import { batchResponse, type ElementResult } from './batch';
import { readElements } from './body';
import type { InvoiceRecord, InvoiceType, TenantBooks } from './books';
import { findInvoice, replaceRecord, sameNumber } from './books';
import type { AccountingCall } from './contract';
import {
  advanceNumbering,
  type BuildContext,
  buildContext,
  buildDocument,
  type DocDraft,
  type DocKind,
  failedEcho,
  readDocDraft,
} from './documents';
import { settleInvoice } from './ledger';
import { listResponse } from './listing';
import { INVOICE_SCHEMA } from './schemas';
import { invoiceWire } from './serialize';
import { isGuid, newId, ok, queryFlag, queryList, unitDp } from './wire';

/**
 * Invoices (reference §5): GET (IDs, InvoiceNumbers, ContactIDs, Statuses, where, order,
 * paging, createdByMyApp, searchTerm, summaryOnly, unitdp, If-Modified-Since), GET by id or
 * number, PUT (create only), POST (create, or update by InvoiceID or an existing ACCREC
 * InvoiceNumber), POST /Invoices/{id or number} (update, incl. status changes).
 */

export const INVOICE_KIND: DocKind = {
  label: 'invoice',
  Label: 'Invoice',
  idField: 'InvoiceID',
  numberField: 'InvoiceNumber',
  types: ['ACCREC', 'ACCPAY'],
  salesType: 'ACCREC',
  uniqueNumberMessage: 'Invoice # must be unique.',
  discountsOn: 'ACCREC',
  appliedMoney: 'payments or credit notes allocated to it',
};

/**
 * By InvoiceID (GUID shape) or by InvoiceNumber, matched like its uniqueness (trimmed,
 * case-insensitive). Sales invoices come first, as only their numbers are unique; a caller that
 * knows it wants a bill (an ACCPAYCREDIT allocation) may prefer ACCPAY instead.
 */
export function lookupInvoice(
  books: TenantBooks,
  key: string,
  preferType: InvoiceType = 'ACCREC',
): InvoiceRecord | undefined {
  if (key.trim() === '') return undefined;
  if (isGuid(key.trim())) return findInvoice(books, key.trim());
  const matches = books.invoices.filter((i) => sameNumber(i.InvoiceNumber, key));
  return matches.find((i) => i.Type === preferType) ?? matches[0];
}

export function getInvoices(
  call: AccountingCall,
  books: TenantBooks,
  key: string | undefined,
): EmulatorResponse {
  const { query } = call.request;
  const dp = unitDp(query);
  if (key !== undefined) {
    const invoice = lookupInvoice(books, key);
    return invoice
      ? ok(call, 'Invoices', [invoiceWire(books, invoice, { unitDp: dp, withLines: true })])
      : notFound();
  }
  const ids = queryList(query, 'IDs')?.map((id) => id.toLowerCase());
  const numbers = queryList(query, 'InvoiceNumbers');
  const contactIds = queryList(query, 'ContactIDs')?.map((id) => id.toLowerCase());
  const statuses = queryList(query, 'Statuses')?.map((s) => s.toUpperCase());
  const mine = queryFlag(query, 'createdByMyApp');
  const summaryOnly = queryFlag(query, 'summaryOnly');
  const term = queryValue(query, 'searchTerm')?.trim().toLowerCase();
  const summary = (invoice: InvoiceRecord) => {
    const wire = invoiceWire(books, invoice, { unitDp: dp, withLines: false });
    if (!summaryOnly) return wire;
    // summaryOnly leaves out the computation-heavy collections (spec `summaryOnly`).
    const {
      Payments: _p,
      CreditNotes: _c,
      Prepayments: _pp,
      Overpayments: _op,
      LineItems: _l,
      ...light
    } = wire;
    return light;
  };
  return listResponse(call, {
    plural: 'Invoices',
    schema: INVOICE_SCHEMA,
    records: books.invoices,
    id: (i) => i.InvoiceID,
    updated: (i) => i.UpdatedDateUTC,
    wire: summary,
    // Paged results carry line items; unpaged lists are summarised (reference §4).
    paged: (i) => (summaryOnly ? summary(i) : invoiceWire(books, i, { unitDp: dp, withLines: true })),
    pageable: true,
    filter: (i) =>
      (ids === undefined || ids.includes(i.InvoiceID)) &&
      (numbers === undefined || numbers.some((n) => sameNumber(n, i.InvoiceNumber))) &&
      (contactIds === undefined || contactIds.includes(i.ContactID)) &&
      (statuses === undefined || statuses.includes(i.Status)) &&
      (!mine || i.CreatedByApp === call.providerName) &&
      (!term || [i.InvoiceNumber, i.Reference].some((v) => v?.toLowerCase().includes(term))),
  });
}

function processInvoice(
  ctx: BuildContext,
  draft: DocDraft,
  mode: 'PUT' | 'POST',
  target: InvoiceRecord | undefined,
): ElementResult {
  const { books } = ctx;
  let existing = target;
  if (!existing && draft.id !== undefined) {
    if (mode === 'PUT') {
      // Assumption (stricter reading of "PUT creates only"): an id on PUT is refused.
      return {
        ok: false,
        echo: draft.raw,
        id: draft.id,
        errors: [
          'InvoiceID cannot be specified when creating an invoice. Use POST to update an existing invoice.',
        ],
      };
    }
    existing = findInvoice(books, draft.id);
    if (!existing)
      return {
        ok: false,
        echo: draft.raw,
        id: draft.id,
        errors: [`The invoice with InvoiceID '${draft.id}' could not be found.`],
      };
  }
  if (!existing && mode === 'POST' && draft.number && (draft.Type ?? 'ACCREC') === 'ACCREC') {
    // POST with the number of an existing sales invoice updates it (reference §5.5).
    const number = draft.number;
    existing = books.invoices.find((i) => i.Type === 'ACCREC' && sameNumber(i.InvoiceNumber, number));
  }

  const result = buildDocument(ctx, INVOICE_KIND, draft, existing, books.invoices);
  if (!result.ok) {
    return {
      ok: false,
      echo: failedEcho(draft, result.lineErrors),
      // A failed update answers with the invoice's real id (never read a non-zero id as saved).
      id: existing?.InvoiceID,
      errors: result.errors,
      warnings: result.warnings,
    };
  }
  const { number, ...core } = result.core;
  const record: InvoiceRecord = {
    ...core,
    Type: core.Type as InvoiceType,
    InvoiceID: existing?.InvoiceID ?? newId(),
    InvoiceNumber: number,
  };
  // A contact named on the document that matched none is created with it (reference §5.2).
  if (result.newContact) books.contacts.push(result.newContact);
  if (existing) replaceRecord(books.invoices, existing, record);
  else books.invoices.push(record);
  if (record.Type === 'ACCREC') advanceNumbering(books, INVOICE_KIND, number);
  settleInvoice(books, record, ctx.nowMs);
  return {
    ok: true,
    wire: invoiceWire(books, record, { unitDp: ctx.unitDp, withLines: true }),
    warnings: result.warnings,
  };
}

export function writeInvoices(
  call: AccountingCall,
  books: TenantBooks,
  mode: 'PUT' | 'POST',
  key: string | undefined,
): EmulatorResponse {
  let target: InvoiceRecord | undefined;
  if (key !== undefined) {
    target = lookupInvoice(books, key);
    if (!target) return notFound();
  }
  const elements = readElements(call.request.rawBody, 'Invoices', 'Invoice');
  // Read every element before committing any, so an unreadable body changes nothing.
  const drafts = elements.map((el, i) => readDocDraft(el, `Invoices[${i}]`, INVOICE_KIND));
  const ctx = buildContext(books, call.now, unitDp(call.request.query), call.providerName);
  const results = drafts.map((draft) =>
    processInvoice(ctx, draft, mode, target && findInvoice(books, target.InvoiceID)),
  );
  return batchResponse(call, { plural: 'Invoices', idField: 'InvoiceID', errorFlag: 'HasErrors' }, results);
}
