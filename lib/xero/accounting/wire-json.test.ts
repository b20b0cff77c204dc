import { describe, expect, it } from 'vitest';
import { dec } from '../../money/decimal';
import { toWireJson, wireNumber } from './wire-json';

describe('amounts on the wire', () => {
  it('are written as JSON numbers from their decimal digits, rounded to their places', () => {
    expect(toWireJson({ Amount: wireNumber(dec('85.1')) })).toBe('{"Amount":85.10}');
    expect(
      toWireJson({ UnitAmount: wireNumber(dec('12.34565'), 4), Quantity: wireNumber(dec('-2'), 4) }),
    ).toBe('{"UnitAmount":12.3457,"Quantity":-2.0000}');
    expect(toWireJson({ Amount: wireNumber(dec('0.1').plus(dec('0.2'))) })).toBe('{"Amount":0.30}');
  });

  it('reads back as the same values, and leaves text that merely looks alike alone', () => {
    const body = { LineItems: [{ Description: '"12.50"', UnitAmount: wireNumber(dec('9999999999.99')) }] };
    expect(JSON.parse(toWireJson(body))).toEqual({
      LineItems: [{ Description: '"12.50"', UnitAmount: 9999999999.99 }],
    });
  });

  it('refuses an amount Xero could not read exactly', () => {
    expect(() => wireNumber(dec('12345678901234567.89'))).toThrow(RangeError);
  });
});
