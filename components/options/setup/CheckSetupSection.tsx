import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { sendRequest } from '../../../lib/messaging/client';
import type { SetupCheck, SetupProblem } from '../../../lib/setup/lists';
import { documentPath, fieldId, focusSetting } from './field-id';
import { settingName } from './setting-names';
import type { SetupSectionProps } from './types';

const time = (epochMs: number) =>
  new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Problems by clinic, the defaults first, then the clinics in the document's order; errors before warnings. */
function groupProblems(problems: SetupProblem[], clinicOrder: string[]) {
  const groups = new Map<string | null, SetupProblem[]>();
  for (const problem of problems) {
    const list = groups.get(problem.clinicId) ?? [];
    list.push(problem);
    groups.set(problem.clinicId, list);
  }
  const rank = (id: string | null) =>
    id === null ? -1 : clinicOrder.indexOf(id) === -1 ? 1e6 : clinicOrder.indexOf(id);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([clinicId, list]) => ({
      clinicId,
      problems: [...list].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)),
    }));
}

/**
 * "Check setup": sends the current draft to the engine's pre-flight (against the live
 * organisations) and lists what would fail, by clinic, each with a link to its field.
 */
export function CheckSetupSection({ draft }: SetupSectionProps) {
  const [checkedDraft, setCheckedDraft] = useState<string | null>(null);
  const check = useMutation<SetupCheck, Error, void>({
    mutationFn: () => sendRequest('sync.checkSetup', { document: draft }),
    onMutate: () => setCheckedDraft(JSON.stringify(draft)),
  });
  const clinicName = (id: string | null) =>
    id === null ? 'Defaults (every clinic)' : (draft.clinics?.[id]?.name ?? id);
  const changedSince = check.data && checkedDraft !== null && checkedDraft !== JSON.stringify(draft);

  return (
    <div className="check-setup">
      <p className="muted">
        Checks these settings (saved or not) against the live organisations: every category, tax rate and
        payment method mapped to something Xero accepts, and the lock dates. Nothing is sent.
      </p>
      <button type="button" className="primary" onClick={() => check.mutate()} disabled={check.isPending}>
        Check setup
      </button>
      <div className="check-results" aria-live="polite" aria-busy={check.isPending}>
        {check.isPending && <div className="skeleton skeleton-block" />}
        {!check.isPending && check.error && (
          <p className="error" role="alert">
            {check.error.message}
          </p>
        )}
        {!check.isPending && check.data && (
          <CheckResults
            check={check.data}
            clinicName={clinicName}
            clinicOrder={Object.keys(draft.clinics ?? {})}
          />
        )}
        {!check.isPending && changedSince && (
          <p className="muted">The settings changed since this check; check again to see their effect.</p>
        )}
      </div>
    </div>
  );
}

function CheckResults({
  check,
  clinicName,
  clinicOrder,
}: {
  check: SetupCheck;
  clinicName: (id: string | null) => string;
  clinicOrder: string[];
}) {
  const organisations = Object.values(check.organisations);
  const errors = check.problems.filter((p) => p.severity === 'error').length;
  const warnings = check.problems.length - errors;
  return (
    <>
      <p className="muted">
        Checked at {time(check.checkedAt)}
        {organisations.length > 0 && ` against ${organisations.join(', ')}`}.
      </p>
      {check.problems.length === 0 ? (
        <p className="ok">No problems found.</p>
      ) : (
        <p>
          {errors} {errors === 1 ? 'error' : 'errors'} (would fail), {warnings}{' '}
          {warnings === 1 ? 'warning' : 'warnings'}.
        </p>
      )}
      {groupProblems(check.problems, clinicOrder).map(({ clinicId, problems }) => (
        <div key={clinicId ?? ''} className="check-group">
          <h3>{clinicName(clinicId)}</h3>
          <ul>
            {problems.map((problem) => (
              <li
                key={`${problem.severity}|${problem.path}|${problem.message}`}
                className={`check-${problem.severity}`}
              >
                <strong>{problem.severity === 'error' ? 'Error' : 'Warning'}:</strong> {problem.message}{' '}
                <a
                  href={`#${fieldId(documentPath(clinicId, problem.path))}`}
                  onClick={(e) => {
                    // The page's hash addresses the options pages: focus the field without changing it.
                    e.preventDefault();
                    focusSetting(clinicId, problem.path);
                  }}
                >
                  {settingName(problem.path)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}
