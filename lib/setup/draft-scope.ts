import type { ClinicOverride, ClinicSettings, SyncSettings } from '../settings/sync-settings';

/**
 * Reading and editing one setting of the settings draft in a scope: the defaults (clinicId null)
 * or one clinic's override. A clinic's override holds only what it changes: maps hold only its
 * own keys (they merge key by key with the defaults' maps, as the engine reads them), and a
 * key it no longer overrides is removed, so "inherited" stays visible in the document itself.
 * Pure, and meant to run inside the setup page's `change` recipe (they edit the draft given).
 */

export type MappingKey =
  | 'revenueAccounts'
  | 'itemAccounts'
  | 'taxRates'
  | 'categoryTaxRates'
  | 'paymentAccounts';

export interface ScopedValue<T> {
  /** What the scope runs with: its own value, else the inherited one. */
  value: T | undefined;
  /** The scope sets it itself (always true for the defaults when set). */
  own: boolean;
  /** What a clinic would inherit from the defaults; undefined in the defaults scope. */
  inherited: T | undefined;
}

type Scope = string | null | undefined;

function overrideOf(draft: SyncSettings, clinicId: string): ClinicOverride {
  draft.clinics ??= {};
  draft.clinics[clinicId] ??= {};
  return draft.clinics[clinicId];
}

/** One entry of a mapping (category → account, method → account, …) in a scope. */
export function mappingEntry(
  draft: SyncSettings,
  clinicId: Scope,
  map: MappingKey,
  key: string,
): ScopedValue<string> {
  const fromDefaults = draft.defaults?.[map]?.[key];
  if (!clinicId) return { value: fromDefaults, own: fromDefaults !== undefined, inherited: undefined };
  const own = draft.clinics?.[clinicId]?.[map]?.[key];
  return { value: own ?? fromDefaults, own: own !== undefined, inherited: fromDefaults };
}

/** The keys a scope's mapping has: the defaults' keys, and in a clinic scope its own too. */
export function mappingKeys(draft: SyncSettings, clinicId: Scope, map: MappingKey): string[] {
  const keys = new Set(Object.keys(draft.defaults?.[map] ?? {}));
  if (clinicId) for (const key of Object.keys(draft.clinics?.[clinicId]?.[map] ?? {})) keys.add(key);
  return [...keys];
}

/** Sets (or with null removes) one entry in the scope's own map; an emptied clinic map is removed. */
export function setMappingEntry(
  draft: SyncSettings,
  clinicId: Scope,
  map: MappingKey,
  key: string,
  value: string | null,
): void {
  if (!clinicId) {
    if (value === null) delete draft.defaults[map][key];
    else draft.defaults[map][key] = value;
    return;
  }
  const override = overrideOf(draft, clinicId);
  if (value !== null) {
    override[map] = { ...(override[map] ?? {}), [key]: value };
    return;
  }
  const own = override[map];
  if (!own) return;
  delete own[key];
  if (Object.keys(own).length === 0) delete override[map];
}

/** A whole setting (default payment account, rounding, tracking) in a scope: a clinic replaces it whole. */
export function scopedSetting<K extends keyof ClinicSettings>(
  draft: SyncSettings,
  clinicId: Scope,
  key: K,
): ScopedValue<ClinicSettings[K]> {
  const fromDefaults = draft.defaults?.[key];
  if (!clinicId) return { value: fromDefaults, own: true, inherited: undefined };
  const override = draft.clinics?.[clinicId] as Partial<ClinicSettings> | undefined;
  const own = override?.[key];
  return { value: own !== undefined ? own : fromDefaults, own: own !== undefined, inherited: fromDefaults };
}

export function setScopedSetting<K extends keyof ClinicSettings>(
  draft: SyncSettings,
  clinicId: Scope,
  key: K,
  value: ClinicSettings[K],
): void {
  if (!clinicId) draft.defaults[key] = value;
  else (overrideOf(draft, clinicId) as Partial<ClinicSettings>)[key] = value;
}

/** A clinic stops overriding the setting and inherits it again. */
export function clearScopedSetting(draft: SyncSettings, clinicId: string, key: keyof ClinicSettings): void {
  const override = draft.clinics?.[clinicId] as Partial<ClinicSettings> | undefined;
  if (override) delete override[key];
}
