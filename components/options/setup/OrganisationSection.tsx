import type { ClinicSettings, SyncSettings } from '../../../lib/settings/sync-settings';
import { settingsForClinic } from '../../../lib/settings/sync-settings';
import type { ConnectionView } from '../../../lib/xero/connection-service';
import { errorProps, FieldError, fieldId } from './fields';
import { EMPTY_DIRECTORY, knownClinics, useConnectionView, usePracticeDirectory } from './setup-data';
import { type ChangeDraft, type FieldErrors, type SetupSectionProps, settingPath } from './types';

type Tenant = ConnectionView['tenants'][number];

/** The select's value for "no organisation"; an inherited clinic uses INHERIT. */
const NONE = '';
const INHERIT = '__inherit__';
const NONE_WORDS = '— none: nothing is sent —';

/** The connected organisations; null while the connection is still being read (nothing is flagged then). */
type Tenants = Tenant[] | null;

function organisationName(tenants: Tenants, tenantId: string | null) {
  if (tenantId === null) return 'none';
  const name = tenants?.find((t) => t.tenantId === tenantId)?.name;
  return name ?? (tenants ? `not connected (${tenantId})` : tenantId);
}

const isConnected = (tenants: Tenants, tenantId: string | null | undefined) =>
  tenantId == null || tenants === null || tenants.some((t) => t.tenantId === tenantId);

/** Keeps a select's value valid for an organisation that is not (or not yet known to be) connected. */
function unlistedOption(tenants: Tenants, tenantId: string | null | undefined) {
  if (tenantId == null || tenants?.some((t) => t.tenantId === tenantId)) return null;
  return <option value={tenantId}>{tenants ? `Not connected (${tenantId})` : tenantId}</option>;
}

/**
 * Which organisation a clinic's documents go to. `dropEmptyOverride`: "Same as default" also
 * removes an override left with nothing in it (the clinic table), rather than keeping an empty
 * one open in the clinic's own panel.
 */
export function setClinicOrganisation(
  draft: SyncSettings,
  clinicId: string,
  value: string | null | typeof INHERIT,
  { name, dropEmptyOverride = false }: { name?: string; dropEmptyOverride?: boolean } = {},
) {
  if (value === INHERIT) {
    const override = draft.clinics[clinicId];
    if (!override) return;
    delete override.tenantId;
    if (dropEmptyOverride && Object.keys(override).every((key) => key === 'name'))
      delete draft.clinics[clinicId];
    return;
  }
  draft.clinics[clinicId] ??= name && name !== clinicId ? { name } : {};
  draft.clinics[clinicId].tenantId = value;
}

interface ClinicOrganisationSelectProps {
  draft: SyncSettings;
  errors: FieldErrors;
  change: ChangeDraft;
  clinicId: string;
  clinicName: string;
  tenants: Tenants;
  label: string;
  dropEmptyOverride?: boolean;
}

/** A clinic's organisation: same as the default, one of the connected organisations, or none. */
export function ClinicOrganisationSelect({
  draft,
  errors,
  change,
  clinicId,
  clinicName,
  tenants,
  label,
  dropEmptyOverride,
}: ClinicOrganisationSelectProps) {
  const path = settingPath(clinicId, 'tenantId');
  const own = draft.clinics[clinicId]?.tenantId;
  const value = own === undefined ? INHERIT : (own ?? NONE);
  const lost = own != null && !isConnected(tenants, own);
  const warningId = `${fieldId(path)}-lost`;
  const describedBy = [errorProps(path, errors)['aria-describedby'], lost ? warningId : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <select
        id={fieldId(path)}
        aria-label={label}
        value={value}
        onChange={(e) =>
          change((d) =>
            setClinicOrganisation(d, clinicId, e.target.value === NONE ? null : e.target.value, {
              name: clinicName,
              dropEmptyOverride,
            }),
          )
        }
        aria-invalid={errors[path] || lost ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        <option value={INHERIT}>
          Same as default ({organisationName(tenants, draft.defaults.tenantId)})
        </option>
        {tenants?.map((t) => (
          <option key={t.tenantId} value={t.tenantId}>
            {t.name}
          </option>
        ))}
        {unlistedOption(tenants, own)}
        <option value={NONE}>{NONE_WORDS}</option>
      </select>
      {lost && (
        <p id={warningId} className="field-error">
          This organisation is no longer connected: nothing of this clinic is sent until you reconnect it from
          the popup or choose another.
        </p>
      )}
      <FieldError path={path} errors={errors} />
    </>
  );
}

function ConnectedOrganisations({ connection }: { connection: ConnectionView | undefined }) {
  if (!connection) return <div className="skeleton setup-skeleton-line" aria-hidden="true" />;
  if (connection.status === 'not-connected' || connection.tenants.length === 0) {
    return (
      <p className="setup-warning">
        Not connected to Xero. Open the extension’s popup (its button in the toolbar) and click Connect to
        Xero; the organisations you allow there appear here.
      </p>
    );
  }
  return (
    <>
      {connection.status === 'disconnected' && (
        <p className="setup-warning">
          Xero is disconnected: nothing is sent until you reconnect from the extension’s popup.
        </p>
      )}
      <ul aria-label="Connected organisations" className="setup-org-list">
        {connection.tenants.map((t) => (
          <li key={t.tenantId}>{t.name}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * Where documents go: the connected organisations, the default organisation, each clinic's
 * organisation, and a warning naming the clinics that have none (nothing of theirs is sent).
 */
export function OrganisationSection({ draft, errors, change }: SetupSectionProps) {
  const connection = useConnectionView().data;
  const directory = usePracticeDirectory().data ?? EMPTY_DIRECTORY;
  const tenants = connection?.tenants ?? null;
  const clinics = knownClinics(draft, directory);
  const defaultPath = settingPath(null, 'tenantId');
  const defaultTenant = draft.defaults.tenantId;
  const defaultLost = !isConnected(tenants, defaultTenant);
  const effective = (clinicId: string): ClinicSettings['tenantId'] =>
    settingsForClinic(draft, clinicId).tenantId;
  const withoutOrganisation = clinics.filter((c) => effective(c.id) === null);
  const lostWarningId = `${fieldId(defaultPath)}-lost`;

  return (
    <div>
      <h3 className="setup-subheading">Connected organisations</h3>
      <ConnectedOrganisations connection={connection} />

      <div className="setup-field">
        <label htmlFor={fieldId(defaultPath)}>Default organisation</label>
        <select
          id={fieldId(defaultPath)}
          value={defaultTenant ?? NONE}
          onChange={(e) =>
            change((d) => {
              d.defaults.tenantId = e.target.value === NONE ? null : e.target.value;
            })
          }
          aria-invalid={errors[defaultPath] || defaultLost ? true : undefined}
          aria-describedby={
            [errorProps(defaultPath, errors)['aria-describedby'], defaultLost ? lostWarningId : undefined]
              .filter(Boolean)
              .join(' ') || undefined
          }
        >
          <option value={NONE}>{NONE_WORDS}</option>
          {tenants?.map((t) => (
            <option key={t.tenantId} value={t.tenantId}>
              {t.name}
            </option>
          ))}
          {unlistedOption(tenants, defaultTenant)}
        </select>
        {defaultLost && (
          <p id={lostWarningId} className="field-error">
            This organisation is no longer connected: reconnect it from the popup or choose another.
          </p>
        )}
        <FieldError path={defaultPath} errors={errors} />
        <p className="muted setup-hint">
          Every clinic’s documents go here unless the clinic says otherwise below.
        </p>
      </div>

      <h3 className="setup-subheading">Organisation per clinic</h3>
      {clinics.length === 0 ? (
        <p className="muted">
          No clinics yet: they are listed here once the practice’s records have named them, or add one under
          Clinic overrides.
        </p>
      ) : (
        <div className="setup-table-wrap">
          <table className="setup-table">
            <thead>
              <tr>
                <th scope="col">Clinic</th>
                <th scope="col">Organisation</th>
              </tr>
            </thead>
            <tbody>
              {clinics.map((clinic) => (
                <tr key={clinic.id}>
                  <th scope="row">
                    {clinic.name}
                    {clinic.name !== clinic.id && <span className="muted"> ({clinic.id})</span>}
                  </th>
                  <td>
                    <ClinicOrganisationSelect
                      draft={draft}
                      errors={errors}
                      change={change}
                      clinicId={clinic.id}
                      clinicName={clinic.name}
                      tenants={tenants}
                      label={`Organisation for ${clinic.name}`}
                      dropEmptyOverride
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(withoutOrganisation.length > 0 || (clinics.length === 0 && defaultTenant === null)) && (
        <div role="alert" className="setup-warning" data-testid="clinics-without-organisation">
          {withoutOrganisation.length > 0 ? (
            <>
              <p>
                {withoutOrganisation.length === 1 ? 'This clinic has' : 'These clinics have'} no organisation:
                nothing of theirs is sent to Xero.
              </p>
              <ul>
                {withoutOrganisation.map((c) => (
                  <li key={c.id}>
                    {c.name}
                    {c.name !== c.id && ` (${c.id})`}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>No default organisation: nothing is sent to Xero until you choose one.</p>
          )}
        </div>
      )}
    </div>
  );
}
