import { useState } from 'react';
import {
  addCategory,
  categoryMappedIn,
  categoryNameProblem,
  removeCategory,
  renameCategory,
} from '../../../lib/setup/categories';
import type { PracticeDirectory } from '../../../lib/setup/lists';
import { AddKey } from './AddKey';
import { fieldId } from './field-id';
import { MappingField } from './MappingField';
import type { SetupSectionProps } from './types';
import type { ListsState } from './use-organisation-lists';

type Props = SetupSectionProps & { lists: ListsState; directory: PracticeDirectory };

/**
 * The category list with each category's revenue account and tax rate. The list itself is
 * edited only in the defaults (a clinic overrides a category's mapping, not the list): add,
 * rename (its mappings move along, in every clinic too), remove (asks first when it is mapped).
 */
export function CategoriesTable(props: Props) {
  const { draft, errors, change, clinicId, directory } = props;
  const categories = draft.categories ?? [];
  const editable = !clinicId;
  const [renaming, setRenaming] = useState<{ from: string; name: string; problem: string | null } | null>(
    null,
  );
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const unlisted = directory.categories.filter((c) => !categories.includes(c));

  const clinicName = (id: string | null) =>
    id === null ? 'the defaults' : (draft.clinics?.[id]?.name ?? id);
  const askRemove = (category: string) => {
    if (categoryMappedIn(draft, category).length === 0) change((d) => removeCategory(d, category));
    else setConfirmRemove(category);
  };
  const saveRename = () => {
    if (!renaming) return;
    const problem = categoryNameProblem(categories, renaming.name, renaming.from);
    if (problem) {
      setRenaming({ ...renaming, problem });
      return;
    }
    change((d) => renameCategory(d, renaming.from, renaming.name));
    setRenaming(null);
  };

  return (
    <>
      <h3>Categories</h3>
      <p className="muted">
        Every line of a PMS record has a category. Its revenue account applies unless the line’s item code has
        its own; its tax rate applies when the line’s PMS tax name is not mapped below.
      </p>
      <div className="table-wrap">
        <table className="mapping-table">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Revenue account</th>
              <th scope="col">Tax rate</th>
              {editable && <th scope="col">Change</th>}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, index) => {
              const nameError = errors[`categories.${index}`];
              const isRenaming = renaming?.from === category;
              const renameId = `${fieldId(`categories.${index}`)}-rename`;
              return (
                <tr key={category}>
                  <th scope="row" id={fieldId(`categories.${index}`)} tabIndex={-1}>
                    {isRenaming ? (
                      <span className="row">
                        <label htmlFor={renameId} className="visually-hidden">
                          New name for {category}
                        </label>
                        <input
                          id={renameId}
                          type="text"
                          value={renaming.name}
                          maxLength={100}
                          aria-invalid={renaming.problem ? true : undefined}
                          aria-describedby={renaming.problem ? `${renameId}-problem` : undefined}
                          onChange={(e) => setRenaming({ ...renaming, name: e.target.value, problem: null })}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') {
                              e.preventDefault();
                              saveRename();
                            } else if (e.key === 'Escape') setRenaming(null);
                          }}
                        />
                        {renaming.problem && (
                          <span id={`${renameId}-problem`} className="field-note error">
                            {renaming.problem}
                          </span>
                        )}
                      </span>
                    ) : (
                      category
                    )}
                    {nameError && <span className="field-note error">{nameError}</span>}
                  </th>
                  <td>
                    <MappingField
                      {...props}
                      kind="account"
                      use="revenue"
                      map="revenueAccounts"
                      entryKey={category}
                      label={`Revenue account for ${category}`}
                      hideLabel
                    />
                  </td>
                  <td>
                    <MappingField
                      {...props}
                      kind="tax"
                      map="categoryTaxRates"
                      entryKey={category}
                      label={`Tax rate for ${category}`}
                      hideLabel
                    />
                  </td>
                  {editable && (
                    <td>
                      {isRenaming ? (
                        <span className="row">
                          <button type="button" className="small" onClick={saveRename}>
                            Save name
                          </button>
                          <button type="button" className="small" onClick={() => setRenaming(null)}>
                            Cancel
                          </button>
                        </span>
                      ) : (
                        <span className="row">
                          <button
                            type="button"
                            className="small"
                            aria-label={`Rename ${category}`}
                            onClick={() => setRenaming({ from: category, name: category, problem: null })}
                          >
                            Rename
                          </button>
                          <button
                            type="button"
                            className="small"
                            aria-label={`Remove ${category}`}
                            onClick={() => askRemove(category)}
                          >
                            Remove
                          </button>
                        </span>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {categories.length === 0 && <p className="muted">No categories yet.</p>}
      {confirmRemove && (
        <div className="confirm" role="alert">
          “{confirmRemove}” is mapped in {categoryMappedIn(draft, confirmRemove).map(clinicName).join(', ')}.
          Removing it removes those mappings too.{' '}
          <button
            type="button"
            className="small"
            onClick={() => {
              change((d) => removeCategory(d, confirmRemove));
              setConfirmRemove(null);
            }}
          >
            Remove {confirmRemove} and its mappings
          </button>{' '}
          <button type="button" className="small" onClick={() => setConfirmRemove(null)}>
            Keep it
          </button>
        </div>
      )}
      {editable && (
        <AddKey
          label="New category"
          button="Add category"
          check={(name) => categoryNameProblem(categories, name)}
          onAdd={(name) => change((d) => addCategory(d, name))}
          suggestions={unlisted.map((c) => ({ value: c }))}
        />
      )}
      {editable && unlisted.length > 0 && (
        <div className="unlisted">
          <p className="muted">The records use categories that are not in the list:</p>
          <ul>
            {unlisted.map((category) => (
              <li key={category}>
                {category}{' '}
                <button
                  type="button"
                  className="small"
                  aria-label={`Add ${category} to the list`}
                  onClick={() => change((d) => addCategory(d, category))}
                >
                  Add to list
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
