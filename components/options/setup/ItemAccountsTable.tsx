import { useId, useState } from 'react';
import { mappingKeys } from '../../../lib/setup/draft-scope';
import type { PracticeDirectory } from '../../../lib/setup/lists';
import { AddKey, keyNameProblem, unionKeys } from './AddKey';
import { MappingField } from './MappingField';
import type { SetupSectionProps } from './types';
import type { ListsState } from './use-organisation-lists';

type Props = SetupSectionProps & { lists: ListsState; directory: PracticeDirectory };

/**
 * Item codes with their own revenue account (it wins over the category's): a table with a
 * search box, and "add by code" suggesting the codes the records used. An added code stays as a
 * row until an account is chosen for it (a mapping without an account is not a mapping).
 */
export function ItemAccountsTable(props: Props) {
  const { draft, clinicId, directory } = props;
  const searchId = useId();
  const [pending, setPending] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const descriptions = new Map(directory.itemCodes.map((i) => [i.code, i.description]));
  const codes = unionKeys(mappingKeys(draft, clinicId, 'itemAccounts'), pending);
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? codes.filter(
        (code) =>
          code.toLowerCase().includes(needle) ||
          (descriptions.get(code) ?? '').toLowerCase().includes(needle),
      )
    : codes;

  return (
    <>
      <h3>Item codes</h3>
      <p className="muted">An item code with its own revenue account uses it instead of its category’s.</p>
      <div className="row">
        <label htmlFor={searchId}>Search item codes</label>
        <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="table-wrap">
        <table className="mapping-table">
          <thead>
            <tr>
              <th scope="col">Item code</th>
              <th scope="col">Description</th>
              <th scope="col">Revenue account</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((code) => (
              <tr key={code}>
                <th scope="row">{code}</th>
                <td>{descriptions.get(code) ?? ''}</td>
                <td>
                  <MappingField
                    {...props}
                    kind="account"
                    use="revenue"
                    map="itemAccounts"
                    entryKey={code}
                    label={`Revenue account for item code ${code}`}
                    hideLabel
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {codes.length === 0 && <p className="muted">No item code has its own account.</p>}
      {codes.length > 0 && shown.length === 0 && <p className="muted">No item code matches “{search}”.</p>}
      <AddKey
        label="Item code"
        button="Add item code"
        maxLength={64}
        check={(code) => keyNameProblem(codes, code, 64)}
        onAdd={(code) => {
          setPending((p) => [...p, code]);
          setSearch('');
        }}
        suggestions={directory.itemCodes
          .filter((i) => !codes.includes(i.code))
          .map((i) => ({ value: i.code, label: i.description }))}
      />
    </>
  );
}
