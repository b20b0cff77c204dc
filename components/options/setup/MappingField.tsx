import { type MappingKey, mappingEntry, setMappingEntry } from '../../../lib/setup/draft-scope';
import type { AccountUse } from '../../../lib/setup/offer';
import { AccountSelect, describeAccount } from './AccountSelect';
import { fieldId } from './field-id';
import { ScopeNote } from './ScopeNote';
import { describeTaxRate, TaxRateSelect } from './TaxRateSelect';
import { type SetupSectionProps, settingPath } from './types';
import type { ListsState } from './use-organisation-lists';

export type MappingFieldProps = SetupSectionProps & {
  map: MappingKey;
  entryKey: string;
  label: string;
  hideLabel?: boolean;
  lists: ListsState;
} & ({ kind: 'account'; use: AccountUse } | { kind: 'tax' });

/**
 * One entry of a mapping (a category's account, a payment method's account, a tax name's rate)
 * in the section's scope: the picker, its validation message, and in a clinic's scope what it
 * inherits with Override / Use default. Editing in a clinic's scope writes only that key.
 */
export function MappingField(props: MappingFieldProps) {
  const { draft, errors, change, clinicId, map, entryKey, label, lists } = props;
  const path = settingPath(clinicId, map, entryKey);
  const entry = mappingEntry(draft, clinicId, map, entryKey);
  const set = (value: string | null) => change((d) => setMappingEntry(d, clinicId, map, entryKey, value));
  const describe = (value: string) =>
    props.kind === 'account' ? describeAccount(lists, value) : describeTaxRate(lists, value);
  const note = (
    <ScopeNote
      clinicId={clinicId}
      own={entry.own}
      inherited={entry.inherited === undefined ? null : describe(entry.inherited)}
      label={label}
      onOverride={entry.inherited === undefined ? null : () => set(entry.inherited!)}
      onUseDefault={() => set(null)}
    />
  );
  const common = {
    id: fieldId(path),
    label,
    hideLabel: props.hideLabel ?? false,
    state: lists,
    value: entry.value,
    error: errors[path],
    onChange: set,
  };
  return props.kind === 'account' ? (
    <AccountSelect {...common} use={props.use}>
      {note}
    </AccountSelect>
  ) : (
    <TaxRateSelect {...common}>{note}</TaxRateSelect>
  );
}
