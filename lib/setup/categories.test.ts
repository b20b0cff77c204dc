import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '../settings/sync-settings';
import {
  addCategory,
  categoryMappedIn,
  categoryNameProblem,
  removeCategory,
  renameCategory,
} from './categories';

function draftWithMappings(): SyncSettings {
  const draft = structuredClone(DEFAULT_SYNC_SETTINGS);
  draft.defaults.revenueAccounts = { Services: '200', Products: '210' };
  draft.defaults.categoryTaxRates = { Services: 'OUTPUT' };
  draft.clinics = {
    north: { name: 'North', revenueAccounts: { Services: '205' } },
    south: {
      name: 'South',
      categoryTaxRates: { Services: 'EXEMPTOUTPUT' },
      revenueAccounts: { Products: '211' },
    },
  };
  return draft;
}

describe('categories', () => {
  it('renaming moves the mappings in the defaults and in every clinic override', () => {
    const draft = draftWithMappings();
    renameCategory(draft, 'Services', 'Consultations');
    expect(draft.categories).toEqual(['Consultations', 'Products', 'Custom items']);
    expect(draft.defaults.revenueAccounts).toEqual({ Consultations: '200', Products: '210' });
    expect(draft.defaults.categoryTaxRates).toEqual({ Consultations: 'OUTPUT' });
    expect(draft.clinics.north!.revenueAccounts).toEqual({ Consultations: '205' });
    expect(draft.clinics.south!.categoryTaxRates).toEqual({ Consultations: 'EXEMPTOUTPUT' });
    expect(draft.clinics.south!.revenueAccounts).toEqual({ Products: '211' });
  });

  it('removing drops the mappings everywhere and empty clinic maps with them', () => {
    const draft = draftWithMappings();
    expect(categoryMappedIn(draft, 'Services')).toEqual([null, 'north', 'south']);
    removeCategory(draft, 'Services');
    expect(draft.categories).toEqual(['Products', 'Custom items']);
    expect(draft.defaults.revenueAccounts).toEqual({ Products: '210' });
    expect(draft.clinics.north).toEqual({ name: 'North' });
    expect(draft.clinics.south).toEqual({ name: 'South', revenueAccounts: { Products: '211' } });
    expect(categoryMappedIn(draft, 'Services')).toEqual([]);
  });

  it('refuses empty, duplicate and unsafe names, but renaming to itself is fine', () => {
    const list = ['Services', 'Products'];
    expect(categoryNameProblem(list, '  ')).toBe('Type a name.');
    expect(categoryNameProblem(list, 'services')).toMatch(/already in the list/);
    expect(categoryNameProblem(list, 'A <b>')).toMatch(/< or >/);
    expect(categoryNameProblem(list, 'Services', 'Services')).toBeNull();
    const draft = draftWithMappings();
    addCategory(draft, ' Hearing aids ');
    expect(draft.categories.at(-1)).toBe('Hearing aids');
  });
});
