import { originOf, sourceForOrigin } from '../adapters/source-origins';
import { sourceKeyOf } from '../engine/keys';
import { classifySender, createRouter } from '../messaging/router';
import type { Alarms } from '../platform/alarms';
import { type Ports, SYNC_UPDATES_PORT } from '../platform/ports';
import type { RuntimeMessages } from '../platform/runtime';
import { createHandlers } from './handlers';
import { type Services, SYNC_RESUME_ALARM } from './services';

/** The browser events the background listens to. */
export interface BackgroundPlatform {
  messages: RuntimeMessages;
  alarms: Alarms;
  ports?: Ports;
}

/** Work that chrome.alarms wakes the worker for; `periodInMinutes: null` for one booked when needed. */
export interface AlarmJob {
  name: string;
  periodInMinutes: number | null;
  run(): Promise<unknown>;
}

export const KEEPALIVE_ALARM = 'xero-keepalive';
/** Every minute the queue is looked at, so it continues after a worker was stopped or the browser restarted. */
export const SYNC_WAKE_ALARM = 'sync-wake';

export function alarmJobs(services: Services): AlarmJob[] {
  return [
    // A refresh token unused for 60 days dies; a daily check keeps it rotating.
    { name: KEEPALIVE_ALARM, periodInMinutes: 24 * 60, run: () => services.connection.verify() },
    { name: SYNC_WAKE_ALARM, periodInMinutes: 1, run: () => services.syncRuns.kick() },
    { name: SYNC_RESUME_ALARM, periodInMinutes: null, run: () => services.syncRuns.kick() },
  ];
}

/**
 * Registers the background's listeners. Synchronously: Chrome only delivers events to listeners
 * added in the worker's first turn. No state lives in memory, so a killed and restarted worker
 * reads everything back from IndexedDB, and the queue goes on where it was.
 */
export function startBackground(services: Services, platform: BackgroundPlatform): void {
  const self = platform.messages.self();
  platform.messages.listen(createRouter(createHandlers(services), self));

  const jobs = alarmJobs(services);
  platform.alarms.onAlarm((name) => {
    // A failure here is the next run's to retry; it must not become an unhandled rejection.
    void jobs
      .find((job) => job.name === name)
      ?.run()
      .catch(() => undefined);
  });
  for (const job of jobs) {
    if (job.periodInMinutes !== null) void platform.alarms.ensurePeriodic(job.name, job.periodInMinutes);
  }

  // The live channel: pages and badges follow the queue without polling. A content script hears
  // only about its own practice's documents.
  platform.ports?.onConnect((port) => {
    if (port.name !== SYNC_UPDATES_PORT) return;
    const kind = port.sender ? classifySender(port.sender, self) : null;
    const source = kind === 'content-script' ? sourceForOrigin(originOf(port.sender?.url) ?? '') : null;
    if (!kind || (kind === 'content-script' && !source)) return;
    const prefix = source ? `${sourceKeyOf(source)}|` : '';
    const unsubscribe = services.sync.subscribe((event) => {
      try {
        if (event.type === 'queue') {
          // Queue-wide news is for the extension's own pages; a page hears of its own documents.
          if (kind === 'extension-page') port.postMessage({ type: 'sync.queue' });
        } else {
          const docKeys = event.docKeys.filter((key) => key.startsWith(prefix));
          if (docKeys.length > 0) port.postMessage({ type: 'sync.changed', docKeys });
        }
      } catch {
        unsubscribe();
      }
    });
    port.onDisconnect.addListener(unsubscribe);
  });

  // Whatever woke the worker (a browser start, a message, an alarm), queued work continues.
  void services.syncRuns.kick();
}
