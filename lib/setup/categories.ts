import type { SyncSettings } from '../settings/sync-settings';

/**
 * The user's category list and the mappings keyed by category (revenue account, tax rate), in
 * the defaults and in every clinic override. Renaming or removing a category must take its
 * mappings along everywhere, or a clinic's override would silently keep mapping the old name.
 * Pure; meant to run inside the setup page's `change` recipe.
 */

const CATEGORY_MAPS = ['revenueAccounts', 'categoryTaxRates'] as const;

/** Why a name cannot be a (new) category, or null. Mirrors the settings schema's label rule. */
export function categoryNameProblem(categories: string[], name: string, renaming?: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Type a name.';
  if (trimmed.length > 100) return 'At most 100 characters.';
  if (/[<>]/.test(trimmed)) return 'A category name must not contain < or >.';
  const taken = categories.some((c) => c !== renaming && c.trim().toLowerCase() === trimmed.toLowerCase());
  if (taken) return `“${trimmed}” is already in the list.`;
  return null;
}

/** Where a category is mapped: "defaults" and/or clinic ids. */
export function categoryMappedIn(draft: SyncSettings, category: string): (string | null)[] {
  const where: (string | null)[] = [];
  if (CATEGORY_MAPS.some((map) => draft.defaults?.[map]?.[category] !== undefined)) where.push(null);
  for (const [clinicId, override] of Object.entries(draft.clinics ?? {})) {
    if (CATEGORY_MAPS.some((map) => override[map]?.[category] !== undefined)) where.push(clinicId);
  }
  return where;
}

function eachCategoryMap(draft: SyncSettings, visit: (map: Record<string, string>) => void) {
  for (const map of CATEGORY_MAPS) {
    if (draft.defaults?.[map]) visit(draft.defaults[map]);
    for (const override of Object.values(draft.clinics ?? {})) {
      const own = override[map];
      if (own) visit(own);
    }
  }
}

export function addCategory(draft: SyncSettings, name: string): void {
  draft.categories = [...(draft.categories ?? []), name.trim()];
}

/** Renames in the list and moves the category's keys in the defaults and in every clinic override. */
export function renameCategory(draft: SyncSettings, from: string, to: string): void {
  const name = to.trim();
  if (name === from) return;
  draft.categories = (draft.categories ?? []).map((c) => (c === from ? name : c));
  eachCategoryMap(draft, (map) => {
    if (!(from in map)) return;
    map[name] = map[from]!;
    delete map[from];
  });
}

/** Removes from the list, and its mappings everywhere. */
export function removeCategory(draft: SyncSettings, name: string): void {
  draft.categories = (draft.categories ?? []).filter((c) => c !== name);
  eachCategoryMap(draft, (map) => {
    delete map[name];
  });
  for (const override of Object.values(draft.clinics ?? {})) {
    for (const map of CATEGORY_MAPS)
      if (override[map] && Object.keys(override[map]).length === 0) delete override[map];
  }
}
