import { accountLabel } from '../../../lib/setup/labels';
import { type AccountUse, accountOptions, accountProblem } from '../../../lib/setup/offer';
import type { ListsState } from './use-organisation-lists';
import { XeroPicker, type XeroPickerProps } from './XeroPicker';

type AccountSelectProps = Omit<XeroPickerProps, 'options' | 'currentLabel' | 'problem' | 'emptyLabel'> & {
  use: AccountUse;
  emptyLabel?: string;
};

/** How an account code reads with what Xero says of it: "200 — Sales", "250 — Old revenue (archived)". */
export function describeAccount(state: ListsState, code: string): string {
  if (state.status !== 'ready') return code;
  const account = state.lists.accounts.find((a) => a.code.toLowerCase() === code.toLowerCase());
  if (!account) return `${code} (not in Xero)`;
  const status = account.status.toUpperCase() === 'ACTIVE' ? '' : ` (${account.status.toLowerCase()})`;
  return `${accountLabel(account)}${status}`;
}

/** An account picker offering only the accounts Xero accepts for this use (revenue, payment, rounding). */
export function AccountSelect({ use, emptyLabel = '— Not mapped —', ...props }: AccountSelectProps) {
  const { state, value } = props;
  const ready = state.status === 'ready' ? state.lists : null;
  return (
    <XeroPicker
      {...props}
      emptyLabel={emptyLabel}
      options={
        ready ? accountOptions(ready, use).map((a) => ({ value: a.code, label: accountLabel(a) })) : []
      }
      currentLabel={(code) => describeAccount(state, code)}
      problem={ready && value ? accountProblem(ready, value, use) : null}
    />
  );
}
