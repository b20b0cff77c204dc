import { postDataInvalid } from '../errors';
import {
  BodyError,
  type Json,
  optArray,
  optBoolean,
  optDate,
  optDecimal,
  optEnum,
  optObject,
  optString,
} from './body';
import type {
  AccountRecord,
  ContactRecord,
  CreditNoteRecord,
  DocumentBase,
  DocumentStatus,
  InvoiceRecord,
  LineAmountTypes,
  LineRecord,
  LineTracking,
  TaxRateRecord,
  TenantBooks,
} from './books';
import { findAccountByCode, findAccountById, findContact, findTaxRate, sameNumber } from './books';
import { dec, decimalPlaces, round, ZERO } from './decimal';
import { hasPaymentsOrAllocations } from './ledger';
import {
  computeLine,
  documentTotals,
  type LineAmounts,
  type LineInput,
  MAX_AMOUNT,
  tooLarge,
} from './rounding';
import { resolveLineTracking, type TrackingRef } from './tracking';
import { isGuid, newId, todayIn } from './wire';

/**
 * What invoices and credit notes share: reading a document element, resolving its contact,
 * accounts and tax rates, computing its lines and totals, and Xero's status and editing rules
 * (reference §5.2–5.5, §7). The result is a candidate record, committed by the caller only when
 * there are no errors, so a failed element never changes the books.
 */

export const STATUSES = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'] as const;
const LINE_AMOUNT_TYPES = ['Exclusive', 'Inclusive', 'NoTax'] as const;

export interface DocKind {
  label: 'invoice' | 'credit note';
  Label: 'Invoice' | 'Credit Note';
  idField: 'InvoiceID' | 'CreditNoteID';
  numberField: 'InvoiceNumber' | 'CreditNoteNumber';
  types: readonly string[];
  /** The type whose number is unique and auto-generated (ACCREC / ACCRECCREDIT). */
  salesType: string;
  /** The wording of the uniqueness error for salesType numbers. */
  uniqueNumberMessage: string;
  /** Discounts exist on sales invoices only (spec `LineItem.DiscountRate`). */
  discountsOn: string | undefined;
  /** How the money applied to it is described in status errors. */
  appliedMoney: string;
}

export interface DraftLine extends LineInput {
  raw: Json;
  LineItemID?: string;
  Description?: string;
  ItemCode?: string;
  AccountCode?: string;
  AccountID?: string;
  TaxType?: string;
  /** Tracking as sent (validated when the line is built). */
  tracking?: TrackingRef[];
  /** Tracking of a stored line fed back through the calculator: kept as it is. */
  storedTracking?: LineTracking[];
}

export interface ContactRef {
  ContactID?: string;
  ContactNumber?: string;
  Name?: string;
}

export interface DocDraft {
  raw: Json;
  id?: string;
  Type?: string;
  number?: string;
  contact?: ContactRef;
  Date?: string;
  DueDate?: string;
  ExpectedPaymentDate?: string;
  Status?: DocumentStatus;
  LineAmountTypes?: LineAmountTypes;
  LineItems?: DraftLine[];
  Reference?: string;
  CurrencyCode?: string;
  Url?: string;
  BrandingThemeID?: string;
  SentToContact?: boolean;
}

function optGuid(obj: Json, key: string, path: string): string | undefined {
  const value = optString(obj, key, path);
  if (value === undefined || value === '') return undefined;
  if (!isGuid(value)) {
    throw new BodyError(
      postDataInvalid(
        `Error converting value ${JSON.stringify(value)} to type 'System.Guid'. Path '${path}.${key}'.`,
      ),
    );
  }
  return value.toLowerCase();
}

export function readDocDraft(el: Json, path: string, kind: DocKind): DocDraft {
  const contact = optObject(el, 'Contact', path);
  const lines = optArray(el, 'LineItems', path)?.map((line, i): DraftLine => {
    const p = `${path}.LineItems[${i}]`;
    return {
      raw: line,
      LineItemID: optGuid(line, 'LineItemID', p),
      Description: optString(line, 'Description', p),
      quantity: optDecimal(line, 'Quantity', p),
      unitAmount: optDecimal(line, 'UnitAmount', p),
      lineAmount: optDecimal(line, 'LineAmount', p),
      taxAmount: optDecimal(line, 'TaxAmount', p),
      discountRate: optDecimal(line, 'DiscountRate', p),
      discountAmount: optDecimal(line, 'DiscountAmount', p),
      ItemCode: optString(line, 'ItemCode', p),
      AccountCode: optString(line, 'AccountCode', p),
      AccountID: optGuid(line, 'AccountID', p),
      TaxType: optString(line, 'TaxType', p),
      tracking: optArray(line, 'Tracking', p)?.map((t, j) => {
        const tp = `${p}.Tracking[${j}]`;
        return {
          Name: optString(t, 'Name', tp),
          Option: optString(t, 'Option', tp),
          TrackingCategoryID: optGuid(t, 'TrackingCategoryID', tp),
          TrackingOptionID: optGuid(t, 'TrackingOptionID', tp),
        };
      }),
    };
  });
  const draft: DocDraft = {
    raw: el,
    id: optGuid(el, kind.idField, path),
    Type: optString(el, 'Type', path),
    number: optString(el, kind.numberField, path),
    contact: contact && {
      ContactID: optString(contact, 'ContactID', `${path}.Contact`),
      ContactNumber: optString(contact, 'ContactNumber', `${path}.Contact`),
      Name: optString(contact, 'Name', `${path}.Contact`),
    },
    Date: optDate(el, 'Date', path),
    DueDate: optDate(el, 'DueDate', path),
    ExpectedPaymentDate: optDate(el, 'ExpectedPaymentDate', path),
    Status: optEnum(el, 'Status', STATUSES, `${kind.Label.replace(' ', '')}Status`, path),
    LineAmountTypes: optEnum(el, 'LineAmountTypes', LINE_AMOUNT_TYPES, 'LineAmountTypes', path),
    LineItems: lines,
    Reference: optString(el, 'Reference', path),
    CurrencyCode: optString(el, 'CurrencyCode', path),
    Url: optString(el, 'Url', path),
    BrandingThemeID: optGuid(el, 'BrandingThemeID', path),
    SentToContact: optBoolean(el, 'SentToContact', path),
  };
  // Drop keys that were absent so that `undefined` always means "not sent".
  return Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined)) as unknown as DocDraft;
}

// ---------------------------------------------------------------------------------------------
// Lookups shared by documents, payments and allocations

export type ContactResolution =
  | { ok: true; contact: ContactRecord; created?: boolean }
  | { ok: false; error: string };

export const ARCHIVED_CONTACT_MESSAGE =
  'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.';

/** Xero's limit on a contact's Name (spec `Contact.Name`). */
const CONTACT_NAME_MAX = 255;

/**
 * The document's contact, by ContactID, else ContactNumber, else Name (case-insensitive, ACTIVE
 * first). As in Xero (its staff and developer community), a `Contact` that carries only a Name
 * matching no contact creates a new bare contact with that name: the candidate is returned with
 * `created`, and the caller adds it to the books only when the document itself is saved. An
 * unmatched ContactID or ContactNumber stays an error (a number is a key the caller meant to find).
 */
export function resolveContact(
  books: TenantBooks,
  ref: ContactRef | undefined,
  nowMs: number,
): ContactResolution {
  const id = ref?.ContactID?.trim();
  const number = ref?.ContactNumber?.trim();
  const name = ref?.Name?.trim();
  if (id) {
    const contact = isGuid(id) ? findContact(books, id) : undefined;
    return contact
      ? { ok: true, contact }
      : { ok: false, error: `The contact with ContactID '${id}' could not be found.` };
  }
  if (number) {
    const contact = books.contacts.find((c) => sameNumber(c.ContactNumber, number));
    return contact
      ? { ok: true, contact }
      : { ok: false, error: `The contact with ContactNumber '${number}' could not be found.` };
  }
  if (name) {
    const matches = books.contacts.filter((c) => c.Name.trim().toLowerCase() === name.toLowerCase());
    const contact = matches.find((c) => c.ContactStatus === 'ACTIVE') ?? matches[0];
    if (contact) return { ok: true, contact };
    if (name.length > CONTACT_NAME_MAX) {
      // Assumption: the contact resource's length rule, worded as for PUT /Contacts (ours).
      return { ok: false, error: `Name must not be longer than ${CONTACT_NAME_MAX} characters.` };
    }
    const created: ContactRecord = {
      ContactID: newId(),
      ContactStatus: 'ACTIVE',
      Name: name,
      Addresses: [],
      Phones: [],
      ContactPersons: [],
      UpdatedDateUTC: nowMs,
    };
    return { ok: true, contact: created, created: true };
  }
  return {
    ok: false,
    error:
      'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
  };
}

/** Accounts an invoice or credit-note line may use: active, not a bank account, not a system account (rounding aside). */
export const usableOnLines = (account: AccountRecord): boolean =>
  account.Status === 'ACTIVE' &&
  account.Type !== 'BANK' &&
  (account.SystemAccount === '' || account.SystemAccount === 'ROUNDING');

export function taxRateUsable(rate: TaxRateRecord | undefined, sales: boolean): rate is TaxRateRecord {
  return (
    rate !== undefined &&
    rate.Status === 'ACTIVE' &&
    (sales ? rate.CanApplyToRevenue : rate.CanApplyToExpenses)
  );
}

/** The TaxRate flag that says whether it may be used on an account of a given Class (spec `TaxRate`). */
const APPLIES_TO_CLASS: Record<
  AccountRecord['Class'],
  | 'CanApplyToAssets'
  | 'CanApplyToEquity'
  | 'CanApplyToExpenses'
  | 'CanApplyToLiabilities'
  | 'CanApplyToRevenue'
> = {
  ASSET: 'CanApplyToAssets',
  EQUITY: 'CanApplyToEquity',
  EXPENSE: 'CanApplyToExpenses',
  LIABILITY: 'CanApplyToLiabilities',
  REVENUE: 'CanApplyToRevenue',
};

export const taxRateFitsAccount = (rate: TaxRateRecord, account: AccountRecord): boolean =>
  rate[APPLIES_TO_CLASS[account.Class]];

/** The later of the two lock dates, if any. */
export function lockDate(books: TenantBooks): string | undefined {
  const dates = [books.organisation.PeriodLockDate, books.organisation.EndOfYearLockDate].filter(
    (d): d is string => d !== null,
  );
  return dates.sort().at(-1);
}

/**
 * Assumption: Xero's wording for lock-date refusals is unknown (reference §5.4); this one names
 * the lock date so the caller can tell the user.
 */
export function lockDateError(books: TenantBooks, dates: Array<string | undefined>): string | undefined {
  const lock = lockDate(books);
  if (lock === undefined) return undefined;
  return dates.some((d) => d !== undefined && d <= lock)
    ? `The date must be after the organisation's lock date of ${lock}; documents dated on or before it cannot be created or changed.`
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// Building a candidate document

/** The fields of an invoice or credit note the builder decides; the caller adds its id. */
export interface DocCore extends DocumentBase {
  Type: string;
  number: string;
  Url?: string;
  ExpectedPaymentDate?: string;
  TotalDiscount: string;
  IsDiscounted: boolean;
}

export type BuildResult =
  | {
      ok: true;
      core: DocCore;
      warnings: string[];
      /** A contact created from a Name that matched none; the caller adds it with the document. */
      newContact?: ContactRecord;
    }
  | { ok: false; errors: string[]; lineErrors: Map<number, string[]>; warnings: string[] };

export interface BuildContext {
  books: TenantBooks;
  nowMs: number;
  today: string;
  unitDp: 2 | 4;
  providerName: string;
}

export function buildContext(
  books: TenantBooks,
  now: Date,
  unitDp: 2 | 4,
  providerName: string,
): BuildContext {
  return { books, nowMs: now.getTime(), today: todayIn(books.timeZone, now), unitDp, providerName };
}

export type AnyDoc = InvoiceRecord | CreditNoteRecord;

export const numberOf = (doc: AnyDoc): string =>
  'InvoiceID' in doc ? doc.InvoiceNumber : doc.CreditNoteNumber;

const ALLOWED_TRANSITIONS: Record<DocumentStatus, readonly DocumentStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: ['PAID'],
  VOIDED: [],
  DELETED: [],
};

/** Status rules of reference §5.4 (the same table governs credit notes, §7.4). */
function statusError(
  kind: DocKind,
  existing: AnyDoc | undefined,
  to: DocumentStatus,
  hasMoney: boolean,
): string | undefined {
  if (!existing) {
    // Assumption: wording mirrors Xero's "... not of valid status for modification".
    return ['DRAFT', 'SUBMITTED', 'AUTHORISED'].includes(to)
      ? undefined
      : `${kind.Label} not of valid status for creation`;
  }
  const from = existing.Status;
  if (from === 'VOIDED' || from === 'DELETED') return `${kind.Label} not of valid status for modification`;
  if (hasMoney && to !== from) {
    return `The status ${to} cannot be applied to the ${kind.label} because it has ${kind.appliedMoney}.`;
  }
  return ALLOWED_TRANSITIONS[from].includes(to)
    ? undefined
    : `${kind.Label} not of valid status for modification`;
}

/** A stored decimal compared by value: "120.00" (written without unitdp=4) equals "120.0000". */
const decimalKey = (value: string | undefined) => (value === undefined ? undefined : dec(value).toString());

/**
 * What counts as the document's content: an edit of any of it needs an unpaid document. DueDate,
 * SentToContact and ExpectedPaymentDate are total-neutral and may change on a part-paid or paid
 * document (reference §4, §5.4). Line decimals are compared by value, not by their stored text.
 */
function contentSignature(doc: DocCore): string {
  return JSON.stringify([
    doc.ContactID,
    doc.Date,
    doc.LineAmountTypes,
    doc.Reference,
    doc.number,
    doc.CurrencyCode,
    doc.Url,
    doc.BrandingThemeID,
    doc.LineItems.map(({ LineItemID: _id, ...rest }) => ({
      ...rest,
      Quantity: decimalKey(rest.Quantity),
      UnitAmount: decimalKey(rest.UnitAmount),
      TaxAmount: decimalKey(rest.TaxAmount),
      LineAmount: decimalKey(rest.LineAmount),
      DiscountRate: decimalKey(rest.DiscountRate),
      DiscountAmount: decimalKey(rest.DiscountAmount),
    })),
  ]);
}

function existingCore(doc: AnyDoc): DocCore {
  const invoice = 'InvoiceID' in doc ? doc : undefined;
  return {
    ...doc,
    number: numberOf(doc),
    TotalDiscount: invoice?.TotalDiscount ?? '0.00',
    IsDiscounted: invoice?.IsDiscounted ?? false,
  };
}

const storedAmounts = (line: LineRecord): LineAmounts => ({
  quantity: line.Quantity === undefined ? undefined : dec(line.Quantity),
  unitAmount: line.UnitAmount === undefined ? undefined : dec(line.UnitAmount),
  lineAmount: dec(line.LineAmount),
  taxAmount: dec(line.TaxAmount),
  discount:
    line.Quantity === undefined || line.UnitAmount === undefined
      ? ZERO
      : round(dec(line.Quantity).times(dec(line.UnitAmount)), 2).minus(dec(line.LineAmount)),
});

/** A stored line fed back through the calculator (LineAmountTypes changed, or unit amounts re-rounded). */
const storedAsDraft = (line: LineRecord): DraftLine => ({
  raw: {},
  LineItemID: line.LineItemID,
  Description: line.Description,
  quantity: line.Quantity === undefined ? undefined : dec(line.Quantity),
  unitAmount: line.UnitAmount === undefined ? undefined : dec(line.UnitAmount),
  discountRate: line.DiscountRate === undefined ? undefined : dec(line.DiscountRate),
  discountAmount: line.DiscountAmount === undefined ? undefined : dec(line.DiscountAmount),
  ItemCode: line.ItemCode,
  AccountCode: line.AccountCode,
  AccountID: line.AccountCode === undefined ? line.AccountID : undefined,
  TaxType: line.TaxType,
  storedTracking: line.Tracking,
});

interface LineContext {
  ctx: BuildContext;
  kind: DocKind;
  type: string | undefined;
  types: LineAmountTypes;
  existingLines: LineRecord[];
}

function buildLine(
  draft: DraftLine,
  lc: LineContext,
  errors: string[],
): { line: LineRecord; amounts: LineAmounts } | undefined {
  const { books, unitDp } = lc.ctx;
  const sales = lc.type === lc.kind.salesType;
  const startErrors = errors.length;

  if (draft.LineItemID !== undefined && !lc.existingLines.some((l) => l.LineItemID === draft.LineItemID)) {
    // Assumption (stricter): an unknown LineItemID is refused rather than silently replaced.
    errors.push(
      `The line item with LineItemID '${draft.LineItemID}' does not exist on this ${lc.kind.label}.`,
    );
  }
  if (draft.ItemCode !== undefined && draft.ItemCode !== '') {
    // The emulated organisations have no inventory items.
    errors.push(`Item code '${draft.ItemCode}' is not valid.`);
  }
  // Tracking: at most 2, each an existing ACTIVE category and option (tracking.ts). A stored
  // line re-computed (re-rounding, new LineAmountTypes) keeps the tracking it has.
  let tracking: LineTracking[] = draft.storedTracking?.map((t) => ({ ...t })) ?? [];
  if (draft.tracking !== undefined) {
    const resolved = resolveLineTracking(books, draft.tracking);
    errors.push(...resolved.errors);
    tracking = resolved.tracking;
  }
  if (
    (draft.discountRate !== undefined || draft.discountAmount !== undefined) &&
    lc.type !== lc.kind.discountsOn
  ) {
    // Spec: "ACCPAY invoices and credit notes in Xero do not support discounts". Wording ours.
    errors.push(
      `Discounts are not supported on ${lc.kind.label === 'invoice' ? 'bills (ACCPAY)' : 'credit notes'}.`,
    );
  }

  let account: AccountRecord | undefined;
  if (draft.AccountCode !== undefined && draft.AccountCode !== '') {
    account = findAccountByCode(books, draft.AccountCode);
    if (!account || !usableOnLines(account)) {
      errors.push(`Account code '${draft.AccountCode}' is not a valid code for this document.`);
      account = undefined;
    }
  } else if (draft.AccountID !== undefined) {
    account = findAccountById(books, draft.AccountID);
    if (!account || !usableOnLines(account)) {
      errors.push(
        `Account code '${account?.Code ?? draft.AccountID}' is not a valid code for this document.`,
      );
      account = undefined;
    }
  }

  // Without a TaxType the account's default tax rate applies (reference §5.2).
  const taxType = draft.TaxType !== undefined && draft.TaxType !== '' ? draft.TaxType : account?.TaxType;
  let rate: TaxRateRecord | undefined;
  if (taxType !== undefined) {
    rate = findTaxRate(books, taxType);
    if (!taxRateUsable(rate, sales)) {
      errors.push(
        `The TaxType code ${taxType} does not exist or cannot be used for this type of transaction.`,
      );
      rate = undefined;
    } else if (account && !taxRateFitsAccount(rate, account)) {
      // Xero's wording (reference §9.2, Xero-Java#336): the rate must also suit the account's
      // Class, e.g. OUTPUT (CanApplyToExpenses false) on an EXPENSE account is refused.
      errors.push(`The TaxType code '${rate.TaxType}' cannot be used with account code '${account.Code}'.`);
      rate = undefined;
    }
  }

  const computed = computeLine(draft, rate ? dec(rate.EffectiveRate) : ZERO, lc.types, unitDp);
  if (!computed.ok) errors.push(computed.error);
  const described = draft.Description !== undefined && draft.Description.trim() !== '';
  const priced =
    draft.quantity !== undefined || draft.unitAmount !== undefined || draft.lineAmount !== undefined;
  if (!described && !priced) errors.push('Description needs to be at least 1 char long');
  if (errors.length > startErrors || !computed.ok) return undefined;

  const a = computed.amounts;
  return {
    amounts: a,
    line: {
      LineItemID: draft.LineItemID ?? newId(),
      Description: draft.Description,
      Quantity: a.quantity?.toFixed(4),
      UnitAmount: a.unitAmount?.toFixed(unitDp),
      ItemCode: undefined,
      AccountCode: account?.Code,
      AccountID: account?.AccountID,
      TaxType: rate?.TaxType,
      TaxAmount: a.taxAmount.toFixed(2),
      LineAmount: a.lineAmount.toFixed(2),
      DiscountRate: draft.discountRate === undefined ? undefined : round(draft.discountRate, 2).toFixed(2),
      DiscountAmount:
        draft.discountAmount === undefined ? undefined : round(draft.discountAmount, 2).toFixed(2),
      Tracking: tracking,
    },
  };
}

/** The next free auto-number (Xero skips numbers already taken by hand). */
function nextAutoNumber(books: TenantBooks, kind: DocKind, taken: (n: string) => boolean): string {
  const invoice = kind.label === 'invoice';
  const prefix = invoice ? books.numbering.invoicePrefix : books.numbering.creditNotePrefix;
  let n = invoice ? books.numbering.invoiceNext : books.numbering.creditNoteNext;
  const format = (k: number) => `${prefix}${String(k).padStart(4, '0')}`;
  while (taken(format(n))) n++;
  return format(n);
}

/** After a commit: the organisation's "next number" moves past the number just used. */
export function advanceNumbering(books: TenantBooks, kind: DocKind, number: string): void {
  const invoice = kind.label === 'invoice';
  const prefix = invoice ? books.numbering.invoicePrefix : books.numbering.creditNotePrefix;
  const m = number.startsWith(prefix) ? /^\d+$/.exec(number.slice(prefix.length)) : null;
  if (!m) return;
  const n = Number(m[0]);
  if (invoice) books.numbering.invoiceNext = Math.max(books.numbering.invoiceNext, n + 1);
  else books.numbering.creditNoteNext = Math.max(books.numbering.creditNoteNext, n + 1);
}

export function buildDocument(
  ctx: BuildContext,
  kind: DocKind,
  draft: DocDraft,
  existing: AnyDoc | undefined,
  siblings: readonly AnyDoc[],
): BuildResult {
  const { books } = ctx;
  const errors: string[] = [];
  const warnings: string[] = [];
  const lineErrors = new Map<number, string[]>();
  const fail = (): BuildResult => ({ ok: false, errors, lineErrors, warnings });

  // Type
  let type = existing?.Type as string | undefined;
  const typeMessage = `${kind.Label} Type must be one of: ${kind.types.join(', ')}.`; // Assumption: wording ours.
  if (draft.Type !== undefined) {
    if (!kind.types.includes(draft.Type)) errors.push(typeMessage);
    else if (existing && draft.Type !== existing.Type)
      errors.push(`The Type of an existing ${kind.label} cannot be changed.`);
    else type = draft.Type;
  } else if (!existing) {
    errors.push(typeMessage);
  }
  const sales = type === kind.salesType;

  // Status
  const hasMoney = existing ? hasPaymentsOrAllocations(books, existing) : false;
  // Part-paid or paid: only total-neutral fields may change (reference §5.4).
  const contentLocked = existing !== undefined && (hasMoney || existing.Status === 'PAID');
  const to: DocumentStatus = draft.Status ?? existing?.Status ?? 'DRAFT';
  const statusProblem = statusError(kind, existing, to, hasMoney);
  if (statusProblem) errors.push(statusProblem);
  const closing = existing !== undefined && (to === 'VOIDED' || to === 'DELETED') && to !== existing.Status;

  // Contact
  let contactId = existing?.ContactID;
  let newContact: ContactRecord | undefined;
  if (draft.contact !== undefined || !existing) {
    const resolved = resolveContact(books, draft.contact, ctx.nowMs);
    if (!resolved.ok) errors.push(resolved.error);
    else if (resolved.created) {
      newContact = resolved.contact;
      contactId = resolved.contact.ContactID;
    } else if (
      resolved.contact.ContactID !== existing?.ContactID &&
      resolved.contact.ContactStatus === 'ARCHIVED'
    ) {
      errors.push(ARCHIVED_CONTACT_MESSAGE);
    } else contactId = resolved.contact.ContactID;
  }

  // Dates
  const date = draft.Date ?? existing?.Date ?? ctx.today;
  const dueDate = draft.DueDate ?? existing?.DueDate;
  const locked = lockDateError(books, [date, existing?.Date]);
  if (locked) errors.push(locked);
  if ((draft.Date !== undefined || draft.DueDate !== undefined) && dueDate !== undefined && dueDate < date) {
    // Assumption (stricter; wording ours): Xero's handling of a DueDate before the Date is unknown.
    errors.push(`The due date ${dueDate} cannot be earlier than the ${kind.label} date ${date}.`);
  }

  // Lines
  const types = draft.LineAmountTypes ?? existing?.LineAmountTypes ?? 'Exclusive';
  const lineContext: LineContext = { ctx, kind, type, types, existingLines: existing?.LineItems ?? [] };
  const built: Array<{ line: LineRecord; amounts: LineAmounts }> = [];
  let linesFrom: DraftLine[] | undefined = draft.LineItems;
  if (linesFrom === undefined && existing && !closing && !contentLocked) {
    // Re-saving without unitdp=4 re-rounds 4 dp unit amounts to 2 dp (reference §5.3 pitfall),
    // and a new LineAmountTypes recomputes every line's tax.
    const reround =
      ctx.unitDp === 2 &&
      existing.LineItems.some((l) => l.UnitAmount && decimalPlaces(dec(l.UnitAmount)) > 2);
    if (reround || types !== existing.LineAmountTypes) linesFrom = existing.LineItems.map(storedAsDraft);
  }
  if (linesFrom !== undefined) {
    if (linesFrom.length === 0) errors.push(`The ${kind.label} must have at least one line item.`); // Assumption: wording ours.
    linesFrom.forEach((lineDraft, i) => {
      const own: string[] = [];
      const result = buildLine(lineDraft, lineContext, own);
      if (own.length) {
        lineErrors.set(i, own);
        errors.push(...own);
      } else if (result) built.push(result);
    });
  } else if (existing) {
    for (const line of existing.LineItems) built.push({ line: { ...line }, amounts: storedAmounts(line) });
  } else {
    errors.push(`The ${kind.label} must have at least one line item.`);
  }

  // Completeness: SUBMITTED and AUTHORISED documents must be postable (DRAFT may be incomplete).
  if ((to === 'SUBMITTED' || to === 'AUTHORISED') && !closing) {
    // Assumption: wording ours; reference §5.2 says a DueDate is required for these statuses.
    if (kind.label === 'invoice' && dueDate === undefined)
      errors.push(`Due Date is required when the invoice status is ${to}.`);
    for (const { line } of built) {
      if (line.Quantity === undefined && line.UnitAmount === undefined) continue; // description-only
      if (line.AccountCode === undefined)
        errors.push(`Each line item must have an account code when the ${kind.label} is ${to}.`);
      else if (line.TaxType === undefined)
        errors.push(`Each line item must have a tax type when the ${kind.label} is ${to}.`);
    }
  }

  const totals = documentTotals(
    built.map((b) => b.amounts),
    types,
  );
  if (totals.total.lt(0)) errors.push(`The total of the ${kind.label} cannot be negative.`); // Assumption: wording ours.
  for (const [field, value] of [
    ['SubTotal', totals.subTotal],
    ['TotalTax', totals.totalTax],
    ['Total', totals.total],
    ['TotalDiscount', totals.totalDiscount],
  ] as const) {
    // Checked before anything is committed: such a document could not be answered (or read) at all.
    if (value.abs().gt(MAX_AMOUNT)) errors.push(tooLarge(`The ${field} of the ${kind.label}`));
  }

  // Number: unique and auto-generated for sales documents (reference §5.5).
  let number = existing ? numberOf(existing) : '';
  const given = draft.number?.trim();
  const takenByOther = (n: string) =>
    siblings.some((d) => d !== existing && d.Type === kind.salesType && sameNumber(numberOf(d), n));
  if (given) {
    if (given.length > 255) errors.push(`${kind.Label} number must not be longer than 255 characters.`);
    if (sales && takenByOther(given)) errors.push(kind.uniqueNumberMessage);
    number = given;
  } else if (!existing && sales) {
    number = nextAutoNumber(books, kind, takenByOther);
  }

  const currency = draft.CurrencyCode ?? existing?.CurrencyCode ?? books.organisation.BaseCurrency;
  if (currency !== books.organisation.BaseCurrency) {
    // Assumption: the emulated organisations have no foreign currencies enabled; wording ours.
    errors.push(`The currency ${currency} is not enabled for this organisation.`);
  }

  let url = existing && 'Url' in existing ? existing.Url : undefined;
  if (draft.Url !== undefined) {
    url = draft.Url === '' ? undefined : draft.Url;
    if (url !== undefined && !isAbsoluteHttpUrl(url)) errors.push(`The Url '${url}' is not a valid URL.`); // Assumption: wording ours.
  }

  let sentToContact = existing?.SentToContact ?? false;
  if (draft.SentToContact !== undefined) {
    if (draft.SentToContact && to !== 'AUTHORISED' && to !== 'PAID') {
      // Xero's warning (spec); the flag is left as it was.
      warnings.push(
        `Only AUTHORISED ${kind.label === 'invoice' ? 'invoices' : 'credit notes'} may have SentToContact updated.`,
      );
    } else sentToContact = draft.SentToContact;
  }

  const core: DocCore = {
    Type: type ?? kind.salesType,
    number,
    ContactID: contactId ?? '',
    Date: date,
    DueDate: dueDate,
    Status: to,
    LineAmountTypes: types,
    LineItems: built.map((b) => b.line),
    Reference: draft.Reference ?? existing?.Reference,
    CurrencyCode: currency,
    CurrencyRate: '1',
    BrandingThemeID: draft.BrandingThemeID ?? existing?.BrandingThemeID,
    SentToContact: sentToContact,
    SubTotal: totals.subTotal.toFixed(2),
    TotalTax: totals.totalTax.toFixed(2),
    Total: totals.total.toFixed(2),
    TotalDiscount: totals.totalDiscount.toFixed(2),
    IsDiscounted: built.some((b) => b.line.DiscountRate !== undefined || b.line.DiscountAmount !== undefined),
    Url: url,
    ExpectedPaymentDate:
      draft.ExpectedPaymentDate ??
      (existing && 'InvoiceID' in existing ? existing.ExpectedPaymentDate : undefined),
    FullyPaidOnDate: existing?.FullyPaidOnDate,
    CreatedDateUTC: existing?.CreatedDateUTC ?? ctx.nowMs,
    UpdatedDateUTC: ctx.nowMs,
    CreatedByApp: existing?.CreatedByApp ?? ctx.providerName,
  };

  // Money applied: only total-neutral fields may change (reference §5.4).
  if (existing && !statusProblem && contentLocked) {
    if (contentSignature(core) !== contentSignature(existingCore(existing))) {
      errors.push(
        hasMoney
          ? 'This document cannot be edited as it has a payment or credit note allocated to it.'
          : `${kind.Label} not of valid status for modification`,
      );
    } else {
      // The same lines sent again (with or without their LineItemIDs, at either unitdp) leave the
      // stored lines, and their ids, as they were.
      core.LineItems = existing.LineItems.map((line) => ({ ...line }));
      // DueDate and SentToContact changes on a part-paid or paid document do not bump
      // UpdatedDateUTC (reference §4), so neither does a resend that changes nothing.
      const existingExpected = 'InvoiceID' in existing ? existing.ExpectedPaymentDate : undefined;
      if (core.ExpectedPaymentDate === existingExpected) core.UpdatedDateUTC = existing.UpdatedDateUTC;
    }
  }

  if (errors.length > 0) return fail();
  return { ok: true, core, warnings, ...(newContact ? { newContact } : {}) };
}

function isAbsoluteHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The element echoed back on failure, with each failing line's own ValidationErrors. */
export function failedEcho(draft: DocDraft, lineErrors: Map<number, string[]>): Json {
  const lines = Array.isArray(draft.raw.LineItems) ? (draft.raw.LineItems as unknown[]) : undefined;
  if (!lines || lineErrors.size === 0) return { ...draft.raw };
  return {
    ...draft.raw,
    LineItems: lines.map((line, i) => {
      const own = lineErrors.get(i);
      return own && typeof line === 'object' && line !== null
        ? { ...line, ValidationErrors: own.map((Message) => ({ Message })) }
        : line;
    }),
  };
}
