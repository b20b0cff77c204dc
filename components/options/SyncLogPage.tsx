import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { csvFileName, logToCsv } from '../../lib/log/csv';
import { DEFAULT_PAGE_SIZE, type LogRow, MAX_PAGE_SIZE } from '../../lib/log/types';
import { sendRequest } from '../../lib/messaging/client';
import { useSyncSummary } from '../ui/use-sync-summary';
import { useSyncUpdates } from '../ui/use-sync-updates';
import { LogFiltersBar } from './log/LogFiltersBar';
import { LogHeader } from './log/LogHeader';
import { LogTable } from './log/LogTable';
import { type FilterState, filtersFromHash, hashOfFilters, queryOfFilters } from './log/log-filters';
import { VoidDialog } from './log/VoidDialog';

/** Typing settles for this long before the search is sent. */
export const SEARCH_DEBOUNCE_MS = 300;

type Page = { older: string } | { newer: string } | undefined;

/** Downloads text as a file (a link to a Blob, clicked). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The sync log: every operation, filterable, with retry, void, links and history, live. */
export function SyncLogPage({ pageSize = DEFAULT_PAGE_SIZE }: { pageSize?: number }) {
  const queryClient = useQueryClient();
  useSyncUpdates();
  const [filters, setFilters] = useState<FilterState>(() => filtersFromHash(window.location.hash));
  const [search, setSearch] = useState(filters.q);
  const [page, setPage] = useState<Page>(undefined);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [voiding, setVoiding] = useState<LogRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLSpanElement>(null);

  const change = (next: Partial<FilterState>) => {
    setFilters((current) => ({ ...current, ...next }));
    setPage(undefined);
    setSelected(new Set()); // what is selected is what the user sees
  };
  const turnPage = (next: Page) => {
    setPage(next);
    setSelected(new Set());
  };
  useEffect(() => {
    if (search === filters.q) return;
    const timer = setTimeout(() => change({ q: search }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  });
  // A hash set from outside (the pages bar's "Sync log", a pasted link) is what the log shows.
  useEffect(() => {
    const onHash = () => {
      if (!window.location.hash.startsWith('#log')) return;
      const next = filtersFromHash(window.location.hash);
      setFilters(next);
      setSearch(next.q);
      setPage(undefined);
      setSelected(new Set());
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // The filters live in the hash, so a reload keeps them (replaceState: no history entry per keystroke).
  useEffect(() => {
    const hash = hashOfFilters('log', filters);
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
  }, [filters]);

  const query = useMemo(() => queryOfFilters(filters), [filters]);
  const operations = useQuery({
    queryKey: ['sync', 'operations', query, page, pageSize],
    queryFn: () => sendRequest('sync.operations', { ...query, limit: pageSize, ...(page ? { page } : {}) }),
    placeholderData: keepPreviousData,
  });
  const facets = useQuery({ queryKey: ['sync', 'facets'], queryFn: () => sendRequest('sync.logFacets', {}) });
  const summary = useSyncSummary();
  const failedCount = summary.data ? summary.data.counts.failed : 0;

  const retry = useMutation({
    mutationFn: (target: { opIds: string[] } | { allFailed: true }) => sendRequest('sync.retry', target),
    onMutate: () => setNotice(null),
    onSuccess: ({ retried }, target) => {
      setNotice(retried === 1 ? '1 operation is queued again.' : `${retried} operations are queued again.`);
      if ('opIds' in target) setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: ['sync'] });
    },
  });
  const voidInXero = useMutation({
    mutationFn: async (row: LogRow) => {
      const result = await sendRequest('sync.voidInXero', { ref: row.voidRef! });
      if (!result.queued) throw new Error(result.reason ?? 'It was not queued.');
      return result;
    },
    onSuccess: () => {
      setVoiding(null);
      setNotice('Void in Xero is queued.');
      // The row's "Void in Xero" button goes away with the refetch: focus the notice instead of the page.
      requestAnimationFrame(() => noticeRef.current?.focus());
      void queryClient.invalidateQueries({ queryKey: ['sync'] });
    },
  });
  const exportCsv = useMutation({
    mutationFn: async () => {
      const rows: LogRow[] = [];
      let older: string | null = null;
      do {
        const next: Awaited<ReturnType<typeof sendRequest<'sync.operations'>>> = await sendRequest(
          'sync.operations',
          { ...query, limit: MAX_PAGE_SIZE, ...(older ? { page: { older } } : {}) },
        );
        rows.push(...next.rows);
        older = next.older;
      } while (older);
      download(csvFileName(Date.now()), logToCsv(rows));
      return rows.length;
    },
  });

  const rows = operations.data?.rows;
  // Only rows on screen that can still be retried: a row that synced meanwhile drops out.
  const selectedIds = (rows ?? [])
    .filter((r) => r.canRetry && r.opId && selected.has(r.opId))
    .map((r) => r.opId!);
  const actionError = retry.error?.message ?? exportCsv.error?.message ?? null;

  return (
    <div className="sync-log">
      <h2>Sync log</h2>
      <LogHeader />
      <LogFiltersBar
        filters={filters}
        search={search}
        facets={facets.data}
        onChange={change}
        onSearch={setSearch}
      />
      <div className="row log-toolbar">
        <button
          type="button"
          disabled={selectedIds.length === 0 || retry.isPending}
          onClick={() => retry.mutate({ opIds: selectedIds })}
        >
          Retry selected ({selectedIds.length})
        </button>
        <button
          type="button"
          disabled={failedCount === 0 || retry.isPending}
          onClick={() => retry.mutate({ allFailed: true })}
        >
          Retry all failed ({failedCount})
        </button>
        <button type="button" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
          {exportCsv.isPending ? 'Exporting…' : 'Export CSV'}
        </button>
        <span role="status" className="muted" ref={noticeRef} tabIndex={-1}>
          {notice ?? (exportCsv.isSuccess ? `${exportCsv.data} rows exported.` : '')}
        </span>
      </div>
      {actionError && (
        <p className="error" role="alert">
          {actionError}
        </p>
      )}
      {operations.error && (
        <p className="error" role="alert">
          The log could not be read: {operations.error.message}
        </p>
      )}
      <LogTable
        rows={rows}
        placeholderRows={Math.min(pageSize, 10)}
        selected={selected}
        busy={retry.isPending}
        onSelect={(opId, on) =>
          setSelected((current) => {
            const next = new Set(current);
            if (on) next.add(opId);
            else next.delete(opId);
            return next;
          })
        }
        onRetry={(opId) => retry.mutate({ opIds: [opId] })}
        onVoid={(row) => {
          voidInXero.reset();
          setVoiding(row);
        }}
      />
      <nav aria-label="Log pages" className="row log-paging">
        <button
          type="button"
          disabled={!operations.data?.newer}
          onClick={() => operations.data?.newer && turnPage({ newer: operations.data.newer })}
        >
          Newer
        </button>
        <button
          type="button"
          disabled={!operations.data?.older}
          onClick={() => operations.data?.older && turnPage({ older: operations.data.older })}
        >
          Older
        </button>
      </nav>
      <VoidDialog
        document={voiding?.document ?? null}
        busy={voidInXero.isPending}
        error={voidInXero.error?.message ?? null}
        onConfirm={() => voiding && voidInXero.mutate(voiding)}
        onCancel={() => setVoiding(null)}
      />
    </div>
  );
}
