import { useState } from 'react';
import { mappingKeys } from '../../../lib/setup/draft-scope';
import { AddKey, keyNameProblem, unionKeys } from './AddKey';
import { ListsStatus } from './ListsStatus';
import { MappingField } from './MappingField';
import { DefaultPaymentAccountField } from './ScopedAccountField';
import { EMPTY_DIRECTORY, usePracticeDirectory } from './setup-data';
import type { SetupSectionProps } from './types';
import { scopeTenantId, useOrganisationLists } from './use-organisation-lists';

/** Payments: the Xero account each PMS payment method is paid into, and the account for any other method. */
export function PaymentsSection(props: SetupSectionProps) {
  const { draft, clinicId } = props;
  const view = useOrganisationLists(scopeTenantId(draft, clinicId));
  const directory = usePracticeDirectory().data ?? EMPTY_DIRECTORY;
  const [pending, setPending] = useState<string[]>([]);
  const methods = unionKeys(
    directory.paymentMethods,
    mappingKeys(draft, clinicId, 'paymentAccounts'),
    pending,
  );
  return (
    <div className="mappings">
      <p className="advice">
        Send payments to a clearing account (such as “Undeposited funds”, a bank-type or payments-enabled
        account) that the bank deposit is then reconciled against, never to a revenue account.
      </p>
      <ListsStatus view={view} />
      <div className="table-wrap">
        <table className="mapping-table">
          <thead>
            <tr>
              <th scope="col">Payment method</th>
              <th scope="col">Payment account</th>
            </tr>
          </thead>
          <tbody>
            {methods.map((method) => (
              <tr key={method}>
                <th scope="row">{method}</th>
                <td>
                  <MappingField
                    {...props}
                    lists={view.state}
                    kind="account"
                    use="payment"
                    map="paymentAccounts"
                    entryKey={method}
                    label={`Payment account for ${method}`}
                    hideLabel
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {methods.length === 0 && <p className="muted">No payment methods seen in the records yet.</p>}
      <AddKey
        label="Payment method"
        button="Add payment method"
        check={(name) => keyNameProblem(methods, name)}
        onAdd={(name) => setPending((p) => [...p, name])}
      />
      <DefaultPaymentAccountField {...props} lists={view.state} />
    </div>
  );
}
