import type { EmulatorResponse } from '../http';
import { json, queryValue, queryValues } from '../http';
import type { AccountingCall } from './contract';

/** Xero's wire format: .NET JSON dates, the response envelope, GUIDs, paging (reference §4). */

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/Invoices/{InvoiceID or InvoiceNumber}` and `/Contacts/{ContactID or ContactNumber}` are told apart by GUID shape. */
export const isGuid = (value: string): boolean => GUID_RE.test(value);

export const newId = (): string => crypto.randomUUID();

/** Calendar date `YYYY-MM-DD` → ms at UTC midnight. */
export function dateToMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

/** Date / DueDate / FullyPaidOnDate on the wire: `/Date(1539993600000+0000)/`. */
export const wireDate = (date: string): string => `/Date(${dateToMs(date)}+0000)/`;

/** DateString / DueDateString: `2018-10-20T00:00:00`. */
export const wireDateString = (date: string): string => `${date}T00:00:00`;

/** UpdatedDateUTC and the envelope's DateTimeUTC: `/Date(1552326816230)/`. */
export const wireInstant = (ms: number): string => `/Date(${ms})/`;

/** UpdatedDateUTCString: `2019-11-14T18:10:38Z` (second precision). */
export const wireInstantString = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** Today's date in the organisation's timezone (Xero's default for a missing Date). */
export function todayIn(timeZone: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function isValidCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A request date: `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm:ss[.fff][Z|±hh:mm]` (time ignored, as Xero
 * keeps dates only) or an echoed `/Date(ms[+hhmm])/`. Returns `YYYY-MM-DD`, or undefined.
 */
export function parseRequestDate(value: string): string | undefined {
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return isValidCalendarDate(y, m, d) ? `${iso[1]}-${iso[2]}-${iso[3]}` : undefined;
  }
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (ms) {
    const date = new Date(Number(ms[1]));
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  }
  return undefined;
}

/** `If-Modified-Since`: RFC 1123 or ISO 8601; an ISO value without a zone is UTC (Xero's convention). */
export function parseIfModifiedSince(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  const isoNoZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
  const ms = Date.parse(isoNoZone ? `${text}Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The envelope every Accounting API answer is wrapped in. */
export function envelope(call: AccountingCall, key: string, items: unknown[], extra: object = {}): object {
  return {
    Id: newId(),
    Status: 'OK',
    ProviderName: call.providerName,
    DateTimeUTC: wireInstant(call.now.getTime()),
    ...extra,
    [key]: items,
  };
}

export const ok = (
  call: AccountingCall,
  key: string,
  items: unknown[],
  extra: object = {},
): EmulatorResponse => json(200, envelope(call, key, items, extra));

export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * `page` (1-based) switches paging on; `pageSize` defaults to 100 and is clamped to 1..1000.
 * Without `page` the whole (summarised) list is returned and there is no `pagination` object.
 */
export function readPaging(query: URLSearchParams): Paging | undefined {
  const pageText = queryValue(query, 'page');
  if (pageText === undefined || pageText.trim() === '') return undefined;
  const page = Number.parseInt(pageText, 10);
  if (Number.isNaN(page)) return undefined;
  const sizeText = queryValue(query, 'pageSize');
  const parsedSize = sizeText === undefined ? Number.NaN : Number.parseInt(sizeText, 10);
  const pageSize = Number.isNaN(parsedSize) ? 100 : Math.min(1000, Math.max(1, parsedSize));
  return { page: Math.max(1, page), pageSize };
}

export function applyPaging<T>(items: T[], paging: Paging): { items: T[]; pagination: object } {
  const start = (paging.page - 1) * paging.pageSize;
  return {
    items: items.slice(start, start + paging.pageSize),
    pagination: {
      page: paging.page,
      pageSize: paging.pageSize,
      pageCount: Math.ceil(items.length / paging.pageSize),
      itemCount: items.length,
    },
  };
}

/** `true` query flags (name and value) are case-insensitive (`includeArchived=True` from .NET SDKs). */
export const queryFlag = (query: URLSearchParams, name: string): boolean =>
  (queryValue(query, name) ?? '').toLowerCase() === 'true';

/** Comma-separated list parameters (`IDs=a,b`, `Statuses=DRAFT,AUTHORISED`). */
export function queryList(query: URLSearchParams, name: string): string[] | undefined {
  const values = queryValues(query, name);
  if (values.length === 0) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().replace(/^"(.*)"$/, '$1'))
    .filter((v) => v !== '');
}

/** `unitdp=4` opts in to 4 dp unit amounts; anything else means Xero's default of 2. */
export const unitDp = (query: URLSearchParams): 2 | 4 => (queryValue(query, 'unitdp') === '4' ? 4 : 2);
