import type { AllocationRecord, CreditNoteRecord, InvoiceRecord, PaymentRecord, TenantBooks } from './books';
import { sameId } from './books';
import { type Decimal, dec, sum, ZERO } from './decimal';

/**
 * Amounts that follow from payments and allocations. They are derived on every read instead of
 * stored, so AmountDue, AmountPaid, AmountCredited and RemainingCredit can never drift from the
 * payments and allocations that make them up.
 */

export const livePaymentsOf = (books: TenantBooks, doc: { InvoiceID: string } | { CreditNoteID: string }) =>
  books.payments.filter(
    (p) =>
      p.Status === 'AUTHORISED' &&
      ('InvoiceID' in doc ? sameId(p.InvoiceID, doc.InvoiceID) : sameId(p.CreditNoteID, doc.CreditNoteID)),
  );

export interface InvoiceAllocation {
  creditNote: CreditNoteRecord;
  allocation: AllocationRecord;
}

export const allocationsToInvoice = (books: TenantBooks, invoice: InvoiceRecord): InvoiceAllocation[] =>
  books.creditNotes.flatMap((creditNote) =>
    creditNote.Allocations.filter((a) => sameId(a.InvoiceID, invoice.InvoiceID)).map((allocation) => ({
      creditNote,
      allocation,
    })),
  );

const isClosed = (status: string) => status === 'VOIDED' || status === 'DELETED';

export interface InvoiceAmounts {
  amountPaid: Decimal;
  amountCredited: Decimal;
  amountDue: Decimal;
}

export function invoiceAmounts(books: TenantBooks, invoice: InvoiceRecord): InvoiceAmounts {
  const amountPaid = sum(livePaymentsOf(books, invoice).map((p) => dec(p.Amount)));
  const amountCredited = sum(allocationsToInvoice(books, invoice).map((a) => dec(a.allocation.Amount)));
  // Voided and deleted documents owe nothing (Xero returns AmountDue 0.00 for them).
  const amountDue = isClosed(invoice.Status)
    ? ZERO
    : dec(invoice.Total).minus(amountPaid).minus(amountCredited);
  return { amountPaid, amountCredited, amountDue };
}

export interface CreditNoteAmounts {
  allocated: Decimal;
  refunded: Decimal;
  remainingCredit: Decimal;
}

export function creditNoteAmounts(books: TenantBooks, creditNote: CreditNoteRecord): CreditNoteAmounts {
  const allocated = sum(creditNote.Allocations.map((a) => dec(a.Amount)));
  const refunded = sum(livePaymentsOf(books, creditNote).map((p) => dec(p.Amount)));
  const remainingCredit = isClosed(creditNote.Status)
    ? ZERO
    : dec(creditNote.Total).minus(allocated).minus(refunded);
  return { allocated, refunded, remainingCredit };
}

/** True once money has been applied to the document: edits and voiding are then refused. */
export function hasPaymentsOrAllocations(books: TenantBooks, doc: InvoiceRecord | CreditNoteRecord): boolean {
  if ('InvoiceID' in doc)
    return livePaymentsOf(books, doc).length > 0 || allocationsToInvoice(books, doc).length > 0;
  return livePaymentsOf(books, doc).length > 0 || doc.Allocations.length > 0;
}

const latest = (dates: string[]): string | undefined => [...dates].sort().at(-1);

/**
 * PAID is set by Xero alone: an AUTHORISED document whose balance reaches zero becomes PAID
 * (FullyPaidOnDate = the date of the last payment or allocation; for a zero-total document, its
 * own date), and a PAID one whose balance reopens (payment or allocation deleted) goes back to
 * AUTHORISED. Returns true when the status changed.
 */
export function settleInvoice(books: TenantBooks, invoice: InvoiceRecord, nowMs: number): boolean {
  if (invoice.Status !== 'AUTHORISED' && invoice.Status !== 'PAID') return false;
  const { amountDue } = invoiceAmounts(books, invoice);
  const dates = [
    ...livePaymentsOf(books, invoice).map((p: PaymentRecord) => p.Date),
    ...allocationsToInvoice(books, invoice).map((a) => a.allocation.Date),
  ];
  return settle(invoice, amountDue, dates, nowMs);
}

export function settleCreditNote(books: TenantBooks, creditNote: CreditNoteRecord, nowMs: number): boolean {
  if (creditNote.Status !== 'AUTHORISED' && creditNote.Status !== 'PAID') return false;
  const { remainingCredit } = creditNoteAmounts(books, creditNote);
  const dates = [
    ...livePaymentsOf(books, creditNote).map((p) => p.Date),
    ...creditNote.Allocations.map((a) => a.Date),
  ];
  return settle(creditNote, remainingCredit, dates, nowMs);
}

function settle(
  doc: InvoiceRecord | CreditNoteRecord,
  outstanding: Decimal,
  dates: string[],
  nowMs: number,
): boolean {
  if (doc.Status === 'AUTHORISED' && outstanding.lte(0)) {
    doc.Status = 'PAID';
    doc.FullyPaidOnDate = latest(dates) ?? doc.Date;
    doc.UpdatedDateUTC = nowMs;
    return true;
  }
  if (doc.Status === 'PAID' && outstanding.gt(0)) {
    doc.Status = 'AUTHORISED';
    doc.FullyPaidOnDate = undefined;
    doc.UpdatedDateUTC = nowMs;
    return true;
  }
  return false;
}
