import type { LineAmountTypes } from './books';
import { type Decimal, dec, round, sum, ZERO } from './decimal';

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

// Assumption: wording ours.
const DISCOUNT_NEEDS_AMOUNTS = 'Quantity and UnitAmount must be specified when a discount is applied.';

/**
 * The largest amount Xero accepts on a line or a document (reference §5.2, LineAmount "Max
 * 9,999,999,999.99"). Assumption (stricter): the same bound applies to UnitAmount, Quantity, the
 * line total before discount and the document's SubTotal / TotalTax / Total / TotalDiscount. It
 * also keeps every amount within what a JSON number carries exactly (15 significant digits).
 */
export const MAX_AMOUNT = dec('9999999999.99');
const MAX_AMOUNT_TEXT = '9,999,999,999.99';

/** Assumption: wording ours. */
export const tooLarge = (field: string): string =>
  `${field} must not exceed ${MAX_AMOUNT_TEXT} in absolute value.`;

const withinBounds = (value: Decimal | undefined) => value === undefined || value.abs().lte(MAX_AMOUNT);

const lineTotalMismatch = (sent: Decimal, expected: Decimal): LineResult =>
  // Xero's wording (Xero-NetStandard#74, #147).
  fail(`The line total ${money(sent)} does not match the expected line total ${money(expected)}`);

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
  const discountAmount = input.discountAmount === undefined ? undefined : round(input.discountAmount, 2);
  const discounted = discountRate !== undefined || discountAmount !== undefined;

  if (discountRate !== undefined && discountAmount !== undefined) {
    // Assumption: Xero's UI offers one discount per line; the API message for both is unconfirmed.
    return fail('A line item can have either a DiscountRate or a DiscountAmount, not both.');
  }
  if (discountRate !== undefined && (discountRate.lt(0) || discountRate.gt(100))) {
    return fail(`The discount rate '${money(discountRate)}' is invalid.`);
  }
  if (discountAmount?.lt(0)) {
    // Assumption (stricter): a negative discount would raise the line; wording ours.
    return fail(`The discount amount '${money(discountAmount)}' is invalid. Discount must not be negative.`);
  }

  if (quantity === undefined && unitAmount === undefined && sentLineAmount === undefined) {
    // A description-only line (spec: "a line item with just a description ... can be created"),
    // which has nothing to discount.
    if (discounted) return fail(DISCOUNT_NEEDS_AMOUNTS);
    return { ok: true, amounts: { lineAmount: ZERO, taxAmount: ZERO, discount: ZERO } };
  }

  let lineAmount: Decimal;
  let gross: Decimal;
  if (sentLineAmount !== undefined && (quantity === undefined || unitAmount === undefined)) {
    if (discounted) return fail(DISCOUNT_NEEDS_AMOUNTS);
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
    // The derived value is rounded, so Quantity × UnitAmount may no longer give the LineAmount
    // (Quantity 3, LineAmount 10.00 → UnitAmount 3.33 → 9.99). Storing both would leave a line
    // that a later re-save computes differently, so it is refused like any other mismatch.
    gross = round(quantity.times(unitAmount as Decimal), 2);
    if (!gross.eq(sentLineAmount)) return lineTotalMismatch(sentLineAmount, gross);
    lineAmount = gross;
  } else {
    // Only one of Quantity / UnitAmount: the other defaults (Quantity 1, UnitAmount 0), as in
    // Xero's editor; from here on the line is checked exactly like a fully specified one.
    quantity ??= dec(1);
    unitAmount ??= ZERO;
    gross = round(quantity.times(unitAmount), 2);
    if (discountRate !== undefined) {
      lineAmount = round(quantity.times(unitAmount).times(HUNDRED.minus(discountRate)).div(HUNDRED), 2);
    } else if (discountAmount !== undefined) {
      // Seen from Xero (Xero-OpenAPI#429): "The discount rate '0.00' is invalid. Discount must not be greater than the line total."
      if (discountAmount.gt(gross.abs()) || (gross.lt(0) && discountAmount.gt(0))) {
        return fail(
          `The discount rate '${money(discountAmount)}' is invalid. Discount must not be greater than the line total.`,
        );
      }
      lineAmount = gross.minus(discountAmount);
    } else {
      lineAmount = gross;
    }
    if (sentLineAmount !== undefined && !sentLineAmount.eq(lineAmount)) {
      return lineTotalMismatch(sentLineAmount, lineAmount);
    }
  }

  // Checked once every value is known, so derived values are bounded too.
  if (!withinBounds(unitAmount)) return fail(tooLarge('UnitAmount'));
  if (!withinBounds(quantity)) return fail(tooLarge('Quantity'));
  if (!withinBounds(gross)) return fail(tooLarge('The line total before discount'));
  if (!withinBounds(lineAmount)) return fail(tooLarge('LineAmount'));

  let taxAmount = lineTax(lineAmount, ratePercent, types);
  if (input.taxAmount !== undefined) {
    const override = round(input.taxAmount, 2);
    // Assumptions (stricter; wording ours): Xero's handling of an override where no tax applies
    // is unknown. Rather than ignore it (the caller would believe it was applied), a non-zero
    // override on a NoTax document or a 0% rate is refused.
    if (!override.eq(0) && types === 'NoTax') {
      return fail(
        `The tax amount ${money(override)} cannot be set on a NoTax document; send 0 or omit TaxAmount.`,
      );
    }
    if (!override.eq(0) && ratePercent.eq(0)) {
      return fail(
        `The tax amount ${money(override)} cannot be set on a line whose tax rate is 0%; send 0 or omit TaxAmount.`,
      );
    }
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
