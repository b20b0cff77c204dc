import { type LogFilters, OP_KINDS, ROW_STATUSES } from '../../../lib/log/types';

/**
 * The log's filters as the user sets them, kept in the page's hash (`#log?status=failed&q=jane`)
 * so a reload, a bookmark or a link from the popup opens the same view. Dates are days in the
 * user's time zone (the inputs' YYYY-MM-DD), turned into times only for the query.
 */
export interface FilterState {
  status: string;
  kind: string;
  clinic: string;
  org: string;
  from: string;
  to: string;
  q: string;
}

export const NO_FILTERS: FilterState = { status: '', kind: '', clinic: '', org: '', from: '', to: '', q: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromHash(hash: string): FilterState {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  const pick = (name: keyof FilterState, ok: (v: string) => boolean) => {
    const value = params.get(name) ?? '';
    return ok(value) ? value : '';
  };
  return {
    status: pick('status', (v) => (ROW_STATUSES as readonly string[]).includes(v)),
    kind: pick('kind', (v) => (OP_KINDS as readonly string[]).includes(v)),
    clinic: pick('clinic', (v) => v.length <= 64),
    org: pick('org', (v) => v.length <= 64),
    from: pick('from', (v) => DAY.test(v)),
    to: pick('to', (v) => DAY.test(v)),
    q: pick('q', (v) => v.length <= 100),
  };
}

export function hashOfFilters(page: string, filters: FilterState): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const query = params.toString();
  return `#${page}${query ? `?${query}` : ''}`;
}

/** Local midnight of a YYYY-MM-DD day, plus `days`. */
function localDay(day: string, days = 0): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + days).getTime();
}

/** The query the filters ask for. */
export function queryOfFilters(filters: FilterState): LogFilters {
  const query: LogFilters = {};
  if (filters.status) query.status = filters.status as LogFilters['status'];
  if (filters.kind) query.kind = filters.kind as LogFilters['kind'];
  if (filters.clinic) query.clinicId = filters.clinic;
  if (filters.org) query.tenantId = filters.org;
  if (filters.from) query.since = localDay(filters.from);
  if (filters.to) query.until = localDay(filters.to, 1) - 1;
  if (filters.q.trim()) query.search = filters.q.trim();
  return query;
}
