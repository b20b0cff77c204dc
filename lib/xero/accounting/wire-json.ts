import { type Decimal, formatFixed } from '../../money/decimal';

/**
 * Xero's API takes amounts as JSON numbers. To keep binary floating point away from money even
 * on the wire, an amount is carried as its exact decimal digits and written into the JSON text
 * as a number token by `toWireJson`: no double is ever made of it on this side.
 */
const MARK = '\u0000';

export class WireNumber {
  constructor(readonly digits: string) {}

  /** Read by `toWireJson` only; JSON.stringify alone would leave a marked string here. */
  toJSON(): string {
    return `${MARK}${this.digits}${MARK}`;
  }
}

/** An amount rounded (half away from zero) to `dp` places, ready for the wire. */
export function wireNumber(value: Decimal, dp = 2): WireNumber {
  const digits = formatFixed(value, dp);
  // Xero reads the number into a double: past 15 significant digits it would not read it exactly.
  if (digits.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) {
    throw new RangeError(`Amount too large to send exactly: ${digits}`);
  }
  return new WireNumber(digits);
}

/**
 * The JSON text of a request body with every WireNumber written as a number token, digit for
 * digit. (The marker is a control character, which no validated record can contain.)
 */
export function toWireJson(body: unknown): string {
  return JSON.stringify(body).replace(/"\\u0000(-?\d+(?:\.\d+)?)\\u0000"/g, '$1');
}
