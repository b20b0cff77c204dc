import Dexie from 'dexie';
import { type SyncSettings, settingsForClinic } from '../settings/sync-settings';
import type { XeroAccounting } from '../xero/accounting/api';
import { XeroDisconnectedError, XeroError, XeroNotConnectedError, XeroRateLimitError } from '../xero/errors';
import type { EngineClock } from './clock';
import type { EngineDb } from './db';
import { createAllocations, deleteAllocations } from './executors/allocations';
import { createContacts, updateContacts } from './executors/contacts';
import type { ExecContext } from './executors/context';
import {
  authoriseInvoices,
  createCreditNotes,
  createInvoices,
  updateCreditNotes,
  updateInvoices,
  voidCreditNotes,
  voidInvoices,
} from './executors/documents';
import { createPayments, deletePayments, sweepDoubledPayments } from './executors/payments';
import { logFor, StopDrain, transportFailure } from './executors/send';
import { organisationFacts } from './facts';
import { TenantPausedError } from './limiter';
import {
  BATCH_SIZE,
  claim,
  fail,
  KIND_PRIORITY,
  recoverExpiredLeases,
  requeue,
  SINGLE_CALL_KINDS,
} from './outbox';
import { type LimitedTransport, WouldWaitError } from './transport';
import type { Operation, OpKind } from './types';

const EXECUTORS: Record<OpKind, (ctx: ExecContext, ops: Operation[]) => Promise<void>> = {
  'contact.create': createContacts,
  'contact.update': updateContacts,
  'invoice.create': createInvoices,
  'invoice.update': updateInvoices,
  'invoice.authorise': authoriseInvoices,
  'invoice.void': voidInvoices,
  'payment.create': createPayments,
  'payment.delete': deletePayments,
  'creditNote.create': createCreditNotes,
  'creditNote.update': updateCreditNotes,
  'creditNote.void': voidCreditNotes,
  'allocation.create': createAllocations,
  'allocation.delete': deleteAllocations,
};

/** How often operations held back by "synchronisation off" are looked at again. */
const HELD_RECHECK_MS = 10 * 60_000;

/** At most this many batches of one organisation are worked on at once (Xero: 5 calls in flight). */
const CONCURRENCY = 5;

export interface RunnerDeps {
  db: EngineDb;
  transport: LimitedTransport;
  accounting: XeroAccounting;
  clock: EngineClock;
  settings: () => Promise<SyncSettings>;
  random: () => number;
  changed: (docKeys: string[]) => void;
}

export interface DrainOptions {
  /** The longest wait a run sleeps through; a longer one ends the run with `resumeAt` (an alarm wakes it). */
  maxWaitMs?: number;
}

export interface DrainReport {
  /** Why the run ended: nothing left, a later wake-up, Xero disconnected, or a day limit. */
  stopped: 'idle' | 'waiting' | 'disconnected' | 'paused';
  resumeAt: number | null;
  reason: string | null;
  /** Payments found twice in Xero and removed. */
  doublesRemoved: number;
}

/**
 * Works the queue: for each organisation, claims batches in dependency order (contacts, then
 * invoices, …), up to five at a time, and sends them through the limiter. A partial batch is
 * held back while more of its kind are about to become ready, so backfills go out in full
 * batches of 50. Everything it does is recorded in the database as it happens, so stopping it
 * anywhere loses nothing.
 */
export class Runner {
  private readonly owner = `run-${Math.random().toString(36).slice(2, 10)}`;
  private started = false;

  constructor(private readonly deps: RunnerDeps) {}

  async drain(options: DrainOptions = {}): Promise<DrainReport> {
    const maxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
    // The first run of a new runner (a restarted worker) takes back what the stopped one held.
    await recoverExpiredLeases(this.deps.db, this.deps.clock.now(), this.started ? undefined : this.owner);
    this.started = true;
    const tenants = await this.tenantsWithWork();
    const reports = await Promise.all(tenants.map((t) => this.drainTenant(t, maxWaitMs)));
    const report: DrainReport = { stopped: 'idle', resumeAt: null, reason: null, doublesRemoved: 0 };
    for (const r of reports) {
      report.doublesRemoved += r.doublesRemoved;
      if (r.stopped === 'disconnected') Object.assign(report, { stopped: r.stopped, reason: r.reason });
      if (r.resumeAt !== null && (report.resumeAt === null || r.resumeAt < report.resumeAt))
        report.resumeAt = r.resumeAt;
      if (report.stopped === 'idle' && r.stopped !== 'idle')
        Object.assign(report, { stopped: r.stopped, reason: r.reason });
    }
    return report;
  }

  private async tenantsWithWork(): Promise<string[]> {
    const tenants = new Set<string>();
    // Whole-range reads rather than cursors: IndexedDB hands a range over in one go.
    for (const state of ['queued', 'waiting', 'leased'] as const) {
      for (const op of await this.deps.db.operations.where('state').equals(state).toArray())
        tenants.add(op.tenantId);
    }
    return [...tenants];
  }

  private async drainTenant(tenantId: string, maxWaitMs: number): Promise<DrainReport> {
    const report: DrainReport = { stopped: 'idle', resumeAt: null, reason: null, doublesRemoved: 0 };
    let ctx: ExecContext;
    try {
      ctx = await this.context(tenantId);
    } catch (error) {
      return this.stoppedBy(error, report);
    }
    const inflight = new Set<Promise<void>>();
    let stop: StopDrain | null = null;
    for (;;) {
      if (stop) break;
      if (inflight.size < CONCURRENCY) {
        const ops = await this.holdDisabled(ctx, await this.pickNext(tenantId, inflight.size > 0));
        if (ops.length > 0) {
          const run: Promise<void> = EXECUTORS[ops[0]!.kind](ctx, ops)
            .catch(async (error: unknown) => {
              try {
                await this.settleInterrupted(ctx, ops, error);
              } catch (stopped) {
                if (stopped instanceof StopDrain) stop = stopped;
                else throw stopped;
              }
            })
            .finally(() => inflight.delete(run));
          inflight.add(run);
          continue;
        }
      }
      if (inflight.size > 0) {
        await Promise.race(inflight);
        continue;
      }
      const wake = await this.nextWake(tenantId);
      if (wake === null) break;
      const waitMs = wake - this.deps.clock.now();
      if (waitMs > maxWaitMs) {
        report.stopped = 'waiting';
        report.resumeAt = wake;
        break;
      }
      await this.deps.clock.sleep(Math.max(waitMs, 0));
      await recoverExpiredLeases(this.deps.db, this.deps.clock.now());
    }
    await Promise.all(inflight);
    if (stop) {
      const halted = stop as StopDrain;
      report.stopped = halted.reason;
      report.reason = halted.message;
      report.resumeAt = halted.until ?? null;
      return report;
    }
    try {
      report.doublesRemoved = await sweepDoubledPayments(ctx);
    } catch (error) {
      if (!(error instanceof XeroError)) throw error;
    }
    return report;
  }

  /**
   * "Synchronisation off" means nothing is sent, also what was queued before it was switched
   * off: those operations stay queued, saying why, and go once it is on again.
   */
  private async holdDisabled(ctx: ExecContext, ops: Operation[]): Promise<Operation[]> {
    const held = ops.filter((op) => !settingsForClinic(ctx.settings, op.clinicId ?? '').enabled);
    const now = this.deps.clock.now();
    for (const op of held) {
      await requeue(
        this.deps.db,
        op,
        {
          notBefore: now + HELD_RECHECK_MS,
          result: {
            code: 'held',
            message: 'Synchronisation is off for this clinic: it waits until it is on again.',
          },
        },
        now,
      );
    }
    return held.length === 0 ? ops : ops.filter((op) => !held.includes(op));
  }

  /**
   * An executor stopped before settling all of its batch. A call to Xero that failed (a look-up
   * rate-limited, a time-out, Xero down, disconnected) puts the rest back as any failed send does;
   * anything else fails them with the reason, rather than leaving them "syncing" to be picked up
   * and fail the same way forever.
   */
  private async settleInterrupted(ctx: ExecContext, ops: Operation[], error: unknown) {
    if (error instanceof StopDrain) throw error;
    const open: Operation[] = [];
    for (const op of ops) {
      const current = await this.deps.db.operations.get(op.id);
      if (current?.state === 'leased') open.push(current);
    }
    if (open.length === 0) return;
    if (error instanceof XeroError || error instanceof TenantPausedError || error instanceof WouldWaitError) {
      await transportFailure(ctx, open, error, null);
      ctx.changed(open.map((op) => op.docKey));
      return;
    }
    console.error('[practice-sync] executor failed', error);
    const message = `It could not be sent: ${error instanceof Error ? error.message : String(error)}`;
    for (const op of ops) {
      const current = await this.deps.db.operations.get(op.id);
      if (current?.state === 'leased') {
        await fail(
          this.deps.db,
          current,
          { code: 'error', message },
          { log: logFor(ctx, current, { code: 'error', message }) },
          this.deps.clock.now(),
        );
        ctx.changed([op.docKey]);
      }
    }
  }

  private async context(tenantId: string): Promise<ExecContext> {
    const facts = await organisationFacts(this.deps.db, this.deps.accounting, this.deps.clock, tenantId);
    return {
      db: this.deps.db,
      clock: this.deps.clock,
      transport: this.deps.transport,
      accounting: this.deps.accounting,
      settings: await this.deps.settings(),
      facts,
      tenantId,
      random: this.deps.random,
      changed: this.deps.changed,
      memo: new Map(),
    };
  }

  private stoppedBy(error: unknown, report: DrainReport): DrainReport {
    if (error instanceof XeroDisconnectedError || error instanceof XeroNotConnectedError) {
      return { ...report, stopped: 'disconnected', reason: error.message };
    }
    if (error instanceof TenantPausedError)
      return { ...report, stopped: 'paused', reason: error.reason, resumeAt: error.until };
    if (error instanceof XeroRateLimitError) {
      return {
        ...report,
        stopped: 'waiting',
        reason: error.message,
        resumeAt: this.deps.clock.now() + (error.retryAfterSeconds ?? 2) * 1000,
      };
    }
    if (error instanceof XeroError) {
      // Xero could not be reached for the organisation's details: try again in a minute.
      return {
        ...report,
        stopped: 'waiting',
        reason: error.message,
        resumeAt: this.deps.clock.now() + 60_000,
      };
    }
    throw error;
  }

  /**
   * The next batch to send. Kinds in dependency order; a kind with fewer than a full batch ready
   * waits while work in flight may release more of it (a full batch later is one call, a partial
   * one now would be two).
   */
  private async pickNext(tenantId: string, othersInFlight: boolean): Promise<Operation[]> {
    const now = this.deps.clock.now();
    const ops = this.deps.db.operations;
    for (const kind of KIND_PRIORITY) {
      const ready = await ops
        .where('[state+tenantId+kind+notBefore]')
        .between(['queued', tenantId, kind, Dexie.minKey], ['queued', tenantId, kind, now], true, true)
        .count();
      if (ready === 0) continue;
      const size = SINGLE_CALL_KINDS.has(kind) ? 1 : BATCH_SIZE;
      if (ready < size && othersInFlight) {
        const coming = await ops
          .where('[state+tenantId+kind+notBefore]')
          .between(['waiting', tenantId, kind, Dexie.minKey], ['waiting', tenantId, kind, Dexie.maxKey])
          .count();
        if (coming > 0) continue;
      }
      const claimed = await claim(this.deps.db, tenantId, kind, size, now, this.owner);
      if (claimed.length > 0) return claimed;
    }
    return [];
  }

  /** When something of this organisation can next be worked on: a retry time, or an expired lease. */
  private async nextWake(tenantId: string): Promise<number | null> {
    let wake: number | null = null;
    for (const state of ['queued', 'leased'] as const) {
      for (const op of await this.deps.db.operations
        .where('[tenantId+state]')
        .equals([tenantId, state])
        .toArray()) {
        const at = state === 'queued' ? op.notBefore : op.leaseUntil;
        if (wake === null || at < wake) wake = at;
      }
    }
    return wake;
  }
}
