import { OPERATION_LABELS, STATUS_LABELS } from '../../../lib/log/labels';
import type { LogFacets } from '../../../lib/log/types';
import { OP_KINDS, ROW_STATUSES } from '../../../lib/log/types';
import type { FilterState } from './log-filters';

interface Props {
  filters: FilterState;
  /** What is typed in the search box (it reaches `filters.q` a moment later). */
  search: string;
  facets: LogFacets | undefined;
  onChange: (change: Partial<FilterState>) => void;
  onSearch: (text: string) => void;
}

/** The log's filters: labelled selects, two days, and a search box. */
export function LogFiltersBar({ filters, search, facets, onChange, onSearch }: Props) {
  return (
    <fieldset className="log-filters">
      <legend>Filter the log</legend>
      <label>
        Status
        <select value={filters.status} onChange={(e) => onChange({ status: e.target.value })}>
          <option value="">All statuses</option>
          {ROW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Operation
        <select value={filters.kind} onChange={(e) => onChange({ kind: e.target.value })}>
          <option value="">All operations</option>
          {OP_KINDS.map((k) => (
            <option key={k} value={k}>
              {OPERATION_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Clinic
        <select value={filters.clinic} onChange={(e) => onChange({ clinic: e.target.value })}>
          <option value="">All clinics</option>
          {facets?.clinics.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          {filters.clinic && !facets?.clinics.some((c) => c.id === filters.clinic) && (
            <option value={filters.clinic}>{filters.clinic}</option>
          )}
        </select>
      </label>
      <label>
        Organisation
        <select value={filters.org} onChange={(e) => onChange({ org: e.target.value })}>
          <option value="">All organisations</option>
          {facets?.organisations.map((o) => (
            <option key={o.tenantId} value={o.tenantId}>
              {o.name}
            </option>
          ))}
          {filters.org && !facets?.organisations.some((o) => o.tenantId === filters.org) && (
            <option value={filters.org}>{filters.org}</option>
          )}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => onChange({ from: e.target.value })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => onChange({ to: e.target.value })}
        />
      </label>
      <label className="log-search">
        Search number or patient
        <input type="search" value={search} maxLength={100} onChange={(e) => onSearch(e.target.value)} />
      </label>
    </fieldset>
  );
}
