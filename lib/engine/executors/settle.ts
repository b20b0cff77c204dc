import { complete, fail, requeue } from '../outbox';
import type { Link, LogResult, Operation, OpResult } from '../types';
import type { ExecContext } from './context';
import { logFor } from './send';

/** The operation went through: write its link, log it, let what waited for it go. */
export async function succeeded(
  ctx: ExecContext,
  op: Operation,
  link: Link | null,
  message: string,
  options: { removeLink?: string; result?: LogResult } = {},
) {
  await complete(
    ctx.db,
    op,
    {
      link,
      ...(options.removeLink ? { removeLink: options.removeLink } : {}),
      result: options.result === 'skipped' ? { code: 'skipped', message } : null,
      log: {
        at: ctx.clock.now(),
        tenantId: ctx.tenantId,
        docKey: op.docKey,
        label: op.label,
        clinicId: op.clinicId,
        opKind: op.kind,
        result: options.result ?? 'ok',
        message,
        xeroId: link?.xeroId ?? null,
        number: link?.number ?? null,
      },
    },
    ctx.clock.now(),
  );
  ctx.changed([op.docKey]);
}

/** Refused: kept as failed with the reason (Xero's own words when Xero refused), until a retry. */
export async function failed(ctx: ExecContext, op: Operation, result: OpResult) {
  await fail(ctx.db, op, result, { log: logFor(ctx, op, result) }, ctx.clock.now());
  ctx.changed([op.docKey]);
}

export async function refusedByXero(ctx: ExecContext, op: Operation, messages: string[], advice?: string) {
  const said = messages.length > 0 ? messages.join(' ') : 'Xero refused it without saying why.';
  await failed(ctx, op, {
    code: 'validation',
    message: advice ? `Xero refused it: ${said} ${advice}` : `Xero refused it: ${said}`,
    xeroMessages: messages,
  });
}

/** Back in the queue right away, with new inputs (a look-up first, another name…). */
export async function again(
  ctx: ExecContext,
  op: Operation,
  params: Record<string, unknown>,
  uncertain = false,
) {
  await requeue(ctx.db, op, { notBefore: ctx.clock.now(), uncertain, params }, ctx.clock.now());
}

export const matches = (messages: string[], pattern: RegExp) => messages.some((m) => pattern.test(m));
