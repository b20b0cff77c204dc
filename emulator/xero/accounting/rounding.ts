import { type Decimal, dec, round, sum, ZERO } from '../../../lib/money/decimal';
import type { LineAmountTypes } from './books';

/**
 * How Xero turns line items into amounts (reference §5.3, "Rounding in Xero"):
 * 1. UnitAmount is rounded to 2 dp (4 dp with unitdp=4) and Quantity to 4 dp, before anything else;
 * 2. LineAmount = round2(Quantity × UnitAmount), less the discount
 *    (DiscountRate: × (100 − rate)/100 before rounding; DiscountAmount: minus the amount);
 * 3. tax is computed per line and rounded to 2 dp:
 *      Exclusive: round2(LineAmount × rate / 100)
 *      Inclusive: LineAmount − round2(LineAmount / (1 + rate / 100))   (backed out of the line)
 *      NoTax:     0
 * 4. SubTotal, TotalTax and Total are sums of the rounded line values (never tax on the subtotal).
 * All rounding is half away from zero (2.165 → 2.17).
 */

export interface LineInput {
  quantity?: Decimal;
  unitAmount?: Decimal;
  lineAmount?: Decimal;
  discountRate?: Decimal;
  discountAmount?: Decimal;
  /** A TaxAmount the caller sent: Xero lets it override the computed tax (spec `LineItem.TaxAmount`). */
  taxAmount?: Decimal;
}

export interface LineAmounts {
  quantity?: Decimal;
  unitAmount?: Decimal;
  lineAmount: Decimal;
  taxAmount: Decimal;
  /** round2(Quantity × UnitAmount) − LineAmount, for TotalDiscount. */
  discount: Decimal;
}

export type LineResult = { ok: true; amounts: LineAmounts } | { ok: false; error: string };

const HUNDRED = dec(100);

export function lineTax(lineAmount: Decimal, ratePercent: Decimal, types: LineAmountTypes): Decimal {
  if (types === 'NoTax') return ZERO;
  if (types === 'Exclusive') return round(lineAmount.times(ratePercent).div(HUNDRED), 2);
  const net = round(lineAmount.div(HUNDRED.plus(ratePercent).div(HUNDRED)), 2);
  return lineAmount.minus(net);
}

const fail = (error: string): LineResult => ({ ok: false, error });
const money = (v: Decimal) => round(v, 2).toFixed(2);

/** The amounts of one line, or Xero's complaint about it. */
export function computeLine(
  input: LineInput,
  ratePercent: Decimal,
  types: LineAmountTypes,
  unitDp: 2 | 4,
): LineResult {
  let quantity = input.quantity === undefined ? undefined : round(input.quantity, 4);
  let unitAmount = input.unitAmount === undefined ? undefined : round(input.unitAmount, unitDp);
  const sentLineAmount = input.lineAmount === undefined ? undefined : round(input.lineAmount, 2);
  // Discount rates are kept to 2 dp, like the unit amounts before them.
  const discountRate = input.discountRate === undefined ? undefined : round(input.discountRate, 2);
  const { discountAmount } = input;

  if (discountRate !== undefined && discountAmount !== undefined) {
    // Assumption: Xero's UI offers one discount per line; the API message for both is unconfirmed.
    return fail('A line item can have either a DiscountRate or a DiscountAmount, not both.');
  }
  if (discountRate !== undefined && (discountRate.lt(0) || discountRate.gt(100))) {
    return fail(`The discount rate '${money(discountRate)}' is invalid.`);
  }

  let lineAmount: Decimal;
  let gross: Decimal;
  if (quantity === undefined && unitAmount === undefined && sentLineAmount === undefined) {
    // A description-only line (spec: "a line item with just a description ... can be created").
    return { ok: true, amounts: { lineAmount: ZERO, taxAmount: ZERO, discount: ZERO } };
  }
  if (quantity !== undefined && unitAmount !== undefined) {
    gross = round(quantity.times(unitAmount), 2);
    if (discountRate !== undefined) {
      lineAmount = round(quantity.times(unitAmount).times(HUNDRED.minus(discountRate)).div(HUNDRED), 2);
    } else if (discountAmount !== undefined) {
      const amount = round(discountAmount, 2);
      // Seen from Xero (Xero-OpenAPI#429): "The discount rate '0.00' is invalid. Discount must not be greater than the line total."
      if (amount.lt(0) || amount.gt(gross.abs()) || (gross.lt(0) && amount.gt(0))) {
        return fail(
          `The discount rate '${money(amount)}' is invalid. Discount must not be greater than the line total.`,
        );
      }
      lineAmount = gross.minus(amount);
    } else {
      lineAmount = gross;
    }
    if (sentLineAmount !== undefined && !sentLineAmount.eq(lineAmount)) {
      // Xero's wording (Xero-NetStandard#74, #147).
      return fail(
        `The line total ${money(sentLineAmount)} does not match the expected line total ${money(lineAmount)}`,
      );
    }
  } else if (sentLineAmount !== undefined) {
    if (discountRate !== undefined || discountAmount !== undefined) {
      return fail('Quantity and UnitAmount must be specified when a discount is applied.');
    }
    // Xero derives the missing Quantity or UnitAmount from the LineAmount (spec `LineItem.LineAmount`).
    if (quantity === undefined && unitAmount === undefined) {
      quantity = dec(1);
      unitAmount = round(sentLineAmount, unitDp);
    } else if (quantity === undefined) {
      if (unitAmount?.eq(0)) return fail('Quantity cannot be derived from a UnitAmount of zero.');
      quantity = round(sentLineAmount.div(unitAmount as Decimal), 4);
    } else {
      if (quantity.eq(0)) return fail('UnitAmount cannot be derived from a Quantity of zero.');
      unitAmount = round(sentLineAmount.div(quantity), unitDp);
    }
    lineAmount = sentLineAmount;
    gross = sentLineAmount;
  } else {
    // Only one of Quantity / UnitAmount: the other defaults (Quantity 1, UnitAmount 0), as in Xero's editor.
    quantity ??= dec(1);
    unitAmount ??= ZERO;
    gross = round(quantity.times(unitAmount), 2);
    if (discountRate !== undefined) {
      lineAmount = round(quantity.times(unitAmount).times(HUNDRED.minus(discountRate)).div(HUNDRED), 2);
    } else {
      lineAmount = gross.minus(discountAmount === undefined ? ZERO : round(discountAmount, 2));
    }
  }

  let taxAmount = lineTax(lineAmount, ratePercent, types);
  if (input.taxAmount !== undefined && types !== 'NoTax') {
    const override = round(input.taxAmount, 2);
    if (override.abs().gt(lineAmount.abs())) {
      // Assumption: the reference only says an override "may not exceed the amount"; wording is ours.
      return fail(
        `The tax amount ${money(override)} cannot be greater than the line amount ${money(lineAmount)}.`,
      );
    }
    taxAmount = override;
  }
  return {
    ok: true,
    amounts: { quantity, unitAmount, lineAmount, taxAmount, discount: gross.minus(lineAmount) },
  };
}

export interface DocumentTotals {
  subTotal: Decimal;
  totalTax: Decimal;
  total: Decimal;
  totalDiscount: Decimal;
}

/** Totals from already-rounded line values. */
export function documentTotals(lines: readonly LineAmounts[], types: LineAmountTypes): DocumentTotals {
  const lineSum = sum(lines.map((l) => l.lineAmount));
  const totalTax = sum(lines.map((l) => l.taxAmount));
  const totalDiscount = sum(lines.map((l) => l.discount));
  if (types === 'Inclusive') {
    // Line amounts include tax: the subtotal is what is left once each line's tax is backed out.
    return { subTotal: lineSum.minus(totalTax), totalTax, total: lineSum, totalDiscount };
  }
  return { subTotal: lineSum, totalTax, total: lineSum.plus(totalTax), totalDiscount };
}
