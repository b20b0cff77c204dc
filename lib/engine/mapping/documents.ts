import { type Decimal, dec, formatFixed, round, ZERO } from '../../money/decimal';
import type { CreditNote, Invoice, InvoiceLine } from '../../records/schema';
import type { ClinicSettings } from '../../settings/sync-settings';
import type {
  XeroCreditNotePayload,
  XeroInvoicePayload,
  XeroLineItem,
  XeroTrackingRef,
} from '../../xero/accounting/payloads';
import { wireNumber } from '../../xero/accounting/wire-json';
import { lockDateProblem, type OrganisationFacts } from './organisation';
import { type XeroLine, xeroTotals } from './xero-totals';

export type Mapped<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A rounding line may cover at most this much between the PMS total and Xero's. */
export const ROUNDING_LIMIT = dec('0.05');

export interface MappedDocument<P> {
  payload: P;
  /** What Xero will total the document at, rounding line included: always the PMS total. */
  total: Decimal;
  /** The rounding line's amount, 0 when none was needed. */
  rounding: Decimal;
}

export interface DocumentContext {
  settings: ClinicSettings;
  org: OrganisationFacts;
  contactId: string;
}

const lineName = (line: InvoiceLine, index: number) =>
  `Line ${index + 1} "${line.description.length > 40 ? `${line.description.slice(0, 39)}…` : line.description}"`;

function trackingFor(
  settings: ClinicSettings,
  clinic: { id: string; name: string },
  practitioner: { id: string; name: string } | undefined,
): XeroTrackingRef[] {
  const refs: XeroTrackingRef[] = [];
  const { clinic: byClinic, practitioner: byPractitioner } = settings.tracking;
  if (byClinic) refs.push({ Name: byClinic.category, Option: byClinic.options[clinic.id] ?? clinic.name });
  if (byPractitioner && practitioner) {
    refs.push({
      Name: byPractitioner.category,
      Option: byPractitioner.options[practitioner.id] ?? practitioner.name,
    });
  }
  return refs;
}

/** The revenue account and Xero tax type for one line, with the tax guard. */
function accountAndTax(
  line: InvoiceLine,
  index: number,
  settings: ClinicSettings,
  org: OrganisationFacts,
): Mapped<{ accountCode: string; taxType: string; rate: Decimal }> {
  const accountCode =
    (line.itemCode ? settings.itemAccounts[line.itemCode] : undefined) ??
    settings.revenueAccounts[line.category];
  if (!accountCode) {
    return {
      ok: false,
      reason: `${lineName(line, index)}: no revenue account is set for the category "${line.category}". Choose one in the settings, then retry.`,
    };
  }
  const taxType = settings.taxRates[line.tax.name] ?? settings.categoryTaxRates[line.category];
  if (!taxType) {
    return {
      ok: false,
      reason: `${lineName(line, index)}: no Xero tax rate is set for the PMS tax "${line.tax.name}" (or the category "${line.category}"). Choose one in the settings, then retry.`,
    };
  }
  const xeroRate = org.taxRates[taxType];
  if (!xeroRate?.active || !xeroRate.canApplyToRevenue) {
    return {
      ok: false,
      reason: `${lineName(line, index)}: the Xero tax rate ${taxType} mapped for "${line.tax.name}" ${xeroRate ? 'is not an active rate for sales' : 'does not exist'} in ${org.name}. Choose another in the settings, then retry.`,
    };
  }
  const rate = dec(xeroRate.rate);
  if (!rate.eq(dec(line.tax.ratePercent))) {
    return {
      ok: false,
      reason: `${lineName(line, index)}: the PMS charges ${line.tax.name} at ${dec(line.tax.ratePercent).toString()}%, but the Xero tax rate it is mapped to, ${taxType} ("${xeroRate.name}"), is ${rate.toString()}%. Nothing was sent: map "${line.tax.name}" to a Xero rate of ${dec(line.tax.ratePercent).toString()}%, then retry.`,
    };
  }
  return { ok: true, value: { accountCode, taxType, rate } };
}

interface LinesInput {
  lines: readonly InvoiceLine[];
  /** Credit notes cannot carry discounts in Xero: they are folded into the unit price. */
  foldDiscounts: boolean;
  tracking: XeroTrackingRef[];
}

function mapLines(
  input: LinesInput,
  settings: ClinicSettings,
  org: OrganisationFacts,
): Mapped<{ items: XeroLineItem[]; lines: XeroLine[] }> {
  const items: XeroLineItem[] = [];
  const lines: XeroLine[] = [];
  for (const [index, line] of input.lines.entries()) {
    const mapped = accountAndTax(line, index, settings, org);
    if (!mapped.ok) return mapped;
    const quantity = dec(line.quantity);
    let unit = dec(line.unitPrice);
    let discountRate: Decimal | undefined = line.discountPercent ? dec(line.discountPercent) : undefined;
    let discountAmount: Decimal | undefined = line.discountAmount ? dec(line.discountAmount) : undefined;
    if (input.foldDiscounts && (discountRate || discountAmount)) {
      if (discountRate) unit = round(unit.times(dec(100).minus(discountRate)).div(100), 4);
      else if (discountAmount && !quantity.eq(0))
        unit = round(quantity.times(unit).minus(discountAmount).div(quantity), 4);
      discountRate = undefined;
      discountAmount = undefined;
    }
    items.push({
      Description: line.description,
      Quantity: wireNumber(quantity, 4),
      UnitAmount: wireNumber(unit, 4),
      ...(discountRate && !discountRate.eq(0) ? { DiscountRate: wireNumber(discountRate, 2) } : {}),
      ...(discountAmount && !discountAmount.eq(0) ? { DiscountAmount: wireNumber(discountAmount, 2) } : {}),
      AccountCode: mapped.value.accountCode,
      TaxType: mapped.value.taxType,
      ...(input.tracking.length > 0 ? { Tracking: input.tracking } : {}),
    });
    lines.push({
      quantity,
      unitAmount: unit,
      ...(discountRate && !discountRate.eq(0) ? { discountRate } : {}),
      ...(discountAmount && !discountAmount.eq(0) ? { discountAmount } : {}),
      taxRate: mapped.value.rate,
    });
  }
  return { ok: true, value: { items, lines } };
}

/**
 * Exact totals: Xero's total is computed with Xero's own rules; when it differs from the PMS
 * total by at most 5 c, a line on the rounding account makes up the difference, so the
 * document in Xero totals exactly what the PMS says. More than 5 c is refused with both figures.
 */
function withRoundingLine(
  what: string,
  pmsTotal: Decimal,
  mapped: { items: XeroLineItem[]; lines: XeroLine[] },
  amountTypes: 'Exclusive' | 'Inclusive',
  settings: ClinicSettings,
  org: OrganisationFacts,
  tracking: XeroTrackingRef[],
): Mapped<{ items: XeroLineItem[]; total: Decimal; rounding: Decimal }> {
  const xeroTotal = xeroTotals(mapped.lines, amountTypes).total;
  const difference = pmsTotal.minus(xeroTotal);
  if (difference.eq(0)) return { ok: true, value: { items: mapped.items, total: xeroTotal, rounding: ZERO } };
  if (difference.abs().gt(ROUNDING_LIMIT)) {
    return {
      ok: false,
      reason: `${what}: Xero would total it ${formatFixed(xeroTotal)} (it rounds each line to the cent), but the PMS total is ${formatFixed(pmsTotal)}: ${formatFixed(difference.abs())} apart, more than the ${formatFixed(ROUNDING_LIMIT)} a rounding line may cover. Nothing was sent; check the document's prices in the PMS.`,
    };
  }
  if (!settings.rounding) {
    return {
      ok: false,
      reason: `${what}: Xero's total (${formatFixed(xeroTotal)}) and the PMS total (${formatFixed(pmsTotal)}) differ by ${formatFixed(difference.abs())} of rounding, and no rounding account is set. Choose one in the settings, then retry.`,
    };
  }
  const roundingRate = org.taxRates[settings.rounding.taxType];
  if (!roundingRate || !dec(roundingRate.rate).eq(0)) {
    return {
      ok: false,
      reason: `${what}: the rounding line's tax rate ${settings.rounding.taxType} ${roundingRate ? `is ${roundingRate.rate}%, not 0%` : `does not exist in ${org.name}`}. Choose a 0% rate for rounding in the settings, then retry.`,
    };
  }
  const items = [
    ...mapped.items,
    {
      Description: 'Rounding',
      Quantity: wireNumber(dec(1), 4),
      UnitAmount: wireNumber(difference, 4),
      AccountCode: settings.rounding.accountCode,
      TaxType: settings.rounding.taxType,
      ...(tracking.length > 0 ? { Tracking: tracking } : {}),
    },
  ];
  return { ok: true, value: { items, total: pmsTotal, rounding: difference } };
}

function currencyProblem(doc: { currency?: string }, org: OrganisationFacts, what: string): string | null {
  if (!doc.currency || doc.currency === org.baseCurrency) return null;
  return `${what} is in ${doc.currency}, but ${org.name} keeps its books in ${org.baseCurrency}; documents in other currencies are not sent.`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface InvoiceContext extends DocumentContext {
  invoiceNumber: string;
  /** Set when the invoice goes to a payer (billTo): the patient it is for, named in the Reference. */
  patientName?: string;
}

/** The Xero invoice for a PMS invoice (create, or update when `invoiceId` is given). */
export function mapInvoice(
  invoice: Invoice,
  ctx: InvoiceContext & { status?: 'DRAFT' | 'AUTHORISED'; invoiceId?: string },
): Mapped<MappedDocument<XeroInvoicePayload>> {
  const what = `Invoice ${ctx.invoiceNumber}`;
  const problem =
    lockDateProblem(invoice.issueDate, ctx.org, what) ?? currencyProblem(invoice, ctx.org, what);
  if (problem) return { ok: false, reason: problem };
  const tracking = trackingFor(ctx.settings, invoice.clinic, invoice.practitioner);
  const lines = mapLines({ lines: invoice.lines, foldDiscounts: false, tracking }, ctx.settings, ctx.org);
  if (!lines.ok) return lines;
  const amountTypes = invoice.amountsAre === 'inclusive' ? 'Inclusive' : 'Exclusive';
  const exact = withRoundingLine(
    what,
    dec(invoice.total),
    lines.value,
    amountTypes,
    ctx.settings,
    ctx.org,
    tracking,
  );
  if (!exact.ok) return exact;
  const reference = [
    invoice.practitioner ? invoice.practitioner.name : null,
    ctx.patientName ? `Patient: ${ctx.patientName}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const payload: XeroInvoicePayload = {
    ...(ctx.invoiceId ? { InvoiceID: ctx.invoiceId } : { Type: 'ACCREC' }),
    Contact: { ContactID: ctx.contactId },
    Date: invoice.issueDate,
    DueDate: invoice.dueDate ?? addDays(invoice.issueDate, ctx.settings.dueDays),
    InvoiceNumber: ctx.invoiceNumber,
    Reference: reference.slice(0, 255),
    LineAmountTypes: amountTypes,
    ...(ctx.status ? { Status: ctx.status } : {}),
    ...(invoice.url ? { Url: invoice.url } : {}),
    LineItems: exact.value.items,
  };
  return { ok: true, value: { payload, total: exact.value.total, rounding: exact.value.rounding } };
}

export interface CreditNoteContext extends DocumentContext {
  creditNoteNumber: string;
  /** The Xero number of the invoice it credits, for the Reference. */
  invoiceNumber?: string;
}

/** The Xero credit note for a PMS credit note: AUTHORISED, with its own lines. */
export function mapCreditNote(
  creditNote: CreditNote,
  ctx: CreditNoteContext & { creditNoteId?: string },
): Mapped<MappedDocument<XeroCreditNotePayload>> {
  const what = `Credit note ${ctx.creditNoteNumber}`;
  const problem = lockDateProblem(creditNote.date, ctx.org, what);
  if (problem) return { ok: false, reason: problem };
  const lines = mapLines(
    {
      lines: creditNote.lines,
      foldDiscounts: true,
      tracking: trackingFor(ctx.settings, creditNote.clinic, undefined),
    },
    ctx.settings,
    ctx.org,
  );
  if (!lines.ok) return lines;
  const amountTypes = creditNote.amountsAre === 'inclusive' ? 'Inclusive' : 'Exclusive';
  const tracking = trackingFor(ctx.settings, creditNote.clinic, undefined);
  const exact = withRoundingLine(
    what,
    dec(creditNote.total),
    lines.value,
    amountTypes,
    ctx.settings,
    ctx.org,
    tracking,
  );
  if (!exact.ok) return exact;
  const payload: XeroCreditNotePayload = {
    ...(ctx.creditNoteId
      ? { CreditNoteID: ctx.creditNoteId }
      : { Type: 'ACCRECCREDIT', Status: 'AUTHORISED' }),
    Contact: { ContactID: ctx.contactId },
    Date: creditNote.date,
    CreditNoteNumber: ctx.creditNoteNumber,
    ...(ctx.invoiceNumber ? { Reference: `Credit for invoice ${ctx.invoiceNumber}` } : {}),
    LineAmountTypes: amountTypes,
    LineItems: exact.value.items,
  };
  return { ok: true, value: { payload, total: exact.value.total, rounding: exact.value.rounding } };
}
