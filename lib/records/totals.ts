import { type Decimal, dec, sum } from '../money/decimal';
import type { InvoiceLine } from './schema';

/**
 * What a set of lines adds up to with exact arithmetic and no rounding at all: the PMS-neutral
 * check that a record's `total` belongs to its lines. (How Xero rounds is the engine's business;
 * it allows for a few cents of difference and adds a rounding line.)
 */
export function exactTotal(lines: readonly InvoiceLine[], amountsAre: 'exclusive' | 'inclusive'): Decimal {
  return sum(
    lines.map((line) => {
      const gross = dec(line.quantity).times(dec(line.unitPrice));
      const net = line.discountPercent
        ? gross.times(dec(100).minus(dec(line.discountPercent))).div(100)
        : line.discountAmount
          ? gross.minus(dec(line.discountAmount))
          : gross;
      return amountsAre === 'inclusive' ? net : net.times(dec(100).plus(dec(line.tax.ratePercent))).div(100);
    }),
  );
}

/** A record's total may differ from its exact line total by rounding, never by more than this. */
export const TOTAL_TOLERANCE = dec('0.05');
