import type { MouseEvent } from 'react';
import { openOptionsPageAt, optionsPageUrl } from '../../lib/platform/pages';
import { exactTime, relativeTime } from '../ui/format-time';
import { useSyncSummary } from '../ui/use-sync-summary';
import { useSyncUpdates } from '../ui/use-sync-updates';

/** The queue at a glance: what waits, what failed, the last success, and why nothing moves when it does not. */
export function QueueStatus({ now = Date.now }: { now?: () => number }) {
  useSyncUpdates();
  const summary = useSyncSummary();
  const data = summary.data;
  const openLog = (event: MouseEvent) => {
    event.preventDefault();
    void openOptionsPageAt('log');
  };
  return (
    <section aria-label="Sync queue" className="queue-status">
      {!data ? (
        <div className="skeleton queue-status-skeleton" aria-hidden="true" />
      ) : (
        <>
          <dl className="queue-counts">
            <div>
              <dt>Queued</dt>
              <dd data-testid="queued-count">
                {data.counts.waiting + data.counts.queued + data.counts.leased}
              </dd>
            </div>
            <div>
              <dt>Failed</dt>
              <dd data-testid="failed-count" className={data.counts.failed > 0 ? 'error' : undefined}>
                {data.counts.failed + data.counts.blocked}
              </dd>
            </div>
          </dl>
          <p className="muted" data-testid="last-success">
            Last sent to Xero:{' '}
            {data.lastSuccessAt === null ? (
              'not yet'
            ) : (
              <time
                dateTime={new Date(data.lastSuccessAt).toISOString()}
                title={exactTime(data.lastSuccessAt)}
              >
                {relativeTime(data.lastSuccessAt, now())}
              </time>
            )}
          </p>
          {data.connection === 'disconnected' && (
            <p className="error" data-testid="queue-disconnected">
              Nothing is sent while Xero is disconnected: reconnect above and the queue goes on.
            </p>
          )}
          {data.pauses.map((pause) => (
            <p key={pause.tenantId} className="error" data-testid="queue-paused">
              Paused: Xero’s daily limit for {pause.organisation ?? 'an organisation'} is used up. Sending
              resumes at <time dateTime={new Date(pause.until).toISOString()}>{exactTime(pause.until)}</time>.
            </p>
          ))}
        </>
      )}
      {summary.error && (
        <p className="error" role="alert">
          The queue could not be read: {summary.error.message}
        </p>
      )}
      <a href={optionsPageUrl('log')} onClick={openLog}>
        Open sync log
      </a>
    </section>
  );
}
