import type { ComponentType, MouseEvent, ReactNode } from 'react';
import { DEFAULT_SYNC_SETTINGS } from '../../lib/settings/sync-settings';
import { CheckSetupSection } from './setup/CheckSetupSection';
import { ClinicOverridesSection } from './setup/ClinicOverridesSection';
import { fieldId } from './setup/fields';
import { OrganisationSection } from './setup/OrganisationSection';
import { PaymentsSection } from './setup/PaymentsSection';
import { RevenueSection } from './setup/RevenueSection';
import { RoundingTrackingSection } from './setup/RoundingTrackingSection';
import { SettingsFileSection } from './setup/SettingsFileSection';
import { SyncBehaviourSection } from './setup/SyncBehaviourSection';
import type { SetupSectionProps } from './setup/types';
import { type SettingsDraft, useSettingsDraft } from './setup/use-settings-draft';

interface SectionEntry {
  id: string;
  title: string;
  Component: ComponentType<SetupSectionProps>;
  /** The settings (first key of a `defaults.<key>` path) whose errors this section shows. */
  keys: readonly string[];
}

const SECTIONS: readonly SectionEntry[] = [
  { id: 'organisation', title: 'Organisation', Component: OrganisationSection, keys: ['tenantId'] },
  {
    id: 'sync-behaviour',
    title: 'Sync behaviour',
    Component: SyncBehaviourSection,
    keys: [
      'enabled',
      'mode',
      'invoiceStatus',
      'invoicePrefix',
      'creditNotePrefix',
      'dueDays',
      'keepContactDetailsInSync',
    ],
  },
  {
    id: 'revenue',
    title: 'Revenue',
    Component: RevenueSection,
    keys: ['revenueAccounts', 'itemAccounts', 'taxRates', 'categoryTaxRates', 'categories'],
  },
  {
    id: 'payments',
    title: 'Payments',
    Component: PaymentsSection,
    keys: ['paymentAccounts', 'defaultPaymentAccount'],
  },
  {
    id: 'rounding-tracking',
    title: 'Rounding and tracking',
    Component: RoundingTrackingSection,
    keys: ['rounding', 'tracking'],
  },
  { id: 'clinic-overrides', title: 'Clinic overrides', Component: ClinicOverridesSection, keys: [] },
  { id: 'check-setup', title: 'Check setup', Component: CheckSetupSection, keys: [] },
];
const FILE_SECTION = { id: 'settings-file', title: 'Settings file' } as const;
const ALL_SECTIONS = [...SECTIONS, FILE_SECTION];

const sectionId = (id: string) => `setup-${id}`;

/** The section an error path belongs to, for when no field of it is on the screen. */
function sectionForPath(path: string) {
  const [root, key] = path.split('.');
  if (root === 'clinics') return 'clinic-overrides';
  const wanted = root === 'defaults' ? key : root;
  return SECTIONS.find((s) => s.keys.includes(wanted ?? ''))?.id ?? 'organisation';
}

/** Moves the focus to the first field that has a problem (or to its section when it is not drawn). */
function focusFirstProblem(path: string | null) {
  const root = document.getElementById('setup-page');
  const target =
    root?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
    (path ? document.getElementById(fieldId(path)) : null) ??
    (path ? document.getElementById(`${sectionId(sectionForPath(path))}-heading`) : null);
  if (!target) return;
  if (!target.hasAttribute('tabindex') && target.tabIndex < 0) target.setAttribute('tabindex', '-1');
  target.scrollIntoView?.({ block: 'center' });
  target.focus();
}

function SectionFrame({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={sectionId(id)} aria-labelledby={`${sectionId(id)}-heading`} className="panel setup-section">
      <h2 id={`${sectionId(id)}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

function SkeletonBlock() {
  return <div className="skeleton setup-skeleton-block" aria-hidden="true" />;
}

/**
 * Setup: every setting of the sync in one page of sections, edited as one draft that is
 * validated as it changes, kept across reloads until saved, and saved only when valid.
 */
export function SetupPage() {
  const settings = useSettingsDraft();
  const { draft, errors, change } = settings;

  return (
    <div id="setup-page" className="setup-page">
      <nav aria-label="Setup sections" className="setup-toc">
        <ol>
          {ALL_SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${sectionId(s.id)}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      <div className="setup-body">
        <Notices settings={settings} />
        {SECTIONS.map(({ id, title, Component }) => (
          <SectionFrame key={id} id={id} title={title}>
            {draft ? (
              <Component draft={draft} errors={errors} change={change} clinicId={null} />
            ) : (
              <SkeletonBlock />
            )}
          </SectionFrame>
        ))}
        <SectionFrame id={FILE_SECTION.id} title={FILE_SECTION.title}>
          {settings.loading ? (
            <SkeletonBlock />
          ) : (
            <SettingsFileSection
              draft={draft ?? DEFAULT_SYNC_SETTINGS}
              errors={errors}
              change={change}
              saved={settings.saved}
              neverSaved={settings.neverSaved}
              dirty={settings.dirty}
              onImport={settings.saveDocument}
            />
          )}
        </SectionFrame>
        {draft && <SaveBar settings={settings} />}
      </div>
    </div>
  );
}

function Notices({ settings }: { settings: SettingsDraft }) {
  return (
    <>
      {settings.loadError && (
        <p role="alert" className="setup-warning">
          The settings could not be read from the extension: {settings.loadError}
        </p>
      )}
      {settings.unreadableReason && (
        <div role="alert" className="setup-warning" data-testid="settings-unreadable">
          <p>
            The saved sync settings cannot be read ({settings.unreadableReason}). Nothing is sent to Xero
            while they cannot be read. They stay stored as they are until you save: start from the defaults,
            or import a settings file under Settings file.
          </p>
          {!settings.draft && (
            <button type="button" onClick={settings.startFromDefaults}>
              Start from the defaults
            </button>
          )}
        </div>
      )}
      {settings.savedChangedUnderneath && (
        <div role="alert" className="setup-warning">
          The saved settings were changed elsewhere (another tab or an import) after you started these
          changes. Your unsaved changes are kept: Save replaces the saved settings with them, Discard changes
          shows the saved ones.
        </div>
      )}
      {settings.restored && !settings.savedChangedUnderneath && (
        <p className="setup-notice">
          Your unsaved changes from before were kept; save or discard them below.
        </p>
      )}
    </>
  );
}

function SaveBar({ settings }: { settings: SettingsDraft }) {
  const count = Object.keys(settings.errors).length;
  const invalid = count > 0;
  const onSave = async () => {
    if (settings.saving) return;
    // Refused while invalid (the hook says so); the focus goes to what needs fixing.
    if (invalid) focusFirstProblem(settings.firstErrorPath);
    await settings.save();
  };
  const onProblems = (event: MouseEvent) => {
    event.preventDefault();
    focusFirstProblem(settings.firstErrorPath);
  };
  const status = settings.saving
    ? 'Saving…'
    : settings.dirty
      ? 'Unsaved changes'
      : settings.justSaved
        ? 'Saved.'
        : '';
  return (
    <section className="setup-savebar" aria-label="Save settings">
      <button
        type="button"
        className="primary"
        // Focusable while invalid, so it can say why it does not save.
        aria-disabled={invalid || settings.saving || undefined}
        aria-describedby={invalid ? 'setup-problems' : undefined}
        onClick={onSave}
      >
        Save
      </button>
      <button type="button" disabled={!settings.dirty || settings.saving} onClick={settings.discard}>
        Discard changes
      </button>
      {invalid && (
        <a id="setup-problems" href={`#${fieldId(settings.firstErrorPath ?? '')}`} onClick={onProblems}>
          {count === 1 ? '1 problem to fix' : `${count} problems to fix`}
        </a>
      )}
      <span role="status" className="setup-save-status">
        {status}
      </span>
      {settings.saveError && (
        <span role="alert" className="error">
          {settings.saveError}
        </span>
      )}
    </section>
  );
}
