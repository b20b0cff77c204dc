import { dec, formatFixed } from '../../money/decimal';
import type { Payment } from '../../records/schema';
import {
  elementMessages,
  elementSaved,
  type PaymentAnswer,
  paymentsEnvelope,
} from '../../xero/accounting/answers';
import type { XeroPaymentPayload } from '../../xero/accounting/payloads';
import { contentHash, docKeyOf, linkKeyOf, parseDocKey } from '../keys';
import { paymentTag, readPaymentTag } from '../mapping/keys';
import { mapPayment } from '../mapping/payments';
import { addOperations } from '../outbox';
import type { Operation } from '../types';
import { clinicSettings, type ExecContext, linkOf, newLink, recordsFor, sourceOfOp } from './context';
import { canResend, fitToRequest, sendWrite } from './send';
import { failed, matches, refusedByXero, succeeded } from './settle';

const OVERPAID = /exceeds the amount outstanding/i;
const NOT_AUTHORISED = /only be made against Authori[sz]ed documents/i;
const ALREADY_DELETED = /already (been )?deleted|has been deleted/i;

interface Prepared {
  op: Operation;
  payload: XeroPaymentPayload;
  hash: string;
  amount: string;
  targetDocKey: string;
  /** The document paid was found in Xero rather than created by this engine: it may carry this payment already. */
  targetAdopted: boolean;
}

/** The time from which this organisation's new payments must be checked for doubles. */
const sweepKey = (tenantId: string) => `sweep:${tenantId}`;

/**
 * Payments, 50 a call: one Xero payment per allocation of a PMS payment (and refunds, paid out
 * against a credit note), each with the PMS payment's tag in its Reference. Xero has no unique
 * key for payments, so before sending one that may already be there (a lost answer), Xero is
 * asked for payments with that Reference.
 */
export async function createPayments(ctx: ExecContext, ops: Operation[]) {
  const records = await recordsFor(ctx, ops);
  let items: Prepared[] = [];
  for (const op of ops) {
    const payment = records.get(op.recordKey ?? '')?.data as Payment | undefined;
    const targetId = String(op.params.targetId);
    const isInvoice = op.params.target !== 'creditNote';
    const allocation = payment?.deleted
      ? undefined
      : payment?.allocations.find((a) =>
          'invoiceId' in a
            ? a.invoiceId === targetId && isInvoice
            : a.creditNoteId === targetId && !isInvoice,
        );
    if (!payment || !allocation) {
      await succeeded(ctx, op, null, 'Not sent: the payment was deleted or changed in the PMS first.', {
        result: 'skipped',
      });
      continue;
    }
    const { sourceKey } = parseDocKey(op.docKey);
    const targetDocKey = docKeyOf(sourceKey, isInvoice ? 'invoice' : 'creditNote', targetId);
    const target = await linkOf(ctx, targetDocKey);
    if (!target) {
      await failed(ctx, op, {
        code: 'missing',
        message: `The ${isInvoice ? 'invoice' : 'credit note'} it pays is not in Xero yet.`,
      });
      continue;
    }
    const mapped = mapPayment(payment, {
      settings: clinicSettings(ctx, op),
      org: ctx.facts,
      tag: paymentTag(sourceOfOp(op), payment.id, targetId),
      target: isInvoice ? { InvoiceID: target.xeroId } : { CreditNoteID: target.xeroId },
      amount: allocation.amount,
    });
    if (!mapped.ok) {
      await failed(ctx, op, { code: 'mapping', message: mapped.reason });
      continue;
    }
    items.push({
      op,
      payload: mapped.value,
      amount: allocation.amount,
      targetDocKey,
      targetAdopted: target.extra.adopted === true,
      hash: await contentHash({
        method: payment.method,
        date: payment.date,
        amount: allocation.amount,
        reference: payment.reference ?? null,
      }),
    });
  }
  if (items.length === 0) return;

  if (
    !(await canResend(
      ctx,
      items.map((i) => i.op),
    ))
  ) {
    const uncertain = items.filter((i) => i.op.uncertain || i.targetAdopted);
    if (uncertain.length > 0) {
      const found = await ctx.accounting.paymentsByReferences(
        ctx.tenantId,
        uncertain.map((i) => i.payload.Reference),
      );
      const adopted = new Set<string>();
      for (const item of uncertain) {
        const existing = livePaymentsTagged(found, item.payload.Reference)[0];
        if (existing) {
          await recordPayment(
            ctx,
            item,
            existing,
            'Already in Xero: linked to the existing payment, nothing paid twice',
          );
          adopted.add(item.op.id);
        }
      }
      items = items.filter((i) => !adopted.has(i.op.id));
    }
  }
  items = await fitToRequest(ctx, items);
  if (items.length === 0) return;
  const sentAt = ctx.clock.now();
  const sent = await sendWrite(
    ctx,
    items.map((i) => i.op),
    {
      method: 'PUT',
      path: 'Payments',
      query: { summarizeErrors: 'false' },
      body: { Payments: items.map((i) => i.payload) },
    },
    paymentsEnvelope,
  );
  if (!sent) return;
  await noteSweep(ctx, sentAt);
  const overpaid: Prepared[] = [];
  for (const [i, op] of sent.ops.entries()) {
    const item = items.find((it) => it.op.id === op.id)!;
    const answer = sent.answer.Payments[i];
    const messages = answer ? elementMessages(answer) : [];
    if (answer && elementSaved(answer)) {
      await recordPayment(ctx, item, answer, `Payment of ${item.amount} recorded in Xero`);
    } else if (matches(messages, OVERPAID)) {
      overpaid.push(item);
    } else if (matches(messages, NOT_AUTHORISED)) {
      await notAuthorised(ctx, item, messages);
    } else {
      await refusedByXero(ctx, op, messages);
    }
  }
  if (overpaid.length > 0) await resolveOverpaid(ctx, overpaid);
}

function livePaymentsTagged(found: PaymentAnswer[], reference: string): PaymentAnswer[] {
  const tag = readPaymentTag(reference);
  return found
    .filter((p) => p.Status !== 'DELETED' && readPaymentTag(p.Reference) === tag)
    .sort((a, b) => a.PaymentID.localeCompare(b.PaymentID));
}

async function recordPayment(ctx: ExecContext, item: Prepared, answer: PaymentAnswer, message: string) {
  await succeeded(
    ctx,
    item.op,
    newLink(ctx, item.op, {
      xeroId: answer.PaymentID,
      number: readPaymentTag(item.payload.Reference),
      status: answer.Status ?? 'AUTHORISED',
      contentHash: item.hash,
      extra: { amount: item.amount, reference: item.payload.Reference },
    }),
    message,
  );
}

/**
 * Xero refused the payment as more than is due. If the payment is there already (another
 * browser, a lost answer), it is linked; otherwise it is an overpayment, refused with the
 * figures: Xero records overpayments differently, and a PMS total that disagrees needs a look.
 */
async function resolveOverpaid(ctx: ExecContext, items: Prepared[]) {
  const found = await ctx.accounting.paymentsByReferences(
    ctx.tenantId,
    items.map((i) => i.payload.Reference),
  );
  const stillDue = new Map<string, string>();
  const unexplained = items.filter((item) => !livePaymentsTagged(found, item.payload.Reference)[0]);
  const invoiceIds = unexplained.flatMap((i) => (i.payload.Invoice ? [i.payload.Invoice.InvoiceID] : []));
  if (invoiceIds.length > 0) {
    for (const invoice of await ctx.accounting.invoicesByIds(ctx.tenantId, invoiceIds)) {
      stillDue.set(invoice.InvoiceID, formatFixed(dec(invoice.AmountDue ?? 0)));
    }
  }
  for (const item of items) {
    const existing = livePaymentsTagged(found, item.payload.Reference)[0];
    if (existing) {
      await recordPayment(
        ctx,
        item,
        existing,
        'Already in Xero: linked to the existing payment, nothing paid twice',
      );
      continue;
    }
    const due = item.payload.Invoice ? stillDue.get(item.payload.Invoice.InvoiceID) : undefined;
    await failed(ctx, item.op, {
      code: 'overpayment',
      message: `Overpayment refused: the payment is ${item.amount}, but ${due !== undefined ? `only ${due} is still due` : 'less is outstanding'} on that document in Xero. Nothing was recorded. Check the payment and the invoice in the PMS (an overpayment can be recorded in Xero by hand), then retry.`,
      xeroMessages: ['Payment amount exceeds the amount outstanding on this document'],
    });
  }
}

/** Xero takes payments only on approved invoices: approve a Draft first, then pay. */
async function notAuthorised(ctx: ExecContext, item: Prepared, messages: string[]) {
  const target = await linkOf(ctx, item.targetDocKey);
  if (target?.status !== 'DRAFT' && target?.status !== 'SUBMITTED') {
    await refusedByXero(
      ctx,
      item.op,
      messages,
      `The document is ${target?.status?.toLowerCase() ?? 'not approved'} in Xero; payments go only on approved, unpaid documents.`,
    );
    return;
  }
  const [authorise] = await addOperations(
    ctx.db,
    [
      {
        tenantId: ctx.tenantId,
        kind: 'invoice.authorise',
        docKey: item.targetDocKey,
        recordKey: null,
        invoiceRef: item.targetDocKey,
        clinicId: item.op.clinicId,
        label: `Approve invoice ${target.number} (a payment arrived)`,
      },
    ],
    ctx.clock.now(),
  );
  await ctx.db.operations.update(item.op.id, {
    state: 'waiting',
    dependsOn: [authorise!.id],
    batchId: null,
    uncertain: false,
    updatedAt: ctx.clock.now(),
  });
}

async function noteSweep(ctx: ExecContext, from: number) {
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    const row = await ctx.db.meta.get(sweepKey(ctx.tenantId));
    const current = typeof row?.value === 'number' ? row.value : null;
    if (current === null || from < current)
      await ctx.db.meta.put({ key: sweepKey(ctx.tenantId), value: from });
  });
}

/** Payments cannot be edited in Xero: a changed or deleted PMS payment is deleted there (and made again). */
export async function deletePayments(ctx: ExecContext, ops: Operation[]) {
  for (const op of ops) {
    const paymentId = String(op.params.paymentId ?? (await linkOf(ctx, op.docKey))?.xeroId ?? '');
    if (!paymentId) {
      await succeeded(ctx, op, null, 'Nothing to delete in Xero.', {
        removeLink: linkKeyOf(ctx.tenantId, op.docKey),
        result: 'skipped',
      });
      continue;
    }
    let handled = false;
    const sent = await sendWrite(
      ctx,
      [op],
      { method: 'POST', path: `Payments/${paymentId}`, query: {}, body: { Status: 'DELETED' } },
      paymentsEnvelope,
      async (messages) => {
        if (matches(messages, ALREADY_DELETED)) {
          handled = true;
          await succeeded(ctx, op, null, 'Payment already deleted in Xero', {
            removeLink: linkKeyOf(ctx.tenantId, op.docKey),
          });
          return true;
        }
        if (matches(messages, /reconciled/i)) {
          handled = true;
          await refusedByXero(
            ctx,
            op,
            messages,
            'Un-reconcile it in Xero (Bank account → Reconciled → Unreconcile), then retry.',
          );
          return true;
        }
        return false;
      },
    );
    if (!sent || handled) continue;
    const answer = sent.answer.Payments[0];
    if (answer && (elementSaved(answer) || answer.Status === 'DELETED')) {
      await succeeded(ctx, op, null, 'Payment deleted in Xero', {
        removeLink: linkKeyOf(ctx.tenantId, op.docKey),
      });
    } else {
      await refusedByXero(ctx, op, answer ? elementMessages(answer) : []);
    }
  }
}

/**
 * Two browsers pushing the same payment at once can both get it in. After payments were made,
 * the engine reads the organisation's payments changed since then (a page of 1,000 a call) and
 * keeps one per tag: the one with the smallest id, a rule every engine applies alike, so all of
 * them remove the same doubles and link the same survivor.
 */
export async function sweepDoubledPayments(ctx: ExecContext): Promise<number> {
  const row = await ctx.db.meta.get(sweepKey(ctx.tenantId));
  if (typeof row?.value !== 'number') return 0;
  const since = new Date(row.value - 60_000);
  const payments = await ctx.accounting.paymentsChangedSince(ctx.tenantId, since);
  const byTag = new Map<string, PaymentAnswer[]>();
  for (const p of payments) {
    const tag = readPaymentTag(p.Reference);
    if (!tag || p.Status === 'DELETED') continue;
    byTag.set(tag, [...(byTag.get(tag) ?? []), p]);
  }
  let removed = 0;
  for (const [tag, group] of byTag) {
    if (group.length < 2) continue;
    const [keep, ...doubles] = group.sort((a, b) => a.PaymentID.localeCompare(b.PaymentID));
    for (const double of doubles) {
      try {
        await ctx.transport.send({
          method: 'POST',
          path: `Payments/${double.PaymentID}`,
          tenantId: ctx.tenantId,
          body: JSON.stringify({ Status: 'DELETED' }),
          idempotencyKey: `ps1-sweep-${double.PaymentID}`,
          schema: paymentsEnvelope,
        });
        removed++;
      } catch {
        // Already deleted by another engine, or a transient failure: the next sweep sees it again.
      }
    }
    const links = await ctx.db.links
      .where('[tenantId+kind]')
      .anyOf([
        [ctx.tenantId, 'payment'],
        [ctx.tenantId, 'refund'],
      ])
      .filter((l) => l.number === tag)
      .toArray();
    for (const link of links) {
      if (link.xeroId !== keep!.PaymentID)
        await ctx.db.links.put({ ...link, xeroId: keep!.PaymentID, updatedAt: ctx.clock.now() });
      await ctx.db.log.add({
        at: ctx.clock.now(),
        tenantId: ctx.tenantId,
        docKey: link.docKey,
        label: link.label,
        clinicId: link.clinicId,
        opKind: 'payment.create',
        result: 'info',
        message: `Xero had this payment ${group.length} times (pushed at once from two places); the extra ${doubles.length === 1 ? 'copy was' : 'copies were'} deleted.`,
        xeroId: keep!.PaymentID,
        number: tag,
      });
    }
  }
  await ctx.db.meta.delete(sweepKey(ctx.tenantId));
  return removed;
}
