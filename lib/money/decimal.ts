import BigBase from 'big.js';

/**
 * Exact decimal arithmetic for every amount, quantity and rate. Binary floating point never
 * touches money: numbers arriving from JSON are converted through their shortest decimal
 * string (exact for Xero's ≤ 4 dp values) and all arithmetic happens on decimal digits.
 */
const Big = BigBase();
Big.DP = 30;
Big.RM = BigBase.roundHalfUp;

export type Decimal = BigBase.Big;

/** Accepts decimal strings ("85.10"), safe integers, and numbers as parsed from JSON. */
export function dec(value: string | number | Decimal): Decimal {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${value}`);
    // String(n) is the shortest decimal that round-trips, i.e. exactly what the JSON said.
    return new Big(String(value));
  }
  return new Big(value);
}

export const ZERO: Decimal = new Big(0);

/** Round half away from zero to `dp` places, as Xero does for line amounts and tax (2.165 → 2.17). */
export function round(value: Decimal, dp = 2): Decimal {
  return value.round(dp, BigBase.roundHalfUp);
}

/** The number of decimal places written in a value (85.1250 → 3 once normalised). */
export function decimalPlaces(value: Decimal): number {
  return Math.max(0, value.c.length - value.e - 1);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((total, v) => total.plus(v), ZERO);
}

/** "85.10" style text with exactly `dp` places, for display and CSV. */
export function formatFixed(value: Decimal, dp = 2): string {
  return round(value, dp).toFixed(dp);
}
