import type { ReactNode } from 'react';
import type { ClinicSettings, SyncSettings } from '../../../lib/settings/sync-settings';
import { type ChangeDraft, type FieldErrors, settingPath } from './types';

/**
 * The element id of the field that edits a dotted settings path. Characters an id should not
 * carry are spelled out, so two clinic ids never give the same field id.
 */
export function fieldId(path: string) {
  return `setup-${path.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`)}`;
}

/** Props that tie a control to its error message (aria-invalid + aria-describedby). */
export function errorProps(path: string, errors: FieldErrors, hintId?: string) {
  const error = errors[path];
  const describedBy = [hintId, error ? `${fieldId(path)}-error` : undefined].filter(Boolean).join(' ');
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

export function FieldError({ path, errors }: { path: string; errors: FieldErrors }) {
  const error = errors[path];
  if (!error) return null;
  return (
    <p id={`${fieldId(path)}-error`} className="field-error">
      {error}
    </p>
  );
}

/** Sets one clinic setting: in the defaults, or in the clinic's override (created if needed). */
export function setClinicSetting<K extends keyof ClinicSettings>(
  draft: SyncSettings,
  clinicId: string | null | undefined,
  key: K,
  value: ClinicSettings[K],
) {
  if (!clinicId) {
    draft.defaults[key] = value;
    return;
  }
  draft.clinics[clinicId] ??= {};
  draft.clinics[clinicId][key] = value;
}

interface InheritableFieldProps<K extends keyof ClinicSettings> {
  draft: SyncSettings;
  errors: FieldErrors;
  change: ChangeDraft;
  clinicId?: string | null;
  settingKey: K;
  label: string;
  /** The value in words, for "Inherited: …". */
  describe: (value: ClinicSettings[K]) => string;
  /** Draws the control for the value in effect where it is edited. */
  children: (value: ClinicSettings[K], set: (value: ClinicSettings[K]) => void) => ReactNode;
}

/**
 * One clinic setting. For the defaults it is just the control. For a clinic it says what the
 * clinic inherits with an "Override" button, or, once overridden, the control and "Use default",
 * which takes the key out of the override again (an override holds only what it changes).
 */
export function InheritableField<K extends keyof ClinicSettings>({
  draft,
  errors,
  change,
  clinicId,
  settingKey,
  label,
  describe,
  children,
}: InheritableFieldProps<K>) {
  const path = settingPath(clinicId, settingKey);
  const set = (value: ClinicSettings[K]) => change((d) => setClinicSetting(d, clinicId, settingKey, value));
  if (!clinicId) {
    return (
      <div className="setup-field">
        {children(draft.defaults[settingKey], set)}
        <FieldError path={path} errors={errors} />
      </div>
    );
  }
  const inherited = draft.defaults[settingKey];
  const own = draft.clinics[clinicId]?.[settingKey];
  if (own === undefined) {
    return (
      <div className="setup-field setup-inherited">
        <span className="setup-field-label">{label}</span>
        <span>
          Inherited: <strong>{describe(inherited)}</strong>
        </span>
        <button
          type="button"
          aria-label={`Override ${label}`}
          onClick={() => set(structuredClone(inherited))}
        >
          Override
        </button>
      </div>
    );
  }
  return (
    <div className="setup-field setup-overridden">
      {children(own as ClinicSettings[K], set)}
      <FieldError path={path} errors={errors} />
      <div className="row">
        <span className="muted">Default: {describe(inherited)}</span>
        <button
          type="button"
          aria-label={`Use default for ${label}`}
          onClick={() =>
            change((d) => {
              const override = d.clinics[clinicId];
              if (override) delete override[settingKey];
            })
          }
        >
          Use default
        </button>
      </div>
    </div>
  );
}
