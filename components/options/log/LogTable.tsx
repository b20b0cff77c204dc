import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { OPERATION_LABELS, rowMessage, STATUS_LABELS } from '../../../lib/log/labels';
import type { LogRow } from '../../../lib/log/types';
import { sendRequest } from '../../../lib/messaging/client';
import { exactTime } from '../../ui/format-time';

interface Props {
  rows: LogRow[] | undefined;
  /** How many skeleton rows hold the place while the first page is read. */
  placeholderRows: number;
  selected: ReadonlySet<string>;
  onSelect: (opId: string, selected: boolean) => void;
  onRetry: (opId: string) => void;
  onVoid: (row: LogRow) => void;
  busy: boolean;
}

const COLUMNS = 9;

/** The log's rows: one operation each, with its actions and, on demand, the document's history. */
export function LogTable({ rows, placeholderRows, selected, onSelect, onRetry, onVoid, busy }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="log-table-wrap">
      <table className="log-table">
        <caption>Sync log: every Xero operation, newest first</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
            <th scope="col">Time</th>
            <th scope="col">Document</th>
            <th scope="col">Clinic</th>
            <th scope="col">Organisation</th>
            <th scope="col">Operation</th>
            <th scope="col">Status</th>
            <th scope="col">Xero’s message</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {!rows &&
            Array.from({ length: placeholderRows }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to be told apart by
              <tr key={i} className="log-row">
                <td colSpan={COLUMNS}>
                  <div className="skeleton log-skeleton" aria-hidden="true" />
                </td>
              </tr>
            ))}
          {rows?.length === 0 && (
            <tr>
              <td colSpan={COLUMNS} className="muted log-empty">
                Nothing in the log matches these filters.
              </td>
            </tr>
          )}
          {rows?.map((row) => (
            <Fragment key={row.key}>
              <tr className="log-row" data-status={row.status}>
                <td>
                  {row.opId && row.canRetry && (
                    <input
                      type="checkbox"
                      aria-label={`Select ${row.document}`}
                      checked={selected.has(row.opId)}
                      onChange={(e) => onSelect(row.opId!, e.target.checked)}
                    />
                  )}
                </td>
                <td>
                  <time dateTime={new Date(row.at).toISOString()}>{exactTime(row.at)}</time>
                </td>
                <td>{row.document}</td>
                <td>{row.clinicName ?? row.clinicId ?? '—'}</td>
                <td>{row.organisation ?? row.tenantId}</td>
                <td>{OPERATION_LABELS[row.kind]}</td>
                <td>
                  <span className={`log-status log-status-${row.status}`}>{STATUS_LABELS[row.status]}</span>
                </td>
                <td className="log-message">{rowMessage(row)}</td>
                <td>
                  <div className="log-actions">
                    {row.canRetry && (
                      <button
                        type="button"
                        onClick={() => onRetry(row.opId!)}
                        disabled={busy}
                        aria-label={`Retry ${row.document}`}
                      >
                        Retry
                      </button>
                    )}
                    {row.canVoid && (
                      <button
                        type="button"
                        onClick={() => onVoid(row)}
                        aria-label={`Void in Xero: ${row.document}`}
                      >
                        Void in Xero
                      </button>
                    )}
                    {row.xeroUrl && (
                      <a href={row.xeroUrl} target="_blank" rel="noreferrer">
                        Open in Xero
                      </a>
                    )}
                    {row.pmsUrl && (
                      <a href={row.pmsUrl} target="_blank" rel="noreferrer">
                        Open in the PMS
                      </a>
                    )}
                    <button
                      type="button"
                      aria-expanded={open === row.key}
                      aria-controls={`history-${row.key}`}
                      aria-label={`History of ${row.document}`}
                      onClick={() => setOpen(open === row.key ? null : row.key)}
                    >
                      History
                    </button>
                  </div>
                </td>
              </tr>
              {open === row.key && (
                <tr id={`history-${row.key}`} className="log-history-row">
                  <td colSpan={COLUMNS}>
                    <DocumentHistory docKey={row.docKey} document={row.document} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What happened to one document, newest first (the engine's log entries for it). */
function DocumentHistory({ docKey, document }: { docKey: string; document: string }) {
  const history = useQuery({
    queryKey: ['sync', 'history', docKey],
    queryFn: () => sendRequest('sync.history', { docKey }),
  });
  if (history.error)
    return (
      <p className="error" role="alert">
        The history could not be read: {history.error.message}
      </p>
    );
  if (!history.data) return <div className="skeleton log-skeleton" aria-hidden="true" />;
  if (history.data.length === 0) return <p className="muted">No history yet for {document}.</p>;
  return (
    <ol className="log-history" aria-label={`History of ${document}`}>
      {history.data.map((entry) => (
        <li key={entry.seq ?? entry.at}>
          <time dateTime={new Date(entry.at).toISOString()}>{exactTime(entry.at)}</time> —{' '}
          {entry.opKind === 'submit' ? 'Received from the PMS' : OPERATION_LABELS[entry.opKind]}:{' '}
          {entry.message}
          {entry.xeroMessages?.length ? ` (Xero: ${entry.xeroMessages.join('; ')})` : ''}
        </li>
      ))}
    </ol>
  );
}
