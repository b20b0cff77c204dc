import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_SETTINGS, overriddenKeys, settingsForClinic } from '../settings/sync-settings';
import {
  clearScopedSetting,
  mappingEntry,
  mappingKeys,
  scopedSetting,
  setMappingEntry,
  setScopedSetting,
} from './draft-scope';

function draft() {
  const d = structuredClone(DEFAULT_SYNC_SETTINGS);
  d.defaults.paymentAccounts = { EFTPOS: '090', Cash: '091' };
  d.clinics = { north: { name: 'North' } };
  return d;
}

describe('draft scope', () => {
  it('a clinic inherits a mapping entry until it overrides that one key', () => {
    const d = draft();
    expect(mappingEntry(d, 'north', 'paymentAccounts', 'EFTPOS')).toEqual({
      value: '090',
      own: false,
      inherited: '090',
    });
    setMappingEntry(d, 'north', 'paymentAccounts', 'EFTPOS', '092');
    expect(d.clinics.north!.paymentAccounts).toEqual({ EFTPOS: '092' });
    expect(settingsForClinic(d, 'north').paymentAccounts).toEqual({ EFTPOS: '092', Cash: '091' });
    expect(mappingEntry(d, 'north', 'paymentAccounts', 'EFTPOS')).toMatchObject({ value: '092', own: true });
    setMappingEntry(d, 'north', 'paymentAccounts', 'EFTPOS', null);
    expect(d.clinics.north).toEqual({ name: 'North' });
    expect(overriddenKeys(d, 'north')).toEqual([]);
  });

  it('lists the keys of the defaults and the clinic', () => {
    const d = draft();
    setMappingEntry(d, 'north', 'paymentAccounts', 'Card', '093');
    expect(mappingKeys(d, null, 'paymentAccounts')).toEqual(['EFTPOS', 'Cash']);
    expect(mappingKeys(d, 'north', 'paymentAccounts')).toEqual(['EFTPOS', 'Cash', 'Card']);
  });

  it('edits the defaults directly, and a whole setting per clinic', () => {
    const d = draft();
    setMappingEntry(d, null, 'paymentAccounts', 'Cash', null);
    expect(d.defaults.paymentAccounts).toEqual({ EFTPOS: '090' });
    setScopedSetting(d, null, 'rounding', { accountCode: '860', taxType: 'BASEXCLUDED' });
    expect(scopedSetting(d, 'north', 'rounding')).toEqual({
      value: { accountCode: '860', taxType: 'BASEXCLUDED' },
      own: false,
      inherited: { accountCode: '860', taxType: 'BASEXCLUDED' },
    });
    setScopedSetting(d, 'north', 'rounding', null);
    expect(scopedSetting(d, 'north', 'rounding')).toMatchObject({ value: null, own: true });
    clearScopedSetting(d, 'north', 'rounding');
    expect(d.clinics.north).toEqual({ name: 'North' });
  });
});
