import type { z } from 'zod';
import { toWireJson } from '../../xero/accounting/wire-json';
import {
  XeroDisconnectedError,
  XeroForbiddenError,
  XeroNetworkError,
  XeroNotConnectedError,
  XeroRateLimitError,
  XeroResponseError,
  XeroServerError,
  XeroUnauthorizedError,
  XeroValidationError,
} from '../../xero/errors';
import { contentHash } from '../keys';
import { TenantPausedError } from '../limiter';
import { fail, requeue } from '../outbox';
import { WouldWaitError } from '../transport';
import type { Batch, Operation, OpResult } from '../types';
import type { ExecContext } from './context';

/** Xero answers a repeated Idempotency-Key from its cache for six minutes; stay well inside. */
export const IDEMPOTENCY_WINDOW_MS = 5 * 60_000;

/** The organisation can no longer be reached this run (disconnected): stop, lose nothing. */
export class StopDrain extends Error {
  constructor(
    readonly reason: 'disconnected' | 'paused',
    message: string,
    readonly until?: number,
  ) {
    super(message);
  }
}

/** Xero takes at most 3.5 MB in one request; a batch stays under this. */
export const MAX_REQUEST_BYTES = 3_000_000;

/**
 * The items whose payloads fit in one request: the rest go back to the queue for the next
 * batch, and a single document too large for any request fails with the reason.
 */
export async function fitToRequest<T extends { op: Operation; payload: unknown }>(
  ctx: ExecContext,
  items: T[],
): Promise<T[]> {
  const encoder = new TextEncoder();
  const fit: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = encoder.encode(toWireJson(item.payload)).length;
    if (size > MAX_REQUEST_BYTES) {
      await fail(
        ctx.db,
        item.op,
        {
          code: 'too-large',
          message: `It is ${(size / 1_000_000).toFixed(1)} MB, more than Xero takes in one request (3.5 MB). Shorten its descriptions in the PMS, then retry.`,
        },
        { log: logFor(ctx, item.op, { code: 'too-large', message: 'Too large for one Xero request' }) },
        ctx.clock.now(),
      );
    } else if (fit.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      await requeue(ctx.db, item.op, { notBefore: ctx.clock.now() }, ctx.clock.now());
    } else {
      fit.push(item);
      bytes += size;
    }
  }
  return fit;
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … up to 10 minutes, each somewhere in its upper half. */
export function backoffMs(attempts: number, random: () => number): number {
  const base = Math.min(10 * 60_000, 2_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.5 + random() / 2));
}

export interface WriteRequest {
  method: 'PUT' | 'POST' | 'DELETE';
  path: string;
  query: Record<string, string>;
  /** The body object; serialised once and stored, so a retry sends the same bytes. */
  body: unknown;
}

/**
 * Sends one write for a group of operations and returns Xero's answer, or null when the
 * operations have been put back (transient failure) or failed (permanent). Before anything goes
 * out the request is stored with its Idempotency-Key and the operations are marked as possibly
 * sent, so a worker killed mid-request resends the identical request (answered from Xero's
 * cache) or, later than Xero's window, looks the documents up before creating them again.
 */
export async function sendWrite<T>(
  ctx: ExecContext,
  ops: Operation[],
  request: WriteRequest,
  schema: z.ZodType<T>,
  /** For single-document calls, where Xero answers a refusal with 400: handled here instead of failing. */
  onRefusal?: (messages: string[]) => Promise<boolean>,
): Promise<{ answer: T; ops: Operation[] } | null> {
  const now = ctx.clock.now();
  let batch = await resumable(ctx, ops, now);
  if (batch) {
    const order = new Map(batch.opIds.map((id, i) => [id, i]));
    ops = [...ops].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  } else {
    const body = request.body === null ? null : toWireJson(request.body);
    const salt = Math.max(0, ...ops.map((op) => Number(op.params.keySalt ?? 0)));
    const key = await contentHash([ctx.tenantId, request.method, request.path, request.query, body, salt]);
    batch = {
      id: `${ops[0]!.id}-${key.slice(0, 12)}`,
      tenantId: ctx.tenantId,
      kind: ops[0]!.kind,
      opIds: ops.map((op) => op.id),
      method: request.method,
      path: request.path,
      query: request.query,
      body,
      idempotencyKey: `ps1-${key}`,
      createdAt: now,
      firstSentAt: null,
    };
  }
  const sending: Batch = { ...batch, firstSentAt: batch.firstSentAt ?? now };
  await ctx.db.transaction('rw', ctx.db.batches, ctx.db.operations, async () => {
    await ctx.db.batches.put(sending);
    for (const op of ops) await ctx.db.operations.update(op.id, { batchId: sending.id, uncertain: true });
  });
  try {
    const answer = await ctx.transport.send({
      method: sending.method,
      path: sending.path,
      tenantId: ctx.tenantId,
      query: sending.query,
      body: sending.body,
      ...(sending.method === 'DELETE' ? {} : { idempotencyKey: sending.idempotencyKey }),
      schema,
    });
    await ctx.db.batches.delete(sending.id);
    return { answer, ops };
  } catch (error) {
    if (onRefusal && error instanceof XeroValidationError && !/Idempotency Key/i.test(error.message)) {
      if (await onRefusal(error.messages.length > 0 ? error.messages : [error.message])) {
        await ctx.db.batches.delete(sending.id);
        return null;
      }
    }
    await transportFailure(ctx, ops, error, sending);
    return null;
  }
}

/**
 * Whether these operations can simply be sent again as they were (same bytes, same key, inside
 * Xero's window): then Xero answers from its cache and no look-up is needed first.
 */
export async function canResend(ctx: ExecContext, ops: Operation[]): Promise<boolean> {
  return (await resumable(ctx, ops, ctx.clock.now())) !== null;
}

/** The stored batch these operations were last sent in, if it can be sent again as it was. */
async function resumable(ctx: ExecContext, ops: Operation[], now: number): Promise<Batch | null> {
  const id = ops[0]?.batchId;
  if (!id || ops.some((op) => op.batchId !== id)) return null;
  const batch = await ctx.db.batches.get(id);
  if (!batch || batch.opIds.length !== ops.length) return null;
  if (batch.firstSentAt !== null && now - batch.firstSentAt > IDEMPOTENCY_WINDOW_MS) return null;
  return batch;
}

/** Reads a single-request failure and puts every operation of the request where it belongs. */
export async function transportFailure(
  ctx: ExecContext,
  ops: Operation[],
  error: unknown,
  batch: Batch | null,
) {
  const now = ctx.clock.now();
  const putBack = async (
    notBefore: number,
    change: { keepBatch: boolean; keySalt?: boolean; result?: OpResult; refund?: boolean; notSent?: boolean },
  ) => {
    for (const op of ops) {
      await requeue(
        ctx.db,
        op,
        {
          notBefore,
          keepBatch: change.keepBatch,
          // Xero did not process it (a rate limit is checked first): no more uncertain than before.
          ...(change.notSent ? { uncertain: op.uncertain } : {}),
          ...(change.keySalt ? { params: { keySalt: Number(op.params.keySalt ?? 0) + 1 } } : {}),
          ...(change.result ? { result: change.result } : {}),
        },
        now,
      );
      if (change.refund) await ctx.db.operations.update(op.id, { attempts: Math.max(0, op.attempts - 1) });
    }
    if (!change.keepBatch && batch) await ctx.db.batches.delete(batch.id);
  };
  const failAll = async (result: OpResult) => {
    for (const op of ops) {
      await fail(ctx.db, op, result, { log: logFor(ctx, op, result) }, now);
    }
    if (batch) await ctx.db.batches.delete(batch.id);
  };
  const attempts = Math.max(...ops.map((op) => op.attempts));

  if (error instanceof TenantPausedError) {
    await putBack(error.until, {
      keepBatch: true,
      refund: true,
      notSent: true,
      result: { code: 'paused', message: error.reason },
    });
    throw new StopDrain('paused', error.reason, error.until);
  }
  if (error instanceof WouldWaitError) {
    await putBack(now + error.waitMs, { keepBatch: true, refund: true, notSent: true });
    return;
  }
  if (error instanceof XeroRateLimitError) {
    // Xero checks its limits before the idempotency key: nothing was processed, the same request may go again.
    const waitMs =
      error.problem === 'day'
        ? (error.retryAfterSeconds ?? 3600) * 1000
        : (error.retryAfterSeconds ?? 2) * 1000;
    await putBack(now + waitMs, { keepBatch: true, refund: true, notSent: true });
    if (error.problem === 'day') throw new StopDrain('paused', error.message, now + waitMs);
    return;
  }
  if (error instanceof XeroDisconnectedError || error instanceof XeroNotConnectedError) {
    await putBack(now, {
      keepBatch: true,
      refund: true,
      result: { code: 'disconnected', message: error.message },
    });
    throw new StopDrain('disconnected', error.message);
  }
  if (error instanceof XeroNetworkError) {
    // It may have landed: send the same bytes with the same key (Xero answers from its cache).
    await putBack(now + backoffMs(attempts, ctx.random), {
      keepBatch: true,
      result: { code: 'network', message: `${error.message} (will try again)` },
    });
    return;
  }
  if (error instanceof XeroServerError || error instanceof XeroResponseError) {
    // Xero caches errors under the key too: the next try needs a new key, and a look first.
    await putBack(now + backoffMs(attempts, ctx.random), {
      keepBatch: false,
      keySalt: true,
      result: { code: 'server', message: `Xero answered with an error (${error.message}); will try again` },
    });
    return;
  }
  if (error instanceof XeroValidationError && /Idempotency Key/i.test(error.message)) {
    await putBack(now, { keepBatch: false, keySalt: true });
    return;
  }
  if (error instanceof XeroForbiddenError) {
    return failAll({
      code: 'forbidden',
      message:
        'Xero refused access to this organisation: it is no longer connected to this extension. Connect it again, then retry.',
      xeroMessages: [error.detail],
    });
  }
  if (error instanceof XeroUnauthorizedError) {
    return failAll({ code: 'unauthorized', message: error.message });
  }
  if (error instanceof XeroValidationError) {
    return failAll({
      code: 'validation',
      message: `Xero refused it: ${error.message}`,
      xeroMessages: error.messages,
    });
  }
  return failAll({ code: 'error', message: error instanceof Error ? error.message : String(error) });
}

export function logFor(
  ctx: ExecContext,
  op: Operation,
  result: OpResult,
  extra: { xeroId?: string | null; number?: string | null } = {},
) {
  return {
    at: ctx.clock.now(),
    tenantId: ctx.tenantId,
    docKey: op.docKey,
    label: op.label,
    clinicId: op.clinicId,
    opKind: op.kind,
    result: 'failed' as const,
    message: result.message,
    ...(result.xeroMessages ? { xeroMessages: result.xeroMessages } : {}),
    ...extra,
  };
}
