import type { ClinicSettings } from '../../../lib/settings/sync-settings';
import { clearScopedSetting, scopedSetting, setScopedSetting } from '../../../lib/setup/draft-scope';
import { AccountSelect, describeAccount } from './AccountSelect';
import { fieldId } from './field-id';
import { ScopeNote } from './ScopeNote';
import { TaxRateSelect } from './TaxRateSelect';
import { type SetupSectionProps, settingPath } from './types';
import type { ListsState } from './use-organisation-lists';

/**
 * The rounding account and its 0 % tax rate, or none. The engine adds a rounding line when
 * Xero's total (it rounds each line to the cent) differs from the PMS total by up to 5 c.
 */
export function RoundingFields(props: SetupSectionProps & { lists: ListsState }) {
  const { draft, errors, change, clinicId, lists } = props;
  const setting = scopedSetting(draft, clinicId, 'rounding');
  const rounding = setting.value ?? null;
  const set = (value: ClinicSettings['rounding']) =>
    change((d) => setScopedSetting(d, clinicId, 'rounding', value));
  const accountPath = settingPath(clinicId, 'rounding', 'accountCode');
  const taxPath = settingPath(clinicId, 'rounding', 'taxType');
  const rootError = errors[settingPath(clinicId, 'rounding')];
  return (
    <div id={fieldId(settingPath(clinicId, 'rounding'))} tabIndex={-1}>
      <h3>Rounding</h3>
      <div className="row">
        <AccountSelect
          id={fieldId(accountPath)}
          label="Rounding account"
          use="rounding"
          emptyLabel="— None —"
          state={lists}
          value={rounding?.accountCode}
          error={errors[accountPath]}
          onChange={(code) =>
            set(code === null ? null : { accountCode: code, taxType: rounding?.taxType ?? '' })
          }
        />
        {rounding && (
          <TaxRateSelect
            id={fieldId(taxPath)}
            label="Rounding tax rate (0 %)"
            zeroOnly
            emptyLabel="— Choose a 0 % rate —"
            state={lists}
            value={rounding.taxType || null}
            error={errors[taxPath]}
            onChange={(taxType) => set({ accountCode: rounding.accountCode, taxType: taxType ?? '' })}
          />
        )}
      </div>
      {rootError && <p className="field-note error">{rootError}</p>}
      <ScopeNote
        clinicId={clinicId}
        own={setting.own}
        inherited={setting.inherited ? describeAccount(lists, setting.inherited.accountCode) : 'none'}
        label="Rounding"
        onOverride={() => change((d) => setScopedSetting(d, clinicId, 'rounding', setting.inherited ?? null))}
        onUseDefault={() => change((d) => clinicId && clearScopedSetting(d, clinicId, 'rounding'))}
      />
      <p className="muted">
        {rounding
          ? 'When Xero’s total (it rounds each line to the cent) differs from the PMS total by up to 5 c, a rounding line on this account makes up the difference, so the document in Xero totals exactly what the PMS says.'
          : 'Without a rounding account, a document whose Xero total differs from the PMS total by a few cents of rounding is not sent; the sync log says why.'}
      </p>
    </div>
  );
}
