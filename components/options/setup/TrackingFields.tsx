import type { ClinicSettings } from '../../../lib/settings/sync-settings';
import { clearScopedSetting, scopedSetting, setScopedSetting } from '../../../lib/setup/draft-scope';
import type { PracticeDirectory, XeroTrackingCategoryOption } from '../../../lib/setup/lists';
import { fieldId } from './field-id';
import { ScopeNote } from './ScopeNote';
import { type SetupSectionProps, settingPath } from './types';
import type { ListsState } from './use-organisation-lists';
import { XeroPicker } from './XeroPicker';

type Tracking = ClinicSettings['tracking'];
type Dimension = keyof Tracking;

const active = (status: string) => status.toUpperCase() === 'ACTIVE';
const WORDS: Record<Dimension, { plural: string; one: string }> = {
  clinic: { plural: 'clinics', one: 'clinic' },
  practitioner: { plural: 'practitioners', one: 'practitioner' },
};

function categoryProblem(lists: ListsState, name: string): string | null {
  if (lists.status !== 'ready') return null;
  const category = lists.lists.trackingCategories.find((c) => c.name === name);
  if (!category) return `Tracking category “${name}” is not in ${lists.lists.organisationName}.`;
  if (!active(category.status))
    return `Tracking category “${name}” is archived in ${lists.lists.organisationName}.`;
  return null;
}

function optionProblem(category: XeroTrackingCategoryOption | undefined, option: string, chosen: boolean) {
  if (!category) return null;
  const found = category.options.find((o) => o.name === option);
  if (!found) {
    return chosen
      ? `“${option}” is not an option of ${category.name}.`
      : `${category.name} has no option “${option}”: choose one, or add it in Xero.`;
  }
  if (!active(found.status)) return `“${option}” is archived in ${category.name}.`;
  return null;
}

/**
 * Tracking: clinics and/or practitioners → a Xero tracking category, and per clinic or
 * practitioner the option its lines carry (by default one named like it, as the engine does).
 */
export function TrackingFields(
  props: SetupSectionProps & { lists: ListsState; directory: PracticeDirectory },
) {
  const { draft, change, clinicId } = props;
  const setting = scopedSetting(draft, clinicId, 'tracking');
  const tracking: Tracking = setting.value ?? { clinic: null, practitioner: null };
  const update = (recipe: (t: Tracking) => void) =>
    change((d) => {
      const next = structuredClone(
        scopedSetting(d, clinicId, 'tracking').value ?? { clinic: null, practitioner: null },
      );
      recipe(next);
      setScopedSetting(d, clinicId, 'tracking', next);
    });
  const inherited = setting.inherited;
  const describeInherited = (t: Tracking | undefined) =>
    t
      ? [
          t.clinic && `clinics → ${t.clinic.category}`,
          t.practitioner && `practitioners → ${t.practitioner.category}`,
        ]
          .filter(Boolean)
          .join(', ') || 'none'
      : 'none';
  return (
    <div id={fieldId(settingPath(clinicId, 'tracking'))} tabIndex={-1}>
      <h3>Tracking</h3>
      <p className="muted">
        Tag each line in Xero with its clinic and/or practitioner, as a tracking category’s option.
      </p>
      <ScopeNote
        clinicId={clinicId}
        own={setting.own}
        inherited={describeInherited(inherited)}
        label="Tracking"
        onOverride={() => update(() => {})}
        onUseDefault={() => change((d) => clinicId && clearScopedSetting(d, clinicId, 'tracking'))}
      />
      {(['clinic', 'practitioner'] as const).map((dimension) => (
        <TrackingDimension
          key={dimension}
          {...props}
          dimension={dimension}
          mapping={tracking[dimension]}
          update={update}
        />
      ))}
    </div>
  );
}

function TrackingDimension(
  props: SetupSectionProps & {
    lists: ListsState;
    directory: PracticeDirectory;
    dimension: Dimension;
    mapping: Tracking[Dimension];
    update: (recipe: (t: Tracking) => void) => void;
  },
) {
  const { errors, clinicId, lists, directory, dimension, mapping, update } = props;
  const words = WORDS[dimension];
  const categoryPath = settingPath(clinicId, 'tracking', dimension, 'category');
  const ready = lists.status === 'ready' ? lists.lists : null;
  const categories = ready?.trackingCategories ?? [];
  const category = mapping ? categories.find((c) => c.name === mapping.category) : undefined;
  const people = dimension === 'clinic' ? directory.clinics : directory.practitioners;
  const names = new Map(people.map((p) => [p.id, p.name]));
  const ids = [...new Set([...people.map((p) => p.id), ...Object.keys(mapping?.options ?? {})])];
  return (
    <div className="tracking-dimension">
      <XeroPicker
        id={fieldId(categoryPath)}
        label={`Tracking category for ${words.plural}`}
        state={lists}
        emptyLabel="— No tracking —"
        options={categories.filter((c) => active(c.status)).map((c) => ({ value: c.name, label: c.name }))}
        value={mapping?.category}
        currentLabel={(name) => {
          const problem = categoryProblem(lists, name);
          return problem ? `${name} (${category ? 'archived' : 'not in Xero'})` : name;
        }}
        problem={mapping ? categoryProblem(lists, mapping.category) : null}
        error={errors[categoryPath]}
        onChange={(name) =>
          update((t) => {
            t[dimension] = name === null ? null : { category: name, options: {} };
          })
        }
      />
      {mapping && (
        <div className="table-wrap">
          <table className="mapping-table">
            <thead>
              <tr>
                <th scope="col">{dimension === 'clinic' ? 'Clinic' : 'Practitioner'}</th>
                <th scope="col">Option in {mapping.category}</th>
              </tr>
            </thead>
            <tbody>
              {ids.map((id) => {
                const name = names.get(id) ?? id;
                const path = settingPath(clinicId, 'tracking', dimension, 'options', id);
                const chosen = mapping.options[id];
                return (
                  <tr key={id}>
                    <th scope="row">{name}</th>
                    <td>
                      <XeroPicker
                        id={fieldId(path)}
                        label={`Tracking option for ${name}`}
                        hideLabel
                        state={lists}
                        emptyLabel={`Its own name: “${name}”`}
                        options={(category?.options ?? [])
                          .filter((o) => active(o.status))
                          .map((o) => ({ value: o.name, label: o.name }))}
                        value={chosen}
                        currentLabel={(option) =>
                          category?.options.some((o) => o.name === option)
                            ? `${option} (archived)`
                            : `${option} (not in Xero)`
                        }
                        problem={optionProblem(category, chosen ?? name, chosen !== undefined)}
                        error={errors[path]}
                        onChange={(option) =>
                          update((t) => {
                            const own = t[dimension];
                            if (!own) return;
                            if (option === null) delete own.options[id];
                            else own.options[id] = option;
                          })
                        }
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {ids.length === 0 && <p className="muted">No {words.plural} seen in the records yet.</p>}
          <p className="muted">
            A {words.one} without a chosen option uses the option named like the {words.one}.
          </p>
        </div>
      )}
    </div>
  );
}
