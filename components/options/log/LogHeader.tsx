import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sendRequest } from '../../../lib/messaging/client';
import { exactTime } from '../../ui/format-time';
import { SYNC_SUMMARY_KEY, useSyncSummary } from '../../ui/use-sync-summary';

/** The queue's state over the log: counts, a daily-limit pause, a lost connection, and Send now. */
export function LogHeader() {
  const queryClient = useQueryClient();
  const summary = useSyncSummary();
  const data = summary.data;
  const run = useMutation({ mutationFn: () => sendRequest('sync.run', {}) });
  const reconnect = useMutation({
    mutationFn: () => sendRequest('connection.connect', {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: SYNC_SUMMARY_KEY }),
  });
  const count = (n: number | undefined) => (n === undefined ? '–' : String(n));
  return (
    <section aria-label="Sync queue" className="log-header">
      <dl className="queue-counts">
        <div>
          <dt>Queued</dt>
          <dd data-testid="log-queued">{count(data && data.counts.waiting + data.counts.queued)}</dd>
        </div>
        <div>
          <dt>Syncing</dt>
          <dd data-testid="log-syncing">{count(data?.counts.leased)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd data-testid="log-failed">{count(data && data.counts.failed + data.counts.blocked)}</dd>
        </div>
      </dl>
      <div className="row">
        <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
          Send now
        </button>
        {run.isSuccess && <span className="muted">Sending what is queued.</span>}
        {run.error && (
          <span className="error" role="alert">
            {run.error.message}
          </span>
        )}
      </div>
      {data?.connection === 'disconnected' && (
        <div className="error log-banner" role="alert" data-testid="log-disconnected">
          <strong>Xero is disconnected.</strong> Nothing is sent until you reconnect; the queue is kept.{' '}
          <button
            type="button"
            className="primary"
            onClick={() => reconnect.mutate()}
            disabled={reconnect.isPending}
          >
            {reconnect.isPending ? 'Waiting for Xero…' : 'Reconnect'}
          </button>
          {reconnect.error && <span> {reconnect.error.message}</span>}
        </div>
      )}
      {data?.pauses.map((pause) => (
        <p key={pause.tenantId} className="log-banner" data-testid="log-paused">
          Paused: Xero’s daily limit for {pause.organisation ?? 'an organisation'} is used up. Sending resumes
          by itself at <time dateTime={new Date(pause.until).toISOString()}>{exactTime(pause.until)}</time>.
        </p>
      ))}
      {summary.error && (
        <p className="error" role="alert">
          The queue could not be read: {summary.error.message}
        </p>
      )}
    </section>
  );
}
