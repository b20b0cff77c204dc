import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

/**
 * Fields the sync log is read through, kept on every operation and link by the database itself
 * (a Dexie middleware below), so no code that writes an operation has to remember them and a
 * state change can never leave them stale.
 *
 * - `logKey`: the log's order, newest last: the time of the last change, zero-padded so it sorts
 *   as a string, then a tie-breaker unique across operations and links. Keyset paging uses it as
 *   the cursor: a page is "the rows below this key", read straight off an index.
 * - `logStatus`: what the log shows (queued, syncing, synced, failed, blocked, cancelled).
 * - `logTerms`: search entries, `term + ' ' + logKey`: every word of the label (and its prefixes
 *   from two letters), each followed by the row's key, so the rows matching a word come out of a
 *   multiEntry index already in the log's order.
 */
export interface LogIndexFields {
  logKey?: string;
  logStatus?: string;
  logTerms?: string[];
}

export const LOG_STATUSES = ['queued', 'syncing', 'synced', 'failed', 'blocked', 'cancelled'] as const;
export type OperationLogStatus = (typeof LOG_STATUSES)[number];

const STATUS_OF_STATE: Record<string, OperationLogStatus> = {
  waiting: 'queued',
  queued: 'queued',
  leased: 'syncing',
  done: 'synced',
  failed: 'failed',
  blocked: 'blocked',
  cancelled: 'cancelled',
};

/** Milliseconds since 1970 fit in 15 digits until the year 33658. */
const TIME_DIGITS = 15;
export const padTime = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(TIME_DIGITS, '0');

export const operationLogKey = (updatedAt: number, id: string) => `${padTime(updatedAt)}|o|${id}`;
export const linkLogKey = (updatedAt: number, key: string) => `${padTime(updatedAt)}|l|${key}`;

/** The time part of a log key. */
export const timeOfLogKey = (logKey: string) => Number(logKey.slice(0, TIME_DIGITS));

/** Words that every label of a kind carries: searching for them finds nothing useful. */
const STOP_WORDS = new Set([
  'invoice',
  'credit',
  'note',
  'contact',
  'payment',
  'refund',
  'allocation',
  'of',
  'void',
  'approve',
  'a',
  'arrived',
]);

/**
 * The words of a label or a search, lower-cased: runs of letters and digits, so "HS-1042"
 * is "hs" and "1042" and a search for "1042" or "HS-1042" finds it either way.
 */
export function searchWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** What a label is found by: each word, and each word's prefixes from two characters. */
export function searchTerms(label: string): string[] {
  const terms = new Set<string>();
  for (const word of searchWords(label)) {
    if (STOP_WORDS.has(word)) continue;
    terms.add(word);
    for (let end = 2; end < word.length; end++) terms.add(word.slice(0, end));
  }
  return [...terms];
}

export const termEntry = (term: string, logKey: string) => `${term} ${logKey}`;

type Row = Record<string, unknown>;

/** The log fields of an operation row, as stored (old rows included: it reads raw fields only). */
export function operationLogFields(row: Row): Required<LogIndexFields> {
  const logKey = operationLogKey(Number(row.updatedAt ?? 0), String(row.id));
  return {
    logKey,
    logStatus: STATUS_OF_STATE[String(row.state)] ?? 'queued',
    logTerms: searchTerms(String(row.label ?? '')).map((term) => termEntry(term, logKey)),
  };
}

/** Links are listed in the log only while they need the user (a document deleted in the PMS). */
export function linkLogFields(row: Row): Pick<Required<LogIndexFields>, 'logKey'> {
  return { logKey: linkLogKey(Number(row.updatedAt ?? 0), String(row.key)) };
}

const DERIVE: Record<string, (row: Row) => LogIndexFields> = {
  operations: operationLogFields,
  links: linkLogFields,
};

/** Adds the log fields to every operation and link written, whatever wrote it. */
export const logIndexMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'sync-log-index',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      const derive = DERIVE[name];
      if (!derive) return table;
      return {
        ...table,
        mutate: (request: DBCoreMutateRequest) =>
          request.type === 'add' || request.type === 'put'
            ? table.mutate({
                ...request,
                values: request.values.map((value) => ({ ...value, ...derive(value as Row) })),
              })
            : table.mutate(request),
      };
    },
  }),
};
