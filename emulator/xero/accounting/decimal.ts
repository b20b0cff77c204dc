import BigJs from 'big.js';

/**
 * The emulator's own decimal arithmetic. It deliberately shares no code with the extension's
 * money helpers: the emulator plays Xero, and a rounding or parsing bug shared by the engine and
 * the emulator would agree with itself and pass every test. big.js supplies the digits; reading
 * values, rounding and writing them back for the wire are decided here.
 *
 * Amounts, quantities and rates arrive as JSON numbers (or numeric strings) and are read through
 * their shortest round-trip decimal text, so `85.1` is exactly 85.1 and never 85.0999….
 */

/** An independent big.js constructor: settings here never leak into another module's copy. */
const Big = BigJs();
// Divisions (inclusive tax, derived quantities) keep plenty of digits before Xero's rounding.
Big.DP = 40;
Big.RM = BigJs.roundHalfUp;

export type Decimal = BigJs.Big;

/** big.js's "half away from zero" mode (its name says up, its rule is away from zero). */
const HALF_AWAY_FROM_ZERO = 1 as BigJs.RoundingMode;

const DECIMAL_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A decimal from text (`"85.10"`, `"1e3"`), a finite JSON number, or another decimal. */
export function dec(value: string | number | Decimal): Decimal {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    // JavaScript's number-to-text is the shortest text that reads back as the same double, i.e.
    // the digits the JSON carried.
    return new Big(String(value));
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (!DECIMAL_TEXT.test(text)) throw new RangeError(`Not a decimal: ${JSON.stringify(value)}`);
    return new Big(text);
  }
  return new Big(value);
}

export const ZERO: Decimal = new Big(0);

/** Rounds to `dp` places, half away from zero (Xero: 2.165 → 2.17, −2.165 → −2.17). */
export function round(value: Decimal, dp = 2): Decimal {
  return new Big(value).round(dp, HALF_AWAY_FROM_ZERO);
}

/** How many decimal places a value needs (trailing zeros do not count: 85.1250 → 3). */
export function decimalPlaces(value: Decimal): number {
  const text = new Big(value).abs().toFixed();
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

export function sum(values: readonly Decimal[]): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/**
 * The JSON number Xero writes for an amount: rounded to `dp` places. A double carries any
 * decimal of up to 15 significant digits exactly, and JSON.stringify writes it back as the same
 * digits; a value needing more would be answered inexactly, so it is refused (the validation
 * bounds keep every stored amount well inside).
 */
export function toWireNumber(value: Decimal, dp = 2): number {
  const text = round(value, dp).toFixed(dp);
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (digits.length > 15) throw new RangeError(`Amount cannot be written exactly as a JSON number: ${text}`);
  const number = Number(text);
  return Object.is(number, -0) ? 0 : number;
}
