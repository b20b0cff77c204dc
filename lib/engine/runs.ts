import type { SyncEngine } from './engine';
import type { DrainReport } from './runner';

/**
 * When the engine runs in the extension. A run starts when records arrive, when an alarm fires
 * and when the worker starts; it ends when nothing is ready, before any wait a service worker
 * could not sleep through (Chrome stops an idle worker after 30 seconds). A later start is
 * then booked with chrome.alarms, so the queue continues by itself, also after a restart.
 */
export class SyncRuns {
  constructor(
    private readonly engine: SyncEngine,
    private readonly wakeAt: (when: number) => Promise<void>,
  ) {}

  /** Starts a run (or joins the one under way); never throws. */
  async kick(): Promise<DrainReport | null> {
    try {
      const report = await this.engine.drain();
      if (report.resumeAt !== null) await this.wakeAt(report.resumeAt);
      return report;
    } catch (error) {
      console.error('[practice-sync] sync run failed', error);
      return null;
    }
  }
}
