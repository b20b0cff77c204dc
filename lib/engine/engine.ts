import Dexie from 'dexie';
import { documentHistory, type LogContext, logFacets, queryLog, type ReadCounter } from '../log/query';
import type { LogFacets, LogPage, LogQuery } from '../log/types';
import { validateRecords } from '../records/validate';
import type { SyncSettings } from '../settings/sync-settings';
import type { PracticeDirectory } from '../setup/lists';
import { type AccountingTransport, XeroAccounting } from '../xero/accounting/api';
import { type EngineClock, realClock } from './clock';
import type { EngineDb } from './db';
import { noteDirectory, readDirectory, sortedDirectory } from './directory';
import { limiterMemory } from './facts';
import { docKeyOf, linkKeyOf, sourceKeyOf } from './keys';
import { Limiter, XERO_LIMITS, type XeroLimits } from './limiter';
import { addOperations, retry } from './outbox';
import { planSubmission, type SubmitSummary } from './planner';
import { type DrainOptions, type DrainReport, Runner } from './runner';
import { type DocumentRef, type DocumentStatus, documentStatus } from './status';
import { type CallStats, LimitedTransport } from './transport';
import type { LogEntry, OpState } from './types';

export type ConnectionState = 'connected' | 'disconnected' | 'not-connected';

export interface EngineDeps {
  db: EngineDb;
  /** Xero's Accounting API with the connection's token (the client in the extension, a token in the harness). */
  xero: AccountingTransport;
  settings: () => Promise<SyncSettings>;
  connection?: () => Promise<ConnectionState>;
  clock?: EngineClock;
  random?: () => number;
  limits?: XeroLimits;
  /** The longest limiter wait a run may sleep through (a service worker must not sleep for a minute). */
  maxWaitMs?: number;
}

export interface SubmitOptions {
  /** `auto`: a page pushed it on its own (skipped for clinics in manual mode); `manual`: a person asked. */
  trigger: 'auto' | 'manual';
}

export type EngineEvent = { type: 'changed'; docKeys: string[] } | { type: 'queue' };

export interface QueueSummary {
  counts: Record<OpState, number>;
  /** Organisations whose day of Xero calls is spent, until when, and their name when known. */
  pauses: { tenantId: string; organisation: string | null; until: number; reason: string }[];
  lastSuccessAt: number | null;
}

/**
 * The sync engine: validated practice records in, Xero documents out, exactly once. Pages,
 * the options page, the background's alarms and the headless harness all use this one API.
 */
export class SyncEngine {
  readonly clock: EngineClock;
  readonly transport: LimitedTransport;
  private readonly limiter: Limiter;
  private readonly runner: Runner;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private draining: Promise<DrainReport> | null = null;
  private drainAgain = false;

  constructor(private readonly deps: EngineDeps) {
    this.clock = deps.clock ?? realClock;
    const limiter = new Limiter(this.clock, limiterMemory(deps.db), deps.limits ?? XERO_LIMITS);
    this.limiter = limiter;
    const maxWaitMs = deps.maxWaitMs ?? Number.POSITIVE_INFINITY;
    this.transport = new LimitedTransport(deps.xero, limiter, { maxWaitMs: () => maxWaitMs });
    this.runner = new Runner({
      db: deps.db,
      transport: this.transport,
      accounting: new XeroAccounting(this.transport),
      clock: this.clock,
      settings: deps.settings,
      random: deps.random ?? Math.random,
      changed: (docKeys) => this.emit({ type: 'changed', docKeys }),
    });
  }

  /**
   * Xero's remaining-quota headers, read off every answer: a minute Xero says is spent holds the
   * organisation back (another app or browser may be calling too), and the day's remainder is
   * kept for the queue's header.
   */
  noteLimits(reading: { tenantId: string; minuteRemaining?: number; dayRemaining?: number }): void {
    this.limiter.noteRemaining(reading.tenantId, reading.minuteRemaining);
    if (reading.dayRemaining !== undefined) {
      void this.deps.db.tenants
        .update(reading.tenantId, { dayRemaining: reading.dayRemaining })
        .catch(() => undefined);
    }
  }

  get stats(): CallStats {
    return this.transport.stats;
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: EngineEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A page that went away must not stop the engine.
      }
    }
  }

  /**
   * Validates records and queues what has to change in Xero, all in one transaction. Invalid
   * records are named with their field and nothing of them is queued; the rest go ahead.
   */
  async submit(input: unknown, options: SubmitOptions): Promise<SubmitSummary> {
    const validation = validateRecords(input);
    if (!validation.ok) {
      return { accepted: 0, queued: 0, unchanged: 0, rejected: [], errors: validation.errors, notes: [] };
    }
    // Learnt before planning: a clinic the planner holds back (no organisation yet) is one the setup must offer.
    await noteDirectory(this.deps.db, validation.records);
    const summary = await planSubmission(this.deps.db, validation.records, {
      settings: await this.deps.settings(),
      trigger: options.trigger,
      now: this.clock.now(),
    });
    summary.errors = validation.errors;
    this.emit({ type: 'queue' });
    return summary;
  }

  /** What the records have named so far (clinics, categories, tax names, …), sorted for the setup's pickers. */
  async directory(): Promise<PracticeDirectory> {
    return sortedDirectory(await readDirectory(this.deps.db));
  }

  /** Sends what is queued until nothing is ready (or Xero says stop). One run at a time. */
  drain(options: DrainOptions = {}): Promise<DrainReport> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      let report: DrainReport;
      do {
        this.drainAgain = false;
        report = await this.runner.drain({ maxWaitMs: this.deps.maxWaitMs, ...options });
      } while (this.drainAgain && report.stopped === 'idle');
      return report;
    })().finally(() => {
      this.draining = null;
      this.emit({ type: 'queue' });
    });
    return this.draining;
  }

  async connectionState(): Promise<ConnectionState> {
    return (await this.deps.connection?.()) ?? 'connected';
  }

  async status(refs: DocumentRef[]): Promise<DocumentStatus[]> {
    const connection = await this.connectionState();
    return Promise.all(refs.map((ref) => documentStatus(this.deps.db, ref, connection)));
  }

  /** The user's retry after fixing the cause: given operations, or every failed one. */
  async retry(target: { opIds: string[] } | { allFailed: true }): Promise<number> {
    const ids =
      'opIds' in target
        ? target.opIds
        : await this.deps.db.operations.where('state').equals('failed').primaryKeys();
    const retried = await retry(this.deps.db, ids, this.clock.now());
    this.emit({ type: 'changed', docKeys: retried.map((op) => op.docKey) });
    return retried.length;
  }

  /**
   * "Void in Xero", confirmed by the user, for an invoice deleted in the PMS. The engine never
   * voids on its own: a deletion in the PMS may be a mistake, and a voided number is gone for good.
   */
  async voidInXero(ref: DocumentRef): Promise<{ queued: boolean; reason?: string }> {
    if (ref.kind !== 'invoice') return { queued: false, reason: 'Only invoices are voided this way.' };
    const docKey = docKeyOf(sourceKeyOf(ref.source), 'invoice', ref.id);
    const links = (await this.deps.db.links.where('docKey').equals(docKey).toArray()).filter(
      (l) => l.state === 'needs-action',
    );
    if (links.length === 0)
      return { queued: false, reason: 'This invoice is not waiting to be voided in Xero.' };
    for (const link of links) {
      const pending = await this.deps.db.operations
        .where('docKey')
        .equals(docKey)
        .filter((op) => op.kind === 'invoice.void' && op.state !== 'done' && op.state !== 'cancelled')
        .count();
      if (pending > 0) continue;
      await addOperations(
        this.deps.db,
        [
          {
            tenantId: link.tenantId,
            kind: 'invoice.void',
            docKey,
            recordKey: null,
            invoiceRef: docKey,
            clinicId: link.clinicId,
            label: `Void ${link.label}`,
          },
        ],
        this.clock.now(),
      );
    }
    this.emit({ type: 'changed', docKeys: [docKey] });
    return { queued: true };
  }

  /** After the settings changed: what "synchronisation off" held back is looked at again now. */
  async releaseHeld(): Promise<number> {
    const now = this.clock.now();
    return this.deps.db.transaction('rw', this.deps.db.operations, async () => {
      const held = (await this.deps.db.operations.where('state').equals('queued').toArray()).filter(
        (op) => op.result?.code === 'held',
      );
      for (const op of held)
        await this.deps.db.operations.update(op.id, { notBefore: now, result: null, updatedAt: now });
      return held.length;
    });
  }

  async summary(): Promise<QueueSummary> {
    const counts: Record<OpState, number> = {
      waiting: 0,
      queued: 0,
      leased: 0,
      done: 0,
      failed: 0,
      blocked: 0,
      cancelled: 0,
    };
    for (const state of Object.keys(counts) as OpState[]) {
      counts[state] = await this.deps.db.operations.where('state').equals(state).count();
    }
    const now = this.clock.now();
    const pauses = (await this.deps.db.tenants.toArray())
      .filter((t) => t.pausedUntil !== null && t.pausedUntil > now)
      .map((t) => ({
        tenantId: t.tenantId,
        organisation: (t.facts as { name?: string } | null)?.name ?? null,
        until: t.pausedUntil!,
        reason: t.pauseReason ?? '',
      }));
    // Read off the [result+at] index: one entry, however long the log.
    const last = await this.deps.db.log
      .where('[result+at]')
      .between(['ok', Dexie.minKey], ['ok', Dexie.maxKey])
      .last();
    return { counts, pauses, lastSuccessAt: last?.at ?? null };
  }

  /** Clinic names as the settings document gives them, for the log. */
  private async logContext(): Promise<LogContext> {
    const settings = await this.deps.settings().catch(() => null);
    const clinicNames: Record<string, string> = {};
    for (const [id, clinic] of Object.entries(settings?.clinics ?? {}))
      if (clinic.name) clinicNames[id] = clinic.name;
    return { clinicNames };
  }

  /** The sync log a bookkeeper works from: one page of operations, filtered and searched. */
  async operations(query: LogQuery, counter?: ReadCounter): Promise<LogPage> {
    return queryLog(this.deps.db, query, await this.logContext(), counter);
  }

  /** One document's history (the log entries for its docKey), newest first. */
  history(docKey: string): Promise<LogEntry[]> {
    return documentHistory(this.deps.db, docKey);
  }

  /** The clinics and organisations the log's filters offer. */
  async logFacets(): Promise<LogFacets> {
    return logFacets(this.deps.db, await this.logContext());
  }

  /** The sync log, newest first, filtered by what a bookkeeper looks for. */
  async log(
    query: {
      result?: LogEntry['result'];
      opKind?: LogEntry['opKind'];
      tenantId?: string;
      clinicId?: string;
      since?: number;
      until?: number;
      limit?: number;
    } = {},
  ): Promise<LogEntry[]> {
    const from = query.since ?? 0;
    const to = query.until ?? Number.MAX_SAFE_INTEGER;
    return this.deps.db.log
      .where('at')
      .between(from, to, true, true)
      .reverse()
      .filter(
        (e) =>
          (!query.result || e.result === query.result) &&
          (!query.opKind || e.opKind === query.opKind) &&
          (!query.tenantId || e.tenantId === query.tenantId) &&
          (!query.clinicId || e.clinicId === query.clinicId),
      )
      .limit(query.limit ?? 100)
      .toArray();
  }

  /** The link (organisation, document) → Xero id, for tests and the options page. */
  link(tenantId: string, docKey: string) {
    return this.deps.db.links.get(linkKeyOf(tenantId, docKey));
  }
}
