import { type Decimal, dec, round, sum, ZERO } from '../../money/decimal';

/**
 * How Xero computes a document's totals (developer.xero.com "Rounding in Xero"): each line's
 * amount is rounded to 2 dp, its tax is computed on that rounded amount and rounded to 2 dp,
 * and the document's totals are sums of rounded line values. Unit prices count to 4 dp (the
 * engine always sends `unitdp=4`), quantities to 4 dp. Half away from zero.
 *
 * The emulator has its own, separate implementation of these rules; the two are compared by
 * the property test, so a mistake in one shows up against the other.
 */
export interface XeroLine {
  quantity: Decimal;
  unitAmount: Decimal;
  discountRate?: Decimal;
  discountAmount?: Decimal;
  /** The tax rate's effective percentage. */
  taxRate: Decimal;
}

export type XeroAmountTypes = 'Exclusive' | 'Inclusive';

export function xeroLineAmount(line: XeroLine): Decimal {
  const quantity = round(line.quantity, 4);
  const unit = round(line.unitAmount, 4);
  if (line.discountRate) return round(quantity.times(unit).times(dec(100).minus(line.discountRate)).div(100));
  const gross = round(quantity.times(unit));
  return line.discountAmount ? gross.minus(round(line.discountAmount)) : gross;
}

export function xeroLineTax(lineAmount: Decimal, taxRate: Decimal, amountTypes: XeroAmountTypes): Decimal {
  if (taxRate.eq(0)) return ZERO;
  if (amountTypes === 'Exclusive') return round(lineAmount.times(taxRate).div(100));
  return lineAmount.minus(round(lineAmount.div(dec(1).plus(taxRate.div(100)))));
}

export interface XeroTotals {
  subTotal: Decimal;
  totalTax: Decimal;
  total: Decimal;
}

export function xeroTotals(lines: readonly XeroLine[], amountTypes: XeroAmountTypes): XeroTotals {
  const amounts = lines.map((line) => xeroLineAmount(line));
  const taxes = amounts.map((amount, i) => xeroLineTax(amount, lines[i]!.taxRate, amountTypes));
  const lineTotal = sum(amounts);
  const totalTax = sum(taxes);
  return amountTypes === 'Exclusive'
    ? { subTotal: lineTotal, totalTax, total: lineTotal.plus(totalTax) }
    : { subTotal: lineTotal.minus(totalTax), totalTax, total: lineTotal };
}
