import { createRouter } from '../messaging/router';
import type { Alarms } from '../platform/alarms';
import type { RuntimeMessages } from '../platform/runtime';
import { createHandlers } from './handlers';
import type { Services } from './services';

/** The browser events the background listens to. */
export interface BackgroundPlatform {
  messages: RuntimeMessages;
  alarms: Alarms;
}

/** Work that chrome.alarms wakes the worker for. */
export interface AlarmJob {
  name: string;
  periodInMinutes: number;
  run(): Promise<unknown>;
}

export const KEEPALIVE_ALARM = 'xero-keepalive';

export function alarmJobs(services: Services): AlarmJob[] {
  return [
    // A refresh token unused for 60 days dies; a daily check keeps it rotating.
    { name: KEEPALIVE_ALARM, periodInMinutes: 24 * 60, run: () => services.connection.verify() },
  ];
}

/**
 * Registers the background's listeners. Synchronously: Chrome only delivers events to listeners
 * added in the worker's first turn. No state lives in memory, so a killed and restarted worker
 * reads everything back from IndexedDB.
 */
export function startBackground(services: Services, platform: BackgroundPlatform): void {
  platform.messages.listen(createRouter(createHandlers(services), platform.messages.self()));

  const jobs = alarmJobs(services);
  platform.alarms.onAlarm((name) => {
    // A failure here is the next run's to retry; it must not become an unhandled rejection.
    void jobs
      .find((job) => job.name === name)
      ?.run()
      .catch(() => undefined);
  });
  for (const job of jobs) void platform.alarms.ensurePeriodic(job.name, job.periodInMinutes);
}
