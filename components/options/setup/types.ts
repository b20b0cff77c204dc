import type { ClinicSettings, SyncSettings } from '../../../lib/settings/sync-settings';

/**
 * What every setup section gets from the setup page: the whole settings draft (the document as
 * the user is editing it, possibly invalid), the validation errors by path, and one way to change
 * it. A section that edits clinic settings is given a scope: null edits the defaults, a clinic id
 * edits that clinic's override and shows what it inherits.
 */

/** Validation messages by dotted path into the document, e.g. `defaults.revenueAccounts.Services`. */
export type FieldErrors = Record<string, string>;

/** Changes the draft: the recipe edits a copy, which becomes the new draft. */
export type ChangeDraft = (recipe: (draft: SyncSettings) => void) => void;

export interface SetupSectionProps {
  draft: SyncSettings;
  errors: FieldErrors;
  change: ChangeDraft;
  /** null: the defaults; a clinic id: that clinic's override. */
  clinicId?: string | null;
}

/** The dotted path of a clinic setting in the document, as zod reports it and `errors` is keyed. */
export function settingPath(
  clinicId: string | null | undefined,
  key: keyof ClinicSettings,
  ...rest: string[]
) {
  const base = clinicId ? ['clinics', clinicId, key] : ['defaults', key];
  return [...base, ...rest].join('.');
}
