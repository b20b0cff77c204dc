import { notFound, validationException } from '../errors';
import type { EmulatorResponse } from '../http';
import { json } from '../http';
import { batchResponse, type ElementResult } from './batch';
import { type Json, optDate, optDecimal, optObject, optString, readElements } from './body';
import type { AllocationRecord, CreditNoteRecord, CreditNoteType, InvoiceRecord, TenantBooks } from './books';
import { findCreditNote, findInvoice, replaceRecord, sameNumber } from './books';
import type { AccountingCall } from './contract';
import { type Decimal, decimalPlaces } from './decimal';
import {
  advanceNumbering,
  type BuildContext,
  buildContext,
  buildDocument,
  type DocDraft,
  type DocKind,
  failedEcho,
  lockDateError,
  readDocDraft,
} from './documents';
import { lookupInvoice } from './invoices';
import { creditNoteAmounts, invoiceAmounts, settleCreditNote, settleInvoice } from './ledger';
import { listResponse } from './listing';
import { CREDIT_NOTE_SCHEMA } from './schemas';
import { allocationWire, creditNoteWire } from './serialize';
import { isGuid, newId, ok, unitDp } from './wire';

/**
 * Credit notes (reference §7): the same document rules as invoices (no discounts), plus
 * allocation to invoices (PUT /CreditNotes/{id}/Allocations) and its reversal
 * (DELETE /CreditNotes/{id}/Allocations/{AllocationID}).
 */

export const CREDIT_NOTE_KIND: DocKind = {
  label: 'credit note',
  Label: 'Credit Note',
  idField: 'CreditNoteID',
  numberField: 'CreditNoteNumber',
  types: ['ACCRECCREDIT', 'ACCPAYCREDIT'],
  salesType: 'ACCRECCREDIT',
  uniqueNumberMessage: 'Credit Note # must be unique.',
  discountsOn: undefined,
  appliedMoney: 'payments or allocations against it',
};

/** By CreditNoteID or by CreditNoteNumber (trimmed, case-insensitive, sales credit notes first). */
export function lookupCreditNote(books: TenantBooks, key: string): CreditNoteRecord | undefined {
  if (key.trim() === '') return undefined;
  if (isGuid(key.trim())) return findCreditNote(books, key.trim());
  const matches = books.creditNotes.filter((c) => sameNumber(c.CreditNoteNumber, key));
  return matches.find((c) => c.Type === 'ACCRECCREDIT') ?? matches[0];
}

export function getCreditNotes(
  call: AccountingCall,
  books: TenantBooks,
  key: string | undefined,
): EmulatorResponse {
  const dp = unitDp(call.request.query);
  if (key !== undefined) {
    const creditNote = lookupCreditNote(books, key);
    return creditNote
      ? ok(call, 'CreditNotes', [creditNoteWire(books, creditNote, { unitDp: dp, withLines: true })])
      : notFound();
  }
  return listResponse(call, {
    plural: 'CreditNotes',
    schema: CREDIT_NOTE_SCHEMA,
    records: books.creditNotes,
    id: (c) => c.CreditNoteID,
    updated: (c) => c.UpdatedDateUTC,
    wire: (c) => creditNoteWire(books, c, { unitDp: dp, withLines: false }),
    paged: (c) => creditNoteWire(books, c, { unitDp: dp, withLines: true }),
    pageable: true,
  });
}

function processCreditNote(
  ctx: BuildContext,
  draft: DocDraft,
  mode: 'PUT' | 'POST',
  target: CreditNoteRecord | undefined,
): ElementResult {
  const { books } = ctx;
  let existing = target;
  if (!existing && draft.id !== undefined) {
    if (mode === 'PUT') {
      return {
        ok: false,
        echo: draft.raw,
        id: draft.id,
        errors: [
          'CreditNoteID cannot be specified when creating a credit note. Use POST to update an existing credit note.',
        ],
      };
    }
    existing = findCreditNote(books, draft.id);
    if (!existing) {
      return {
        ok: false,
        echo: draft.raw,
        id: draft.id,
        errors: [`The credit note with CreditNoteID '${draft.id}' could not be found.`],
      };
    }
  }
  // Stricter reading: unlike invoices, a body-level CreditNoteNumber never selects a credit note to
  // update (unconfirmed for credit notes); a repeated number is a uniqueness error.
  const result = buildDocument(ctx, CREDIT_NOTE_KIND, draft, existing, books.creditNotes);
  if (!result.ok) {
    return {
      ok: false,
      echo: failedEcho(draft, result.lineErrors),
      // A failed update answers with the credit note's real id.
      id: existing?.CreditNoteID,
      errors: result.errors,
      warnings: result.warnings,
    };
  }
  const {
    number,
    Url: _url,
    ExpectedPaymentDate: _epd,
    TotalDiscount: _td,
    IsDiscounted: _d,
    ...core
  } = result.core;
  const record: CreditNoteRecord = {
    ...core,
    Type: core.Type as CreditNoteType,
    CreditNoteID: existing?.CreditNoteID ?? newId(),
    CreditNoteNumber: number,
    Allocations: existing?.Allocations ?? [],
  };
  // A contact named on the document that matched none is created with it (reference §5.2).
  if (result.newContact) books.contacts.push(result.newContact);
  if (existing) replaceRecord(books.creditNotes, existing, record);
  else books.creditNotes.push(record);
  if (record.Type === 'ACCRECCREDIT') advanceNumbering(books, CREDIT_NOTE_KIND, number);
  settleCreditNote(books, record, ctx.nowMs);
  return {
    ok: true,
    wire: creditNoteWire(books, record, { unitDp: ctx.unitDp, withLines: true }),
    warnings: result.warnings,
  };
}

export function writeCreditNotes(
  call: AccountingCall,
  books: TenantBooks,
  mode: 'PUT' | 'POST',
  key: string | undefined,
): EmulatorResponse {
  let target: CreditNoteRecord | undefined;
  if (key !== undefined) {
    target = lookupCreditNote(books, key);
    if (!target) return notFound();
  }
  const elements = readElements(call.request.rawBody, 'CreditNotes', 'CreditNote');
  const drafts = elements.map((el, i) => readDocDraft(el, `CreditNotes[${i}]`, CREDIT_NOTE_KIND));
  const ctx = buildContext(books, call.now, unitDp(call.request.query), call.providerName);
  const results = drafts.map((draft) =>
    processCreditNote(ctx, draft, mode, target && findCreditNote(books, target.CreditNoteID)),
  );
  return batchResponse(
    call,
    { plural: 'CreditNotes', idField: 'CreditNoteID', errorFlag: 'HasErrors' },
    results,
  );
}

// ---------------------------------------------------------------------------------------------
// Allocations

interface AllocationDraft {
  raw: Json;
  invoice?: { InvoiceID?: string; InvoiceNumber?: string };
  amount?: Decimal;
  date?: string;
}

function readAllocation(el: Json, path: string): AllocationDraft {
  const invoice = optObject(el, 'Invoice', path);
  return {
    raw: el,
    invoice: invoice && {
      InvoiceID: optString(invoice, 'InvoiceID', `${path}.Invoice`),
      InvoiceNumber: optString(invoice, 'InvoiceNumber', `${path}.Invoice`),
    },
    amount: optDecimal(el, 'Amount', path),
    date: optDate(el, 'Date', path),
  };
}

function findTargetInvoice(
  books: TenantBooks,
  creditNote: CreditNoteRecord,
  ref: AllocationDraft['invoice'],
): InvoiceRecord | string {
  const id = ref?.InvoiceID?.trim();
  const number = ref?.InvoiceNumber?.trim();
  if (id)
    return (isGuid(id) && findInvoice(books, id)) || `The invoice with InvoiceID '${id}' could not be found.`;
  if (number) {
    // Bill numbers need not be unique, so the invoice of the credit note's own side is preferred
    // (ACCREC for a sales credit note, as lookupInvoice does), rather than whichever comes first.
    const preferType = creditNote.Type === 'ACCPAYCREDIT' ? 'ACCPAY' : 'ACCREC';
    return (
      lookupInvoice(books, number, preferType) ??
      `The invoice with InvoiceNumber '${number}' could not be found.`
    );
  }
  return 'Invoice is required.'; // Assumption: wording ours (spec marks Invoice as required).
}

const OVER_ALLOCATED = 'Credit Note cannot be allocated as amount is greater than amount outstanding';
// Assumption (stricter; wording ours): Xero is not known to refuse these, but rounding them would
// apply an amount the caller did not send.
const AMOUNT_DP_MESSAGE = 'The allocation Amount must not have more than 2 decimal places.';

/** Rules of reference §7.3; wording from Xero where known (xeroizer#320, xero-php#251). */
function allocationErrors(
  books: TenantBooks,
  creditNote: CreditNoteRecord,
  invoice: InvoiceRecord,
  draft: AllocationDraft,
): string[] {
  const errors: string[] = [];
  if (draft.date === undefined) errors.push('Date is required.'); // Assumption: wording ours.
  if (draft.amount === undefined) {
    errors.push('Amount is required.'); // Assumption: wording ours.
    return errors;
  }
  const amount = draft.amount;
  // Assumption (stricter; wording ours): rather than round silently, more than 2 dp is refused.
  if (decimalPlaces(amount) > 2) errors.push(AMOUNT_DP_MESSAGE);
  const expectedType = creditNote.Type === 'ACCRECCREDIT' ? 'ACCREC' : 'ACCPAY';
  if (invoice.Type !== expectedType)
    errors.push('Credit Note cannot be allocated to an incorrect invoice type.');
  if (creditNote.Status !== 'AUTHORISED' && creditNote.Status !== 'PAID') {
    errors.push('Only AUTHORISED credit notes can be allocated.'); // Assumption: wording ours.
  }
  if (invoice.Status === 'PAID')
    errors.push('The invoice you are trying to allocate to has already been paid off');
  else if (invoice.Status !== 'AUTHORISED') {
    errors.push('Credit notes can only be allocated to AUTHORISED invoices.'); // Assumption: wording ours.
  }
  if (invoice.ContactID !== creditNote.ContactID) {
    errors.push('The credit note and the invoice must belong to the same contact.'); // Assumption: wording ours.
  }
  if (amount.lte(0)) errors.push('The allocation amount must be greater than zero.'); // Assumption: wording ours.
  // The amount due is checked whatever the invoice's status (a PAID invoice owes 0), so a paid-off
  // invoice gets both of Xero's messages (xeroizer#320).
  const remaining = creditNoteAmounts(books, creditNote).remainingCredit;
  const due = invoiceAmounts(books, invoice).amountDue;
  if (amount.gt(0) && (amount.gt(remaining) || amount.gt(due))) errors.push(OVER_ALLOCATED);
  if (draft.date !== undefined) {
    // Assumption (stricter; wording ours): money cannot be applied before either document exists.
    if (draft.date < creditNote.Date)
      errors.push(
        `The allocation date ${draft.date} cannot be earlier than the credit note date ${creditNote.Date}.`,
      );
    if (draft.date < invoice.Date)
      errors.push(
        `The allocation date ${draft.date} cannot be earlier than the invoice date ${invoice.Date}.`,
      );
  }
  const locked = lockDateError(books, [draft.date]);
  if (locked) errors.push(locked);
  return errors;
}

export function putAllocations(call: AccountingCall, books: TenantBooks, key: string): EmulatorResponse {
  const creditNote = lookupCreditNote(books, key);
  if (!creditNote) return notFound();
  const elements = readElements(call.request.rawBody, 'Allocations', 'Allocation');
  const drafts = elements.map((el, i) => readAllocation(el, `Allocations[${i}]`));
  const nowMs = call.now.getTime();
  const results = drafts.map((draft): ElementResult => {
    const current = findCreditNote(books, creditNote.CreditNoteID) as CreditNoteRecord;
    const invoice = findTargetInvoice(books, current, draft.invoice);
    if (typeof invoice === 'string') return { ok: false, echo: draft.raw, errors: [invoice] };
    const errors = allocationErrors(books, current, invoice, draft);
    if (errors.length > 0) return { ok: false, echo: draft.raw, errors };
    const allocation: AllocationRecord = {
      AllocationID: newId(),
      InvoiceID: invoice.InvoiceID,
      Amount: (draft.amount as Decimal).toFixed(2),
      Date: draft.date as string,
      UpdatedDateUTC: nowMs,
    };
    current.Allocations = [...current.Allocations, allocation];
    current.UpdatedDateUTC = nowMs;
    invoice.UpdatedDateUTC = nowMs;
    settleCreditNote(books, current, nowMs);
    settleInvoice(books, invoice, nowMs);
    // Assumption: like the spec's example, the answer carries no AllocationID; the id is read from
    // the credit note's Allocations (GET /CreditNotes/{id}), which works either way.
    const { AllocationID: _id, ...wire } = allocationWire(books, current, allocation);
    return { ok: true, wire, warnings: [] };
  });
  return batchResponse(call, { plural: 'Allocations', idField: 'AllocationID' }, results);
}

/** Un-allocates; answers the bare Allocation with IsDeleted true (spec `deleteCreditNoteAllocations`). */
export function deleteAllocation(
  call: AccountingCall,
  books: TenantBooks,
  key: string,
  allocationId: string,
): EmulatorResponse {
  const creditNote = lookupCreditNote(books, key);
  const allocation = creditNote?.Allocations.find((a) => a.AllocationID === allocationId.toLowerCase());
  if (!creditNote || !allocation) return notFound();
  const locked = lockDateError(books, [allocation.Date]);
  if (locked) {
    return validationException([
      { AllocationID: allocation.AllocationID, ValidationErrors: [{ Message: locked }] },
    ]);
  }
  const nowMs = call.now.getTime();
  const wire = allocationWire(books, creditNote, allocation, { IsDeleted: true });
  creditNote.Allocations = creditNote.Allocations.filter((a) => a !== allocation);
  creditNote.UpdatedDateUTC = nowMs;
  settleCreditNote(books, creditNote, nowMs);
  const invoice = findInvoice(books, allocation.InvoiceID);
  if (invoice) {
    invoice.UpdatedDateUTC = nowMs;
    settleInvoice(books, invoice, nowMs);
  }
  return json(200, wire);
}
