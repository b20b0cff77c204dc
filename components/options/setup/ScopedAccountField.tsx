import { clearScopedSetting, scopedSetting, setScopedSetting } from '../../../lib/setup/draft-scope';
import { AccountSelect, describeAccount } from './AccountSelect';
import { fieldId } from './field-id';
import { ScopeNote } from './ScopeNote';
import { type SetupSectionProps, settingPath } from './types';
import type { ListsState } from './use-organisation-lists';

/** The default payment account in the section's scope (a clinic replaces it whole). */
export function DefaultPaymentAccountField(props: SetupSectionProps & { lists: ListsState }) {
  const { draft, errors, change, clinicId, lists } = props;
  const path = settingPath(clinicId, 'defaultPaymentAccount');
  const setting = scopedSetting(draft, clinicId, 'defaultPaymentAccount');
  const label = 'Default payment account';
  return (
    <AccountSelect
      id={fieldId(path)}
      label={label}
      use="payment"
      emptyLabel="— None (a payment by a method not listed is not sent) —"
      state={lists}
      value={setting.value}
      error={errors[path]}
      onChange={(code) => change((d) => setScopedSetting(d, clinicId, 'defaultPaymentAccount', code))}
    >
      <ScopeNote
        clinicId={clinicId}
        own={setting.own}
        inherited={setting.inherited ? describeAccount(lists, setting.inherited) : null}
        label={label}
        onOverride={() =>
          change((d) => setScopedSetting(d, clinicId, 'defaultPaymentAccount', setting.inherited ?? null))
        }
        onUseDefault={() =>
          change((d) => clinicId && clearScopedSetting(d, clinicId, 'defaultPaymentAccount'))
        }
      />
    </AccountSelect>
  );
}
