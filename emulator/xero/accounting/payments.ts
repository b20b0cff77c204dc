import { noDataProcessed, notFound } from '../errors';
import type { EmulatorResponse } from '../http';
import { batchResponse, type ElementResult } from './batch';
import {
  BodyError,
  isObject,
  type Json,
  optBoolean,
  optDate,
  optDecimal,
  optEnum,
  optObject,
  optString,
  parseJsonBody,
  readElements,
} from './body';
import type { AccountRecord, CreditNoteRecord, InvoiceRecord, PaymentRecord, TenantBooks } from './books';
import { findAccountByCode, findAccountById, findCreditNote, findInvoice, sameId } from './books';
import type { AccountingCall } from './contract';
import { lookupCreditNote } from './credit-notes';
import { type Decimal, decimalPlaces } from './decimal';
import { lockDateError } from './documents';
import { lookupInvoice } from './invoices';
import { creditNoteAmounts, invoiceAmounts, settleCreditNote, settleInvoice } from './ledger';
import { listResponse } from './listing';
import { PAYMENT_SCHEMA } from './schemas';
import { paymentWire } from './serialize';
import { isGuid, newId, ok } from './wire';

/**
 * Payments (reference §6): created with PUT or POST against an AUTHORISED invoice, or against an
 * AUTHORISED credit note (a refund); never edited, only deleted with
 * POST /Payments/{id} {"Status":"DELETED"} (or the spec example's {"Payments":[{...}]} form).
 */

const SHAPE = { plural: 'Payments', idField: 'PaymentID', errorFlag: 'HasValidationErrors' } as const;

const NOT_POSITIVE = 'Payment amounts must be positive amounts';

interface PaymentDraft {
  raw: Json;
  PaymentID?: string;
  invoice?: { InvoiceID?: string; InvoiceNumber?: string };
  creditNote?: { CreditNoteID?: string; CreditNoteNumber?: string };
  account?: { AccountID?: string; Code?: string };
  otherTarget: boolean;
  Date?: string;
  Amount?: Decimal;
  Reference?: string;
  IsReconciled?: boolean;
  Status?: 'AUTHORISED' | 'DELETED';
}

function readDraft(el: Json, path: string): PaymentDraft {
  const invoice = optObject(el, 'Invoice', path);
  const creditNote = optObject(el, 'CreditNote', path);
  const account = optObject(el, 'Account', path);
  const invoiceNumber = optString(el, 'InvoiceNumber', path);
  const creditNoteNumber = optString(el, 'CreditNoteNumber', path);
  const code = optString(el, 'Code', path);
  return {
    raw: el,
    PaymentID: optString(el, 'PaymentID', path),
    invoice:
      invoice || invoiceNumber
        ? {
            InvoiceID: invoice && optString(invoice, 'InvoiceID', `${path}.Invoice`),
            InvoiceNumber:
              (invoice && optString(invoice, 'InvoiceNumber', `${path}.Invoice`)) ?? invoiceNumber,
          }
        : undefined,
    creditNote:
      creditNote || creditNoteNumber
        ? {
            CreditNoteID: creditNote && optString(creditNote, 'CreditNoteID', `${path}.CreditNote`),
            CreditNoteNumber:
              (creditNote && optString(creditNote, 'CreditNoteNumber', `${path}.CreditNote`)) ??
              creditNoteNumber,
          }
        : undefined,
    account:
      account || code
        ? {
            AccountID: account && optString(account, 'AccountID', `${path}.Account`),
            Code: (account && optString(account, 'Code', `${path}.Account`)) ?? code,
          }
        : undefined,
    otherTarget: el.Prepayment !== undefined || el.Overpayment !== undefined,
    Date: optDate(el, 'Date', path),
    Amount: optDecimal(el, 'Amount', path),
    Reference: optString(el, 'Reference', path),
    IsReconciled: optBoolean(el, 'IsReconciled', path),
    Status: optEnum(el, 'Status', ['AUTHORISED', 'DELETED'] as const, 'PaymentStatus', path),
  };
}

type Target = { invoice: InvoiceRecord } | { creditNote: CreditNoteRecord };

function resolveTarget(books: TenantBooks, draft: PaymentDraft): Target | string {
  if (draft.otherTarget) return 'Prepayments and overpayments are not supported by this organisation.';
  if (draft.invoice && draft.creditNote)
    return 'A payment can be applied to an Invoice or a Credit Note, not both.'; // Assumption: wording ours.
  if (draft.invoice) {
    const { InvoiceID: id, InvoiceNumber: number } = draft.invoice;
    if (id) {
      const invoice = isGuid(id) ? findInvoice(books, id) : undefined;
      return invoice ? { invoice } : `The invoice with InvoiceID '${id}' could not be found.`;
    }
    // By number as GET /Invoices/{number} finds it: trimmed, case-insensitive, sales invoices first.
    const invoice = number ? lookupInvoice(books, number) : undefined;
    return invoice ? { invoice } : `The invoice with InvoiceNumber '${number ?? ''}' could not be found.`;
  }
  if (draft.creditNote) {
    const { CreditNoteID: id, CreditNoteNumber: number } = draft.creditNote;
    if (id) {
      const creditNote = isGuid(id) ? findCreditNote(books, id) : undefined;
      return creditNote ? { creditNote } : `The credit note with CreditNoteID '${id}' could not be found.`;
    }
    const creditNote = number ? lookupCreditNote(books, number) : undefined;
    return creditNote
      ? { creditNote }
      : `The credit note with CreditNoteNumber '${number ?? ''}' could not be found.`;
  }
  return 'A payment must be made against an Invoice or a Credit Note.'; // Assumption: wording ours.
}

function resolveAccount(books: TenantBooks, ref: PaymentDraft['account']): AccountRecord | string {
  if (!ref || (!ref.AccountID && !ref.Code)) return 'Account is required.'; // Assumption: wording ours.
  let account: AccountRecord | undefined;
  if (ref.AccountID) account = isGuid(ref.AccountID) ? findAccountById(books, ref.AccountID) : undefined;
  else account = findAccountByCode(books, ref.Code ?? '');
  if (account?.Status !== 'ACTIVE') {
    return ref.AccountID
      ? `The account with AccountID '${ref.AccountID}' could not be found.`
      : `The account with Code '${ref.Code}' could not be found.`;
  }
  // A payment must go to a bank account or one with "Enable payments to this account".
  if (account.Type !== 'BANK' && !account.EnablePaymentsToAccount)
    return 'Account type is invalid for making a payment to/from';
  return account;
}

function createPayment(books: TenantBooks, draft: PaymentDraft, nowMs: number): ElementResult {
  const fail = (errors: string[], id?: string): ElementResult => ({ ok: false, echo: draft.raw, errors, id });
  if (draft.PaymentID !== undefined) {
    // Payments are never updated (Xero staff, xero-php-oauth2#91); wording ours.
    const named = draft.PaymentID.trim();
    return fail(
      ['Payments cannot be updated. Delete the payment and create a new one.'],
      isGuid(named) ? named.toLowerCase() : undefined,
    );
  }
  const errors: string[] = [];
  const target = resolveTarget(books, draft);
  if (typeof target === 'string') errors.push(target);
  const account = resolveAccount(books, draft.account);
  if (typeof account === 'string') errors.push(account);
  if (draft.Date === undefined) errors.push('Date is required.'); // Assumption: wording ours.
  if (draft.Status === 'DELETED') errors.push('A payment cannot be created with a status of DELETED.'); // Assumption.
  if (draft.Amount === undefined) errors.push('Amount is required.'); // Assumption: wording ours.
  const amount = draft.Amount;
  // Xero's message for a negative amount (the review of Xero's behaviour). Assumption: a
  // zero amount, not positive either, gets the same one.
  if (amount?.lte(0)) errors.push(NOT_POSITIVE);
  if (amount !== undefined && decimalPlaces(amount) > 2) {
    // Assumption (stricter; wording ours): rather than round silently, more than 2 dp is refused.
    errors.push('The payment Amount must not have more than 2 decimal places.');
  }

  if (typeof target !== 'string') {
    const doc = 'invoice' in target ? target.invoice : target.creditNote;
    const outstanding =
      'invoice' in target
        ? invoiceAmounts(books, target.invoice).amountDue
        : creditNoteAmounts(books, target.creditNote).remainingCredit;
    // Xero often reports both messages for a payment on a PAID document (reference §6.3).
    if (doc.Status !== 'AUTHORISED') errors.push('Payments can only be made against Authorised documents');
    if (amount?.gt(0) && amount.gt(outstanding)) {
      errors.push('Payment amount exceeds the amount outstanding on this document');
    }
    if (draft.Date !== undefined && draft.Date < doc.Date) {
      // Assumption (stricter; wording ours): a document cannot be paid before its own date.
      const label = 'invoice' in target ? 'invoice' : 'credit note';
      errors.push(`The payment date ${draft.Date} cannot be earlier than the ${label} date ${doc.Date}.`);
    }
  }
  const locked = lockDateError(books, [draft.Date]);
  if (locked) errors.push(locked);
  if (
    errors.length > 0 ||
    typeof target === 'string' ||
    typeof account === 'string' ||
    !amount ||
    !draft.Date
  ) {
    return fail(errors);
  }

  const onInvoice = 'invoice' in target;
  const sales = onInvoice ? target.invoice.Type === 'ACCREC' : target.creditNote.Type === 'ACCRECCREDIT';
  const payment: PaymentRecord = {
    PaymentID: newId(),
    InvoiceID: onInvoice ? target.invoice.InvoiceID : undefined,
    CreditNoteID: onInvoice ? undefined : target.creditNote.CreditNoteID,
    AccountID: account.AccountID,
    Date: draft.Date,
    Amount: amount.toFixed(2),
    Reference: draft.Reference,
    IsReconciled: draft.IsReconciled ?? false,
    Status: 'AUTHORISED',
    PaymentType: onInvoice
      ? sales
        ? 'ACCRECPAYMENT'
        : 'ACCPAYPAYMENT'
      : sales
        ? 'ARCREDITPAYMENT'
        : 'APCREDITPAYMENT',
    UpdatedDateUTC: nowMs,
  };
  books.payments.push(payment);
  settleTarget(books, payment, nowMs);
  return { ok: true, wire: paymentWire(books, payment), warnings: [] };
}

/** The paid document moves to PAID (or back to AUTHORISED) as its balance changes. */
function settleTarget(books: TenantBooks, payment: PaymentRecord, nowMs: number): void {
  const invoice = payment.InvoiceID === undefined ? undefined : findInvoice(books, payment.InvoiceID);
  if (invoice) {
    invoice.UpdatedDateUTC = nowMs;
    settleInvoice(books, invoice, nowMs);
  }
  const creditNote =
    payment.CreditNoteID === undefined ? undefined : findCreditNote(books, payment.CreditNoteID);
  if (creditNote) {
    creditNote.UpdatedDateUTC = nowMs;
    settleCreditNote(books, creditNote, nowMs);
  }
}

/** PUT /Payments needs the wrapper; POST /Payments also takes a single Payment object (spec `createPayment`). */
function readPaymentElements(raw: string, allowSingle: boolean): Json[] {
  if (allowSingle) {
    const body = parseJsonBody(raw);
    if (
      isObject(body) &&
      body.Payments === undefined &&
      ['Invoice', 'CreditNote', 'Amount', 'Account'].some((k) => k in body)
    ) {
      return [body];
    }
  }
  return readElements(raw, 'Payments', 'Payment');
}

export function createPayments(
  call: AccountingCall,
  books: TenantBooks,
  mode: 'PUT' | 'POST',
): EmulatorResponse {
  const elements = readPaymentElements(call.request.rawBody, mode === 'POST');
  const drafts = elements.map((el, i) => readDraft(el, `Payments[${i}]`));
  const nowMs = call.now.getTime();
  return batchResponse(
    call,
    SHAPE,
    drafts.map((draft) => createPayment(books, draft, nowMs)),
  );
}

/** POST /Payments/{PaymentID}: the only change a payment accepts is Status DELETED. */
export function deletePayment(call: AccountingCall, books: TenantBooks, id: string): EmulatorResponse {
  const payment = isGuid(id) ? books.payments.find((p) => sameId(p.PaymentID, id)) : undefined;
  if (!payment) return notFound();
  const body = parseJsonBody(call.request.rawBody);
  const wrapped = isObject(body) && Array.isArray(body.Payments);
  const element = wrapped ? (body.Payments as unknown[])[0] : body;
  if (!isObject(element)) throw new BodyError(noDataProcessed('Payment'));
  const status = optEnum(
    element,
    'Status',
    ['AUTHORISED', 'DELETED'] as const,
    'PaymentStatus',
    'Payments[0]',
  );

  const errors: string[] = [];
  if (status !== 'DELETED') {
    errors.push(
      'Payments cannot be updated. To change a payment, delete it (Status DELETED) and create a new one.',
    );
  } else if (payment.Status === 'DELETED') {
    errors.push('This payment has already been deleted.'); // Assumption: wording ours.
  } else {
    if (payment.IsReconciled) errors.push('This payment has been reconciled and cannot be deleted');
    const locked = lockDateError(books, [payment.Date]);
    if (locked) errors.push(locked);
  }
  // The refused deletion names the payment's real id, as every failed update does.
  if (errors.length > 0) {
    return batchResponse(call, SHAPE, [{ ok: false, echo: element, errors, id: payment.PaymentID }]);
  }

  const nowMs = call.now.getTime();
  const deleted: PaymentRecord = { ...payment, Status: 'DELETED', UpdatedDateUTC: nowMs };
  books.payments[books.payments.indexOf(payment)] = deleted;
  settleTarget(books, deleted, nowMs);
  return batchResponse(call, SHAPE, [{ ok: true, wire: paymentWire(books, deleted), warnings: [] }]);
}

export function getPayments(
  call: AccountingCall,
  books: TenantBooks,
  id: string | undefined,
): EmulatorResponse {
  if (id !== undefined) {
    const payment = isGuid(id) ? books.payments.find((p) => sameId(p.PaymentID, id)) : undefined;
    return payment ? ok(call, 'Payments', [paymentWire(books, payment)]) : notFound();
  }
  return listResponse(call, {
    plural: 'Payments',
    schema: PAYMENT_SCHEMA,
    records: books.payments,
    id: (p) => p.PaymentID,
    updated: (p) => p.UpdatedDateUTC,
    wire: (p) => paymentWire(books, p),
    pageable: true,
  });
}
