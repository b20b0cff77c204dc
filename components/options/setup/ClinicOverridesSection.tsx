import { type FormEvent, useState } from 'react';
import { type ClinicSettings, overriddenKeys } from '../../../lib/settings/sync-settings';
import { errorProps, FieldError, fieldId } from './fields';
import { ClinicOrganisationSelect } from './OrganisationSection';
import { PaymentsSection } from './PaymentsSection';
import { RevenueSection } from './RevenueSection';
import { RoundingTrackingSection } from './RoundingTrackingSection';
import { SyncBehaviourSection } from './SyncBehaviourSection';
import { clinicName, EMPTY_DIRECTORY, useConnectionView, usePracticeDirectory } from './setup-data';
import type { SetupSectionProps } from './types';

/** What each setting is called on screen, for "Overrides: …". */
const SETTING_WORDS: Record<keyof ClinicSettings, string> = {
  tenantId: 'organisation',
  enabled: 'sync switch',
  mode: 'mode',
  invoiceStatus: 'invoice status',
  revenueAccounts: 'revenue accounts',
  itemAccounts: 'item code accounts',
  taxRates: 'tax rates',
  categoryTaxRates: 'category tax rates',
  paymentAccounts: 'payment accounts',
  defaultPaymentAccount: 'default payment account',
  rounding: 'rounding',
  invoicePrefix: 'invoice prefix',
  creditNotePrefix: 'credit note prefix',
  dueDays: 'due days',
  tracking: 'tracking',
  keepContactDetailsInSync: 'contact details',
};

const OTHER = '__other__';
const MAX_CLINIC_ID = 64;

/**
 * The clinics that do something differently from the defaults. Each override holds only what it
 * changes; everything else is inherited, and each panel says which is which.
 */
export function ClinicOverridesSection({ draft, errors, change }: SetupSectionProps) {
  const directoryQuery = usePracticeDirectory();
  const directory = directoryQuery.data ?? EMPTY_DIRECTORY;
  const tenants = useConnectionView().data?.tenants ?? null;
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<string | null>(null);
  const ids = Object.keys(draft.clinics).sort((a, b) =>
    clinicName(draft, directory, a).localeCompare(clinicName(draft, directory, b)),
  );
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div>
      <p className="muted">
        A clinic with an override uses its own value for each setting it overrides and the defaults above for
        everything else.
      </p>
      <AddOverride
        {...{ draft, change, directory }}
        loading={directoryQuery.isPending}
        onAdded={(id) => setOpen((current) => new Set(current).add(id))}
      />
      {ids.length === 0 ? (
        <p className="muted">No clinic overrides: every clinic uses the defaults.</p>
      ) : (
        <ul className="setup-overrides" aria-label="Clinic overrides">
          {ids.map((id) => {
            const name = clinicName(draft, directory, id);
            const keys = overriddenKeys(draft, id);
            // A panel with a problem in it stays open, so "problems to fix" can reach the field.
            const hasErrors = Object.keys(errors).some((path) => path.startsWith(`clinics.${id}.`));
            const expanded = open.has(id) || hasErrors;
            const panelId = `${fieldId(`clinics.${id}`)}-panel`;
            return (
              <li key={id} className="setup-override">
                <div className="row">
                  <h3 className="setup-subheading">
                    <button
                      type="button"
                      className="setup-disclosure"
                      aria-expanded={expanded}
                      aria-controls={panelId}
                      onClick={() => toggle(id)}
                    >
                      {name}
                      {name !== id && ` (${id})`}
                    </button>
                  </h3>
                  <span className="muted">
                    {keys.length === 0
                      ? 'overrides nothing yet'
                      : `overrides ${keys.length} ${keys.length === 1 ? 'setting' : 'settings'}: ${keys.map((k) => SETTING_WORDS[k]).join(', ')}`}
                  </span>
                </div>
                {expanded && (
                  <section id={panelId} className="setup-override-panel" aria-label={`Override for ${name}`}>
                    <p className="muted">
                      Values marked “Inherited” come from the defaults and follow them when they change.
                    </p>
                    <div className="setup-field">
                      <label htmlFor={fieldId(`clinics.${id}.name`)}>Clinic name</label>
                      <input
                        id={fieldId(`clinics.${id}.name`)}
                        type="text"
                        value={draft.clinics[id]?.name ?? ''}
                        placeholder={name}
                        onChange={(e) =>
                          change((d) => {
                            const override = d.clinics[id];
                            if (!override) return;
                            if (e.target.value === '') delete override.name;
                            else override.name = e.target.value;
                          })
                        }
                        {...errorProps(`clinics.${id}.name`, errors)}
                      />
                      <FieldError path={`clinics.${id}.name`} errors={errors} />
                    </div>
                    <h4>Organisation</h4>
                    <ClinicOrganisationSelect
                      {...{ draft, errors, change, tenants }}
                      clinicId={id}
                      clinicName={name}
                      label={`Organisation for ${name}`}
                    />
                    <h4>Sync behaviour</h4>
                    <SyncBehaviourSection {...{ draft, errors, change }} clinicId={id} />
                    <h4>Revenue</h4>
                    <RevenueSection {...{ draft, errors, change }} clinicId={id} />
                    <h4>Payments</h4>
                    <PaymentsSection {...{ draft, errors, change }} clinicId={id} />
                    <h4>Rounding and tracking</h4>
                    <RoundingTrackingSection {...{ draft, errors, change }} clinicId={id} />
                    <div className="row setup-remove">
                      {removing === id ? (
                        <>
                          <span role="alert">
                            Remove the override for {name}? The clinic then uses the defaults for everything.
                          </span>
                          <button
                            type="button"
                            onClick={() => {
                              setRemoving(null);
                              change((d) => {
                                delete d.clinics[id];
                              });
                            }}
                          >
                            Yes, remove override
                          </button>
                          <button type="button" onClick={() => setRemoving(null)}>
                            Keep override
                          </button>
                        </>
                      ) : (
                        <button type="button" onClick={() => setRemoving(id)}>
                          Remove override
                        </button>
                      )}
                    </div>
                  </section>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

interface AddOverrideProps {
  draft: SetupSectionProps['draft'];
  change: SetupSectionProps['change'];
  directory: typeof EMPTY_DIRECTORY;
  /** The clinics the records named are still being read: the picker waits for them. */
  loading: boolean;
  onAdded: (clinicId: string) => void;
}

/** Picks a clinic the records have named, or takes an id and name typed in, and starts an empty override. */
function AddOverride({ draft, change, directory, loading, onAdded }: AddOverrideProps) {
  const candidates = directory.clinics.filter((c) => !(c.id in draft.clinics));
  const [choice, setChoice] = useState('');
  const [typedId, setTypedId] = useState('');
  const [typedName, setTypedName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const typing = !loading && (choice === OTHER || candidates.length === 0);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const id = typing ? typedId.trim() : choice;
    const name = typing ? typedName.trim() : (candidates.find((c) => c.id === choice)?.name ?? '');
    if (!id) return setProblem(typing ? 'Type the clinic’s id in the practice system.' : 'Choose a clinic.');
    if (id.length > MAX_CLINIC_ID) return setProblem(`A clinic id is at most ${MAX_CLINIC_ID} characters.`);
    if (id in draft.clinics) return setProblem('This clinic already has an override.');
    setProblem(null);
    change((d) => {
      d.clinics[id] = name && name !== id ? { name } : {};
    });
    setChoice('');
    setTypedId('');
    setTypedName('');
    onAdded(id);
  };

  return (
    <form className="row setup-add-override" onSubmit={onSubmit} aria-label="Add a clinic override">
      {(loading || candidates.length > 0) && (
        <div>
          <label htmlFor="add-override-clinic">Clinic to override</label>
          <select
            id="add-override-clinic"
            value={choice}
            disabled={loading}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">{loading ? 'Reading the clinics…' : 'Choose a clinic…'}</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.id})
              </option>
            ))}
            <option value={OTHER}>Another clinic (type its id)</option>
          </select>
        </div>
      )}
      {typing && (
        <>
          <div>
            <label htmlFor="add-override-id">Id of the new clinic</label>
            <input
              id="add-override-id"
              type="text"
              value={typedId}
              onChange={(e) => setTypedId(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="add-override-name">Name of the new clinic</label>
            <input
              id="add-override-name"
              type="text"
              value={typedName}
              onChange={(e) => setTypedName(e.target.value)}
            />
          </div>
        </>
      )}
      <button type="submit" className="setup-add-button">
        Add override
      </button>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
    </form>
  );
}
