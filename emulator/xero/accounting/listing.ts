import { queryParseException } from '../errors';
import { type EmulatorResponse, queryValue } from '../http';
import type { Json } from './body';
import type { AccountingCall } from './contract';
import { compileOrder, compileWhere, type EntitySchema, WhereError } from './where';
import { applyPaging, ok, parseIfModifiedSince, readPaging } from './wire';

/**
 * The shared GET-collection pipeline: If-Modified-Since → where → order → paging.
 * Default order is Xero's: UpdatedDateUTC ascending, then the id ascending.
 */
export interface ListSpec<R> {
  plural: string;
  schema: EntitySchema;
  records: readonly R[];
  id: (record: R) => string;
  updated: (record: R) => number;
  /** The wire form `where`/`order` see (and that is returned when `full` is not given). */
  wire: (record: R) => Json;
  /** The wire form returned for a page (line items included), if it differs. */
  paged?: (record: R) => Json;
  /** Extra filters from explicit parameters (IDs=, Statuses=, searchTerm=...). */
  filter?: (record: R) => boolean;
  /** Whether this resource pages (Accounts and TaxRates do not). */
  pageable: boolean;
  /** Use the given order instead of Xero's default (e.g. the chart of accounts). */
  defaultOrder?: (a: R, b: R) => number;
}

export function listResponse<R>(call: AccountingCall, spec: ListSpec<R>): EmulatorResponse {
  const { query, headers } = call.request;
  const since = parseIfModifiedSince(headers['if-modified-since']);
  let rows = spec.records
    .filter((r) => since === undefined || spec.updated(r) >= since)
    .filter((r) => spec.filter?.(r) ?? true)
    .map((record) => ({ record, wire: spec.wire(record) }));
  try {
    const where = queryValue(query, 'where');
    if (where !== undefined && where.trim() !== '') {
      const predicate = compileWhere(where, spec.schema);
      rows = rows.filter((row) => predicate(row.wire));
    }
    rows.sort(
      (a, b) =>
        spec.defaultOrder?.(a.record, b.record) ??
        (spec.updated(a.record) - spec.updated(b.record) ||
          spec.id(a.record).localeCompare(spec.id(b.record))),
    );
    const order = queryValue(query, 'order');
    if (order !== undefined && order.trim() !== '') {
      const comparator = compileOrder(order, spec.schema);
      rows.sort((a, b) => comparator(a.wire, b.wire)); // stable: ties keep the default order
    }
  } catch (error) {
    if (error instanceof WhereError) return queryParseException(error.message);
    throw error;
  }
  const paging = spec.pageable ? readPaging(query) : undefined;
  if (!paging)
    return ok(
      call,
      spec.plural,
      rows.map((row) => row.wire),
    );
  const page = applyPaging(rows, paging);
  const render = spec.paged ?? (() => undefined);
  return ok(
    call,
    spec.plural,
    page.items.map((row) => render(row.record) ?? row.wire),
    { pagination: page.pagination },
  );
}
