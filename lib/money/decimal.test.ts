import { describe, expect, it } from 'vitest';
import { dec, decimalPlaces, formatFixed, round, sum } from './decimal';

describe('decimal money', () => {
  it('adds amounts exactly where binary floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(dec(0.1).plus(dec(0.2)).eq(dec('0.3'))).toBe(true);
    expect(formatFixed(sum([dec('33.33'), dec('33.33'), dec('33.34')]))).toBe('100.00');
  });

  it('rounds half away from zero at 2 dp like Xero (2.165 → 2.17)', () => {
    expect(round(dec('2.165')).toFixed(2)).toBe('2.17');
    expect(round(dec('2.164999')).toFixed(2)).toBe('2.16');
    expect(round(dec('-2.165')).toFixed(2)).toBe('-2.17');
    // 1.005 is 1.00499999… as a double; read from JSON text it is exactly 1.005.
    expect(round(dec(1.005)).toFixed(2)).toBe('1.01');
  });

  it('counts decimal places', () => {
    expect(decimalPlaces(dec('85.1250'))).toBe(3);
    expect(decimalPlaces(dec('85'))).toBe(0);
    expect(decimalPlaces(dec('0.0001'))).toBe(4);
  });

  it('rejects non-finite numbers', () => {
    expect(() => dec(Number.NaN)).toThrow(RangeError);
  });
});
