import { describe, expect, it } from 'vitest';
import { dec, decimalPlaces, round, sum, toWireNumber, ZERO } from './decimal';

describe("the emulator's own decimals", () => {
  it('reads JSON numbers through their shortest text, never through float arithmetic', () => {
    expect(dec(85.1).toFixed()).toBe('85.1');
    expect(dec(0.1).plus(dec(0.2)).toFixed()).toBe('0.3');
    expect(dec(1e21).toFixed()).toBe('1000000000000000000000');
    expect(dec(-0.0001).toFixed()).toBe('-0.0001');
  });

  it('reads decimal text, trimmed, and refuses anything else', () => {
    expect(dec(' 120.0000 ').toFixed()).toBe('120');
    expect(dec('-3.5').toFixed(2)).toBe('-3.50');
    expect(dec('.5').toFixed()).toBe('0.5');
    for (const bad of ['', 'abc', '1,5', '0x10', 'NaN', 'Infinity', '1.2.3']) {
      expect(() => dec(bad), bad).toThrow(RangeError);
    }
    expect(() => dec(Number.NaN)).toThrow(RangeError);
    expect(() => dec(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('rounds half away from zero, on both sides of zero', () => {
    expect(round(dec('2.165')).toFixed(2)).toBe('2.17');
    expect(round(dec('-2.165')).toFixed(2)).toBe('-2.17');
    expect(round(dec('2.164999')).toFixed(2)).toBe('2.16');
    expect(round(dec('0.005')).toFixed(2)).toBe('0.01');
    expect(round(dec('-0.005')).toFixed(2)).toBe('-0.01');
    expect(round(dec('1.23455'), 4).toFixed(4)).toBe('1.2346');
    expect(round(dec('7.5'), 0).toFixed(0)).toBe('8');
    expect(round(dec('-7.5'), 0).toFixed(0)).toBe('-8');
  });

  it('keeps enough digits in a division for the rounding that follows', () => {
    // Inclusive tax at 10%: 11.00 / 1.1 = 10 exactly; 10.01 / 1.1 = 9.1, repeating digits after.
    expect(round(dec('11.00').div(dec('1.1'))).toFixed(2)).toBe('10.00');
    expect(round(dec('10.01').div(dec('1.1'))).toFixed(2)).toBe('9.10');
    expect(dec(1).div(dec(3)).toFixed().length).toBeGreaterThan(30);
  });

  it('counts the decimal places a value needs, ignoring trailing zeros', () => {
    expect(decimalPlaces(dec('85.1250'))).toBe(3);
    expect(decimalPlaces(dec('85'))).toBe(0);
    expect(decimalPlaces(dec('85.00'))).toBe(0);
    expect(decimalPlaces(dec('-0.001'))).toBe(3);
    expect(decimalPlaces(dec(1e-7))).toBe(7);
  });

  it('sums exactly', () => {
    expect(sum([]).eq(ZERO)).toBe(true);
    expect(sum([dec(0.1), dec(0.2), dec('-0.3')]).toFixed()).toBe('0');
  });

  it('writes wire numbers rounded to their places, exact up to 15 significant digits', () => {
    expect(toWireNumber(dec('2.165'))).toBe(2.17);
    expect(toWireNumber(dec('120.12345'), 4)).toBe(120.1235);
    expect(JSON.stringify(toWireNumber(dec('9999999999.99')))).toBe('9999999999.99');
    expect(Object.is(toWireNumber(dec('-0.001')), 0)).toBe(true);
    expect(() => toWireNumber(dec('99999999999999.99'))).toThrow(RangeError);
  });
});
