import Dexie from 'dexie';
import type { EngineDb } from './db';
import type { Link, LogEntry, Operation, OpKind, OpResult, OpState } from './types';

/**
 * The durable queue. Every state change is one IndexedDB transaction, so a worker killed at any
 * moment leaves a consistent queue: an operation is waiting, queued, leased (and picked up again
 * once its lease runs out), or finished — never half of two.
 */
export const LEASE_MS = 3 * 60_000;
export const BATCH_SIZE = 50;

/** The order in which kinds are sent: what others depend on goes first. */
export const KIND_PRIORITY: readonly OpKind[] = [
  'contact.create',
  'contact.update',
  'invoice.create',
  'invoice.update',
  'invoice.authorise',
  'payment.delete',
  'allocation.delete',
  'payment.create',
  'creditNote.create',
  'creditNote.update',
  'allocation.create',
  'creditNote.void',
  'invoice.void',
];

/** Kinds sent as one call per operation (Xero has no batch form for them). */
export const SINGLE_CALL_KINDS: ReadonlySet<OpKind> = new Set([
  'payment.delete',
  'allocation.create',
  'allocation.delete',
]);

export interface NewOperation {
  /** Assigned by `reserveIds` when operations added together refer to one another. */
  id?: string;
  tenantId: string;
  kind: OpKind;
  docKey: string;
  recordKey: string | null;
  invoiceRef?: string | null;
  clinicId: string | null;
  label: string;
  dependsOn?: string[];
  params?: Record<string, unknown>;
}

const TABLES = (db: EngineDb) => [db.operations, db.links, db.log, db.meta, db.batches] as const;

/** Ids in queue order: a zero-padded counter, so the primary key sorts as the queue does. */
export async function reserveIds(db: EngineDb, count: number): Promise<string[]> {
  const row = await db.meta.get('seq');
  const start = typeof row?.value === 'number' ? row.value : 0;
  await db.meta.put({ key: 'seq', value: start + count });
  return Array.from({ length: count }, (_, i) => String(start + i + 1).padStart(12, '0'));
}

/** Adds operations (inside the caller's transaction). Those whose dependencies failed start blocked. */
export async function addOperations(db: EngineDb, items: NewOperation[], now: number): Promise<Operation[]> {
  if (items.length === 0) return [];
  const missing = items.filter((item) => !item.id).length;
  const fresh = missing > 0 ? await reserveIds(db, missing) : [];
  const ids = items.map((item) => item.id ?? fresh.shift()!);
  const created: Operation[] = [];
  const byId = new Map<string, Operation>();
  for (const [i, item] of items.entries()) {
    const deps = [...new Set(item.dependsOn ?? [])];
    const depOps = await Promise.all(deps.map(async (id) => byId.get(id) ?? (await db.operations.get(id))));
    const unfinished = depOps.filter((d) => d && d.state !== 'done');
    const failed = unfinished.find(
      (d) => d && (d.state === 'failed' || d.state === 'blocked' || d.state === 'cancelled'),
    );
    const op: Operation = {
      id: ids[i]!,
      seq: Number(ids[i]),
      tenantId: item.tenantId,
      kind: item.kind,
      docKey: item.docKey,
      recordKey: item.recordKey,
      invoiceRef: item.invoiceRef ?? null,
      clinicId: item.clinicId,
      label: item.label,
      state: failed ? 'blocked' : unfinished.length > 0 ? 'waiting' : 'queued',
      dependsOn: unfinished.map((d) => d!.id),
      attempts: 0,
      notBefore: now,
      leaseUntil: 0,
      batchId: null,
      uncertain: false,
      params: item.params ?? {},
      result: failed ? blockedBy(failed) : null,
      createdAt: now,
      updatedAt: now,
    };
    byId.set(op.id, op);
    created.push(op);
  }
  await db.operations.bulkAdd(created);
  return created;
}

function blockedBy(parent: Operation): OpResult {
  return {
    code: 'blocked',
    message: `Waiting for ${parent.label}: ${parent.result?.message ?? (parent.state === 'cancelled' ? 'it was cancelled' : 'it did not go through')}`,
  };
}

/**
 * Takes up to `max` ready operations of one kind for one organisation, leasing them in the same
 * transaction so no other worker takes them. Operations that came back from an expired lease
 * with a batch still inside Xero's idempotency window are taken together, so that batch is sent
 * again byte for byte.
 */
export async function claim(
  db: EngineDb,
  tenantId: string,
  kind: OpKind,
  max: number,
  now: number,
  owner: string,
): Promise<Operation[]> {
  return db.transaction('rw', db.operations, db.batches, async () => {
    // Ordered by notBefore, then id (= queue order); only what is due now.
    const ready = await db.operations
      .where('[state+tenantId+kind+notBefore]')
      .between(['queued', tenantId, kind, Dexie.minKey], ['queued', tenantId, kind, now], true, true)
      .toArray();
    if (ready.length === 0) return [];
    let chosen = ready.slice(0, max);
    const first = ready[0]!;
    if (first.batchId) {
      const sameBatch = ready.filter((op) => op.batchId === first.batchId);
      const batch = await db.batches.get(first.batchId);
      chosen =
        batch && sameBatch.length === batch.opIds.length
          ? sameBatch
          : [first, ...ready.filter((op) => !op.batchId)].slice(0, max);
    } else {
      chosen = ready.filter((op) => !op.batchId).slice(0, max);
    }
    const leaseUntil = now + LEASE_MS;
    for (const op of chosen) {
      op.state = 'leased';
      op.leaseUntil = leaseUntil;
      op.attempts += 1;
      op.updatedAt = now;
      op.params = { ...op.params, leaseOwner: owner };
    }
    await db.operations.bulkPut(chosen);
    return chosen;
  });
}

/**
 * Operations whose worker died: back to the queue. If their request may have reached Xero,
 * they are marked uncertain, so they are looked up in Xero before being created again.
 * `notOwnedBy` also takes back leases that have not run out but belong to another runner: an
 * engine's database is worked by one runner at a time (the extension has one service worker),
 * so when a new runner starts, an older one's leases are those of a worker that was stopped.
 */
export async function recoverExpiredLeases(db: EngineDb, now: number, notOwnedBy?: string): Promise<number> {
  return db.transaction('rw', db.operations, db.batches, async () => {
    const leased = notOwnedBy
      ? (await db.operations.where('state').equals('leased').toArray()).filter(
          (op) => op.leaseUntil <= now || op.params.leaseOwner !== notOwnedBy,
        )
      : await db.operations
          .where('[state+leaseUntil]')
          .between(['leased', 0], ['leased', now], true, true)
          .toArray();
    for (const op of leased) {
      const batch = op.batchId ? await db.batches.get(op.batchId) : undefined;
      op.state = 'queued';
      op.uncertain ||= Boolean(batch?.firstSentAt);
      if (!batch) op.batchId = null;
      op.notBefore = now;
      op.updatedAt = now;
    }
    await db.operations.bulkPut(leased);
    return leased.length;
  });
}

async function appendLog(db: EngineDb, entry: LogEntry | null) {
  if (entry) await db.log.add(entry);
}

/** Done: the link is written, dependents whose other dependencies are done become ready. */
export async function complete(
  db: EngineDb,
  op: Operation,
  change: { link?: Link | null; removeLink?: string; log: LogEntry | null; result?: OpResult | null },
  now: number,
): Promise<void> {
  await db.transaction('rw', TABLES(db), async () => {
    const current = await db.operations.get(op.id);
    if (!current || current.state === 'done' || current.state === 'cancelled') return;
    if (change.link) await db.links.put(change.link);
    if (change.removeLink) await db.links.delete(change.removeLink);
    await db.operations.put({
      ...current,
      state: 'done',
      batchId: null,
      uncertain: false,
      result: change.result ?? null,
      updatedAt: now,
    });
    await appendLog(db, change.log);
    await releaseDependents(db, op.id, now);
  });
}

async function releaseDependents(db: EngineDb, parentId: string, now: number) {
  const dependents = await db.operations.where('dependsOn').equals(parentId).toArray();
  for (const dep of dependents) {
    if (dep.state !== 'waiting' && dep.state !== 'blocked') continue;
    const parents = await db.operations.bulkGet(dep.dependsOn);
    const open = parents.filter((p) => p && p.state !== 'done');
    const bad = open.find(
      (p) => p && (p.state === 'failed' || p.state === 'blocked' || p.state === 'cancelled'),
    );
    const state: OpState = bad ? 'blocked' : open.length > 0 ? 'waiting' : 'queued';
    await db.operations.put({
      ...dep,
      state,
      result: bad ? blockedBy(bad) : null,
      notBefore: now,
      updatedAt: now,
    });
  }
}

/** Blocks everything that (directly or not) waits for `parent`, saying why. */
async function blockDependents(db: EngineDb, parent: Operation, now: number) {
  const queue = [parent];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current.id)) continue;
    seen.add(current.id);
    for (const dep of await db.operations.where('dependsOn').equals(current.id).toArray()) {
      if (dep.state !== 'waiting' && dep.state !== 'queued' && dep.state !== 'blocked') continue;
      const blocked = { ...dep, state: 'blocked' as const, result: blockedBy(parent), updatedAt: now };
      await db.operations.put(blocked);
      queue.push(blocked);
    }
  }
}

/** Refused for good (until someone fixes the cause and retries): dependents wait, saying why. */
export async function fail(
  db: EngineDb,
  op: Operation,
  result: OpResult,
  change: { log: LogEntry | null; link?: Link | null },
  now: number,
): Promise<void> {
  await db.transaction('rw', TABLES(db), async () => {
    const current = await db.operations.get(op.id);
    if (!current || current.state === 'done' || current.state === 'cancelled') return;
    const failed: Operation = { ...current, state: 'failed', batchId: null, result, updatedAt: now };
    await db.operations.put(failed);
    if (change.link) await db.links.put(change.link);
    await appendLog(db, change.log);
    await blockDependents(db, failed, now);
  });
}

/** Back to the queue for another try at `notBefore` (a transient failure, or a look-up first). */
export async function requeue(
  db: EngineDb,
  op: Operation,
  change: {
    notBefore: number;
    uncertain?: boolean;
    keepBatch?: boolean;
    params?: Record<string, unknown>;
    result?: OpResult | null;
  },
  now: number,
): Promise<void> {
  await db.transaction('rw', db.operations, async () => {
    const current = await db.operations.get(op.id);
    if (current?.state !== 'leased') return;
    await db.operations.put({
      ...current,
      state: 'queued',
      notBefore: change.notBefore,
      uncertain: change.uncertain ?? current.uncertain,
      batchId: change.keepBatch ? current.batchId : null,
      params: { ...current.params, ...(change.params ?? {}) },
      result: change.result === undefined ? current.result : change.result,
      leaseUntil: 0,
      updatedAt: now,
    });
  });
}

/** Cancels operations that have not been sent (a document deleted before it went out). */
export async function cancel(db: EngineDb, ops: Operation[], reason: string, now: number): Promise<void> {
  for (const op of ops) {
    const cancelled: Operation = {
      ...op,
      state: 'cancelled',
      result: { code: 'cancelled', message: reason },
      updatedAt: now,
    };
    await db.operations.put(cancelled);
    await blockDependents(db, cancelled, now);
  }
}

/**
 * The user's retry (after fixing the cause): failed operations go back to the queue with a
 * fresh start; what waited for them waits again instead of being blocked.
 */
export async function retry(db: EngineDb, opIds: string[], now: number): Promise<Operation[]> {
  return db.transaction('rw', db.operations, async () => {
    const retried: Operation[] = [];
    for (const op of await db.operations.bulkGet(opIds)) {
      if (op?.state !== 'failed') continue;
      const again: Operation = {
        ...op,
        state: 'queued',
        attempts: 0,
        notBefore: now,
        batchId: null,
        result: null,
        updatedAt: now,
      };
      await db.operations.put(again);
      retried.push(again);
      await unblockDependents(db, again, now);
    }
    return retried;
  });
}

async function unblockDependents(db: EngineDb, parent: Operation, now: number) {
  const queue = [parent.id];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const dep of await db.operations.where('dependsOn').equals(id).toArray()) {
      if (dep.state !== 'blocked') continue;
      await db.operations.put({ ...dep, state: 'waiting', result: null, updatedAt: now });
      queue.push(dep.id);
    }
  }
}
