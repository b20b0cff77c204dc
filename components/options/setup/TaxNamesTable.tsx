import { useState } from 'react';
import { mappingKeys } from '../../../lib/setup/draft-scope';
import { formatRate } from '../../../lib/setup/labels';
import type { PracticeDirectory } from '../../../lib/setup/lists';
import { AddKey, keyNameProblem, unionKeys } from './AddKey';
import { MappingField } from './MappingField';
import type { SetupSectionProps } from './types';
import type { ListsState } from './use-organisation-lists';

type Props = SetupSectionProps & { lists: ListsState; directory: PracticeDirectory };

/** The Xero tax rate for each tax name the PMS puts on its lines (with the rate the PMS gave it). */
export function TaxNamesTable(props: Props) {
  const { draft, clinicId, directory } = props;
  const [pending, setPending] = useState<string[]>([]);
  const pmsRates = new Map(directory.taxNames.map((t) => [t.name, t.ratePercent]));
  const names = unionKeys(
    directory.taxNames.map((t) => t.name),
    mappingKeys(draft, clinicId, 'taxRates'),
    pending,
  );
  return (
    <>
      <h3>PMS tax names</h3>
      <p className="muted">
        A line’s tax name in the PMS decides its Xero tax rate; a line whose tax name is not mapped here uses
        its category’s.
      </p>
      <div className="table-wrap">
        <table className="mapping-table">
          <thead>
            <tr>
              <th scope="col">PMS tax name</th>
              <th scope="col">Rate in the PMS</th>
              <th scope="col">Xero tax rate</th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const rate = pmsRates.get(name);
              return (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{rate === undefined ? '' : `${formatRate(rate)} %`}</td>
                  <td>
                    <MappingField
                      {...props}
                      kind="tax"
                      map="taxRates"
                      entryKey={name}
                      label={`Xero tax rate for ${name}`}
                      hideLabel
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {names.length === 0 && <p className="muted">No tax names seen in the records yet.</p>}
      <AddKey
        label="Tax name"
        button="Add tax name"
        check={(name) => keyNameProblem(names, name)}
        onAdd={(name) => setPending((p) => [...p, name])}
      />
    </>
  );
}
