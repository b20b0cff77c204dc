// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { documentPath, fieldId, focusSetting } from './field-id';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('fieldId', () => {
  it('gives every path its own id that is a valid CSS selector', () => {
    expect(fieldId('defaults.revenueAccounts.Services')).toBe('field-defaults__revenueAccounts__Services');
    expect(fieldId('defaults.revenueAccounts.Hearing aids')).toBe(
      'field-defaults__revenueAccounts__Hearing_0020aids',
    );
    const paths = ['a.b', 'a_b', 'a b', 'a-b', 'a__b', 'a._b'];
    expect(new Set(paths.map(fieldId)).size).toBe(paths.length);
    for (const path of paths) expect(() => document.querySelector(`#${fieldId(path)}`)).not.toThrow();
  });

  it('focuses a clinic’s own field, else the inherited default, else the nearest setting', () => {
    document.body.innerHTML = `
      <select id="${fieldId('defaults.revenueAccounts.Services')}"></select>
      <select id="${fieldId('clinics.north.paymentAccounts.Cash')}"></select>
      <div tabindex="-1" id="${fieldId('defaults.rounding')}"></div>`;
    expect(focusSetting('north', 'paymentAccounts.Cash')).toBe(true);
    expect(document.activeElement?.id).toBe(fieldId(documentPath('north', 'paymentAccounts.Cash')));
    expect(focusSetting('north', 'revenueAccounts.Services')).toBe(true);
    expect(document.activeElement?.id).toBe(fieldId('defaults.revenueAccounts.Services'));
    expect(focusSetting(null, 'rounding.taxType')).toBe(true);
    expect(document.activeElement?.id).toBe(fieldId('defaults.rounding'));
    expect(focusSetting(null, 'itemAccounts.X')).toBe(false);
  });
});
