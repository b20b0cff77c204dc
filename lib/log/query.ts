import Dexie, { type IndexableType, type WhereClause } from 'dexie';
import type { EngineDb } from '../engine/db';
import { docKeyOf, linkKeyOf, parseDocKey, sourceOfKey } from '../engine/keys';
import { padTime, searchTerms, searchWords, termEntry } from '../engine/log-index';
import type { OrganisationFacts } from '../engine/mapping/organisation';
import type { DocKind, Link, LogEntry, Operation, StoredRecord } from '../engine/types';
import { type DeepLinkKind, xeroDeepLink } from '../xero/deep-links';
import {
  DEFAULT_PAGE_SIZE,
  type LogFacets,
  type LogFilters,
  type LogPage,
  type LogQuery,
  type LogRow,
  MAX_PAGE_SIZE,
} from './types';

/**
 * The sync log, read a page at a time. Rows are operations (and links that wait for "Void in
 * Xero"), newest first by `logKey` (last change, then a unique tie-breaker). A page is read off
 * one index with keyset bounds — never an offset, never the whole table: the index that covers
 * the most selective filter given is walked from the cursor, and filters the index does not
 * cover are checked on the rows as they come, in growing chunks.
 */

/** Larger chunks once a filter turns out to drop rows; still a bounded read each time. */
const MAX_CHUNK = 1000;

type Direction = 'desc' | 'asc';

interface Bounds {
  lo: string;
  loOpen: boolean;
  hi: string;
  hiOpen: boolean;
}

/** How one index reads a range of log keys: its name and the index key for a log key. */
interface IndexPath {
  index: string;
  key: (logKey: string) => IndexableType;
}

/** Counts the rows a query reads, so tests can prove a page is read through an index. */
export interface ReadCounter {
  rows: number;
}

/** The one thing read from a table: a range of one of its indexes. */
type Ranged<T> = { where(index: string): WhereClause<T, IndexableType, Partial<T>> };

async function readOrdered<T extends { logKey?: string }>(
  table: Ranged<T>,
  path: IndexPath,
  bounds: Bounds,
  direction: Direction,
  keep: (row: T) => boolean,
  want: number,
  counter?: ReadCounter,
): Promise<T[]> {
  const found: T[] = [];
  let { lo, loOpen, hi, hiOpen } = bounds;
  let size = want;
  while (found.length < want && lo <= hi) {
    let collection = table.where(path.index).between(path.key(lo), path.key(hi), !loOpen, !hiOpen);
    if (direction === 'desc') collection = collection.reverse();
    const chunk = await collection.limit(size).toArray();
    if (counter) counter.rows += chunk.length;
    for (const row of chunk) {
      if (keep(row)) found.push(row);
      if (found.length === want) break;
    }
    if (chunk.length < size) break;
    const last = chunk.at(-1)!.logKey!;
    if (direction === 'desc') {
      hi = last;
      hiOpen = true;
    } else {
      lo = last;
      loOpen = true;
    }
    size = Math.min(size * 2, MAX_CHUNK);
  }
  return found;
}

/** What a search looks for: its words (stop words dropped, as the index drops them). */
function searchPlan(search: string | undefined): string[] {
  if (!search) return [];
  const indexable = new Set(searchTerms(search));
  // A word is looked for as the start of a label's word; the index has prefixes of two letters on.
  return searchWords(search).filter((word) => indexable.has(word));
}

function matchesWords(label: string, words: string[]): boolean {
  if (words.length === 0) return true;
  const terms = new Set(searchTerms(label));
  return words.every((word) => terms.has(word));
}

function operationPath(filters: LogFilters, words: string[]): IndexPath {
  if (words.length > 0) {
    // The longest word is the rarest, as a rule: its entries are the fewest to walk.
    const term = [...words].sort((a, b) => b.length - a.length)[0]!;
    return { index: 'logTerms', key: (k) => termEntry(term, k) };
  }
  const { status, clinicId, kind, tenantId } = filters;
  if (status && status !== 'synced') return { index: '[logStatus+logKey]', key: (k) => [status, k] };
  if (clinicId) return { index: '[clinicId+logKey]', key: (k) => [clinicId, k] };
  if (kind) return { index: '[kind+logKey]', key: (k) => [kind, k] };
  if (tenantId) return { index: '[tenantId+logKey]', key: (k) => [tenantId, k] };
  if (status) return { index: '[logStatus+logKey]', key: (k) => [status, k] };
  return { index: 'logKey', key: (k) => k };
}

function operationFilter(filters: LogFilters, words: string[]) {
  return (op: Operation) =>
    (!filters.status || op.logStatus === filters.status) &&
    (!filters.kind || op.kind === filters.kind) &&
    (!filters.clinicId || op.clinicId === filters.clinicId) &&
    (!filters.tenantId || op.tenantId === filters.tenantId) &&
    matchesWords(op.label, words);
}

/** Documents deleted in the PMS wait for "Void in Xero" as links in state `needs-action`. */
function linkFilter(filters: LogFilters, words: string[]) {
  return (link: Link) =>
    link.kind === 'invoice' &&
    (!filters.clinicId || link.clinicId === filters.clinicId) &&
    (!filters.tenantId || link.tenantId === filters.tenantId) &&
    matchesWords(link.label, words);
}

const NEEDS_ACTION_PATH: IndexPath = { index: '[state+logKey]', key: (k) => ['needs-action', k] };

/** The log-key range of the date filter: `since` and `until` both included. */
function dateBounds(filters: LogFilters): Bounds {
  return {
    lo: padTime(filters.since ?? 0),
    loOpen: false,
    hi: padTime(filters.until === undefined ? Number.MAX_SAFE_INTEGER : filters.until + 1),
    hiOpen: true,
  };
}

function withCursor(bounds: Bounds, page: LogQuery['page']): Bounds {
  if (!page) return bounds;
  if ('older' in page) return page.older < bounds.hi ? { ...bounds, hi: page.older, hiOpen: true } : bounds;
  return page.newer > bounds.lo ? { ...bounds, lo: page.newer, loOpen: true } : bounds;
}

interface Found {
  key: string;
  op?: Operation;
  link?: Link;
}

async function readRows(
  db: EngineDb,
  filters: LogFilters,
  bounds: Bounds,
  direction: Direction,
  want: number,
  counter?: ReadCounter,
): Promise<Found[]> {
  const words = searchPlan(filters.search);
  const wantsOps = filters.status !== 'needs-action';
  const wantsLinks =
    (!filters.status || filters.status === 'needs-action') &&
    (!filters.kind || filters.kind === 'invoice.void');
  const ops = wantsOps
    ? await readOrdered(
        db.operations,
        operationPath(filters, words),
        bounds,
        direction,
        operationFilter(filters, words),
        want,
        counter,
      )
    : [];
  const links = wantsLinks
    ? await readOrdered(
        db.links,
        NEEDS_ACTION_PATH,
        bounds,
        direction,
        linkFilter(filters, words),
        want,
        counter,
      )
    : [];
  const found: Found[] = [
    ...ops.map((op) => ({ key: op.logKey!, op })),
    ...links.map((link) => ({ key: link.logKey!, link })),
  ];
  found.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  if (direction === 'asc') found.reverse();
  return found.slice(0, want);
}

/** One page of the log, newest first. */
export async function queryLog(
  db: EngineDb,
  query: LogQuery,
  context: LogContext = {},
  counter?: ReadCounter,
): Promise<LogPage> {
  const { page, limit: asked, ...filters } = query;
  const limit = Math.min(asked ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const bounds = dateBounds(filters);
  if (page && 'newer' in page) {
    // One read transaction: a row that changes while the page is read cannot come out twice.
    const above = await db.transaction('r', db.operations, db.links, () =>
      readRows(db, filters, withCursor(bounds, page), 'asc', limit + 1, counter),
    );
    // Fewer than a page above the cursor: that is the newest page, shown whole.
    if (above.length <= limit) return queryLog(db, { ...query, page: undefined }, context, counter);
    const rows = above.slice(0, limit).reverse();
    return {
      rows: await describeRows(db, rows, context),
      newer: rows[0]!.key,
      older: rows.at(-1)!.key,
    };
  }
  const below = await db.transaction('r', db.operations, db.links, () =>
    readRows(db, filters, withCursor(bounds, page), 'desc', limit + 1, counter),
  );
  const rows = below.slice(0, limit);
  return {
    rows: await describeRows(db, rows, context),
    newer: page ? (rows[0]?.key ?? page.older) : null,
    older: below.length > limit ? rows.at(-1)!.key : null,
  };
}

/** Every row the filters select, a page at a time (for the CSV export). */
export async function* allLogRows(
  db: EngineDb,
  filters: LogFilters,
  context: LogContext = {},
): AsyncGenerator<LogRow[]> {
  let older: string | undefined;
  do {
    const page = await queryLog(
      db,
      { ...filters, limit: MAX_PAGE_SIZE, ...(older ? { page: { older } } : {}) },
      context,
    );
    yield page.rows;
    older = page.older ?? undefined;
  } while (older);
}

/** What the rows are described with beyond the engine's database. */
export interface LogContext {
  /** Clinic names the settings document gives, by clinic id. */
  clinicNames?: Record<string, string>;
}

const DEEP_LINK_KIND: Record<DocKind, DeepLinkKind> = {
  patient: 'contact',
  payer: 'contact',
  invoice: 'invoice',
  creditNote: 'creditNote',
  payment: 'payment',
  refund: 'payment',
  allocation: 'creditNote',
};

/** The link "Open in Xero" opens: an allocation opens its credit note. */
function xeroLinkKey(tenantId: string, docKey: string): string {
  const { sourceKey, kind, pmsId } = parseDocKey(docKey);
  return linkKeyOf(tenantId, kind === 'allocation' ? docKeyOf(sourceKey, 'creditNote', pmsId) : docKey);
}

/** The PMS record behind a row: the operation's, or (for a link) the document's own. */
function recordKeyFor(found: Found): string | null {
  if (found.op) return found.op.recordKey;
  const { sourceKey, pmsId } = parseDocKey(found.link!.docKey);
  return `${sourceKey}|invoices|${pmsId}`;
}

function urlOf(record: StoredRecord | undefined): string | null {
  const url = (record?.data as { url?: unknown } | undefined)?.url;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

function clinicOf(record: StoredRecord | undefined): { id: string; name: string } | null {
  const clinic = (record?.data as { clinic?: { id?: unknown; name?: unknown } } | undefined)?.clinic;
  return typeof clinic?.id === 'string' && typeof clinic.name === 'string'
    ? { id: clinic.id, name: clinic.name }
    : null;
}

/** A clinic's name: the settings', else the newest invoice or credit note of it that the engine holds. */
async function clinicName(db: EngineDb, clinicId: string, context: LogContext): Promise<string | null> {
  const named = context.clinicNames?.[clinicId];
  if (named) return named;
  const recent = await db.operations
    .where('[clinicId+logKey]')
    .between([clinicId, Dexie.minKey], [clinicId, Dexie.maxKey])
    .reverse()
    .limit(20)
    .toArray();
  const keys = [...new Set(recent.map((op) => op.recordKey ?? ''))].filter((key) =>
    /\|(invoices|creditNotes)\|/.test(key),
  );
  const records = await db.records.bulkGet(keys);
  return records.map(clinicOf).find((clinic) => clinic?.id === clinicId)?.name ?? null;
}

async function organisationNames(db: EngineDb): Promise<Map<string, OrganisationFacts | null>> {
  const tenants = await db.tenants.toArray();
  return new Map(tenants.map((t) => [t.tenantId, (t.facts as OrganisationFacts | null) ?? null]));
}

async function describeRows(db: EngineDb, found: Found[], context: LogContext): Promise<LogRow[]> {
  if (found.length === 0) return [];
  const organisations = await organisationNames(db);
  const tenantOf = (f: Found) => (f.op ?? f.link)!.tenantId;
  const docKeyOfRow = (f: Found) => (f.op ?? f.link)!.docKey;
  const links = await db.links.bulkGet(found.map((f) => xeroLinkKey(tenantOf(f), docKeyOfRow(f))));
  const recordKeys = found.map(recordKeyFor);
  const records = await db.records.bulkGet(recordKeys.map((k) => k ?? ''));
  // Clinic names: the settings', else one a record on this page gives, else a look-up per clinic.
  const names = new Map<string, string | null>(Object.entries(context.clinicNames ?? {}));
  for (const record of records) {
    const clinic = clinicOf(record);
    if (clinic && !names.has(clinic.id)) names.set(clinic.id, clinic.name);
  }
  const voidQueued = new Set<string>();
  for (const f of found) {
    if (!f.link) continue;
    const pending = await db.operations.where('docKey').equals(f.link.docKey).toArray();
    if (pending.some((op) => op.kind === 'invoice.void' && op.state !== 'done' && op.state !== 'cancelled'))
      voidQueued.add(f.link.key);
  }
  const rows: LogRow[] = [];
  for (const [i, f] of found.entries()) {
    const record = records[i];
    const clinicId = (f.op ?? f.link)!.clinicId;
    if (clinicId && !names.has(clinicId)) names.set(clinicId, await clinicName(db, clinicId, context));
    const tenantId = tenantOf(f);
    const facts = organisations.get(tenantId) ?? null;
    const link = links[i];
    const docKey = docKeyOfRow(f);
    const kind = parseDocKey(docKey).kind;
    const xeroUrl = link?.xeroId
      ? xeroDeepLink(DEEP_LINK_KIND[kind], link.xeroId, facts?.shortCode ?? null)
      : null;
    const common = {
      key: f.key,
      docKey,
      tenantId,
      organisation: facts?.name ?? null,
      clinicId,
      clinicName: clinicId ? (names.get(clinicId) ?? null) : null,
      xeroUrl,
      pmsUrl: urlOf(record),
    };
    if (f.op) {
      const op = f.op;
      rows.push({
        ...common,
        opId: op.id,
        at: op.updatedAt,
        document: op.label,
        kind: op.kind,
        status: (op.logStatus as LogRow['status']) ?? 'queued',
        message: op.result?.message ?? null,
        xeroMessages: op.result?.xeroMessages ?? [],
        canRetry: op.state === 'failed',
        canVoid: false,
        voidRef: null,
      });
    } else {
      const link = f.link!;
      const { sourceKey, pmsId } = parseDocKey(link.docKey);
      const canVoid = !voidQueued.has(link.key);
      rows.push({
        ...common,
        opId: null,
        at: link.updatedAt,
        document: link.label,
        kind: 'invoice.void',
        status: 'needs-action',
        message: canVoid ? link.note : 'Void in Xero is queued.',
        xeroMessages: [],
        canRetry: false,
        canVoid,
        voidRef: canVoid ? { source: sourceOfKey(sourceKey), kind: 'invoice', id: pmsId } : null,
      });
    }
  }
  return rows;
}

/** A document's history: the engine's log entries for it, newest first. */
export function documentHistory(db: EngineDb, docKey: string, limit = 100): Promise<LogEntry[]> {
  return db.log.where('docKey').equals(docKey).reverse().limit(limit).toArray();
}

/** The clinics and organisations the log has rows for, for the filters. */
export async function logFacets(db: EngineDb, context: LogContext = {}): Promise<LogFacets> {
  const clinicIds = (await db.operations.orderBy('clinicId').uniqueKeys()).map(String);
  const clinics: LogFacets['clinics'] = [];
  for (const id of clinicIds) clinics.push({ id, name: (await clinicName(db, id, context)) ?? id });
  const organisations = await organisationNames(db);
  const tenantIds = new Set(organisations.keys());
  for (const key of await db.operations.orderBy('[tenantId+state]').uniqueKeys())
    tenantIds.add(String((key as unknown as string[])[0]));
  return {
    clinics: clinics.sort((a, b) => a.name.localeCompare(b.name)),
    organisations: [...tenantIds]
      .map((tenantId) => ({ tenantId, name: organisations.get(tenantId)?.name ?? tenantId }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
