import { dec, formatFixed } from '../../money/decimal';
import type { CreditNote, Invoice } from '../../records/schema';
import { allocationsEnvelope, elementMessages, elementSaved } from '../../xero/accounting/answers';
import { linkKeyOf } from '../keys';
import { mapAllocation } from '../mapping/payments';
import type { Link, Operation } from '../types';
import { type ExecContext, linkOf, newLink, recordsFor } from './context';
import { canResend, sendWrite } from './send';
import { again, failed, matches, refusedByXero, succeeded } from './settle';

const PAID_OFF = /already been paid off/i;
const TOO_MUCH = /greater than (the )?amount outstanding/i;

const creditDocKey = (op: Operation) => op.docKey.replace('|allocation|', '|creditNote|');

/**
 * A credit note's allocation to its invoice: one call each (Xero has no batch form). When the
 * invoice is already paid in full, Xero cannot allocate: the credit stays on the contact as
 * credit, as the PMS keeps it as account credit, and the log says so.
 */
export async function createAllocations(ctx: ExecContext, ops: Operation[]) {
  const records = await recordsFor(ctx, ops);
  for (const op of ops) {
    const creditNote = records.get(op.recordKey ?? '')?.data as CreditNote | undefined;
    const creditLink = await linkOf(ctx, creditDocKey(op));
    const invoiceLink = op.invoiceRef ? await linkOf(ctx, op.invoiceRef) : undefined;
    if (!creditNote || creditNote.deleted || !creditLink || !invoiceLink) {
      await failed(ctx, op, { code: 'missing', message: 'The credit note or its invoice is not in Xero.' });
      continue;
    }
    const invoice = (await ctx.db.records.get(op.invoiceRef!.replace('|invoice|', '|invoices|')))?.data as
      | Invoice
      | undefined;
    const amount = String(op.params.amount ?? creditNote.total);
    const payload = mapAllocation(
      invoiceLink.xeroId,
      amount,
      creditNote.date,
      invoice?.issueDate ?? creditNote.date,
    );

    if (op.uncertain && !(await canResend(ctx, [op]))) {
      const existing = await existingAllocation(ctx, creditLink, invoiceLink);
      if (existing) {
        await record(
          ctx,
          op,
          existing.id,
          existing.amount,
          creditLink,
          invoiceLink,
          'Already allocated in Xero: linked',
        );
        continue;
      }
    }
    let handled = false;
    const refusal = async (messages: string[]) => {
      handled = true;
      await refused(ctx, op, messages, { creditLink, invoiceLink, amount });
      return true;
    };
    const sent = await sendWrite(
      ctx,
      [op],
      {
        method: 'PUT',
        path: `CreditNotes/${creditLink.xeroId}/Allocations`,
        query: { summarizeErrors: 'false' },
        body: { Allocations: [payload] },
      },
      allocationsEnvelope,
      refusal,
    );
    if (!sent || handled) continue;
    const answer = sent.answer.Allocations[0];
    if (answer && elementSaved(answer)) {
      await record(
        ctx,
        op,
        answer.AllocationID ?? null,
        amount,
        creditLink,
        invoiceLink,
        `${creditLink.number} allocated to ${invoiceLink.number} (${amount})`,
      );
    } else {
      await refused(ctx, op, answer ? elementMessages(answer) : [], { creditLink, invoiceLink, amount });
    }
  }
}

async function refused(
  ctx: ExecContext,
  op: Operation,
  messages: string[],
  at: { creditLink: Link; invoiceLink: Link; amount: string },
) {
  const existing = await existingAllocation(ctx, at.creditLink, at.invoiceLink);
  if (existing) {
    // Another browser allocated it first.
    await record(
      ctx,
      op,
      existing.id,
      existing.amount,
      at.creditLink,
      at.invoiceLink,
      'Already allocated in Xero: linked',
    );
    return;
  }
  if (matches(messages, PAID_OFF) || matches(messages, TOO_MUCH)) {
    const [invoice] = await ctx.accounting.invoicesByIds(ctx.tenantId, [at.invoiceLink.xeroId]);
    const due = dec(invoice?.AmountDue ?? 0);
    if (due.gt(0) && due.lt(dec(at.amount))) {
      await again(ctx, op, { amount: formatFixed(due) });
      return;
    }
    await succeeded(
      ctx,
      op,
      null,
      `${at.invoiceLink.number} is already paid in full in Xero, so ${at.creditLink.number} (${at.amount}) cannot be allocated to it. The credit stays on the contact as unallocated credit, like account credit in the PMS; use it against a later invoice or refund it in Xero.`,
      { result: 'skipped' },
    );
    return;
  }
  await refusedByXero(ctx, op, messages);
}

async function existingAllocation(ctx: ExecContext, creditLink: Link, invoiceLink: Link) {
  const creditNote = await ctx.accounting.creditNote(ctx.tenantId, creditLink.xeroId);
  const allocation = (creditNote?.Allocations ?? []).find(
    (a) => a.Invoice.InvoiceID === invoiceLink.xeroId && !a.IsDeleted,
  );
  return allocation
    ? { id: allocation.AllocationID ?? null, amount: formatFixed(dec(allocation.Amount)) }
    : null;
}

async function record(
  ctx: ExecContext,
  op: Operation,
  allocationId: string | null,
  amount: string,
  creditLink: Link,
  invoiceLink: Link,
  message: string,
) {
  await succeeded(
    ctx,
    op,
    newLink(ctx, op, {
      xeroId: allocationId ?? '',
      number: `${creditLink.number} → ${invoiceLink.number}`,
      status: 'ALLOCATED',
      contentHash: creditLink.contentHash,
      extra: { amount, creditNoteId: creditLink.xeroId, invoiceId: invoiceLink.xeroId },
    }),
    message,
  );
}

/** Removes a credit note's allocations to its invoice (before voiding or changing the credit note). */
export async function deleteAllocations(ctx: ExecContext, ops: Operation[]) {
  for (const op of ops) {
    const creditLink = await linkOf(ctx, creditDocKey(op));
    const allocationLink = await linkOf(ctx, op.docKey);
    if (!creditLink || !allocationLink) {
      await succeeded(ctx, op, null, 'No allocation in Xero to remove.', {
        removeLink: linkKeyOf(ctx.tenantId, op.docKey),
        result: 'skipped',
      });
      continue;
    }
    const creditNote = await ctx.accounting.creditNote(ctx.tenantId, creditLink.xeroId);
    const invoiceId = String(allocationLink.extra.invoiceId ?? '');
    const live = (creditNote?.Allocations ?? []).filter(
      (a) => a.Invoice.InvoiceID === invoiceId && !a.IsDeleted && a.AllocationID,
    );
    let ok = true;
    for (const allocation of live) {
      const sent = await sendWrite(
        ctx,
        [op],
        {
          method: 'DELETE',
          path: `CreditNotes/${creditLink.xeroId}/Allocations/${allocation.AllocationID}`,
          query: {},
          body: null,
        },
        allocationsEnvelope.or(allocationsEnvelope.shape.Allocations.element),
      );
      if (!sent) {
        ok = false;
        break;
      }
    }
    if (ok)
      await succeeded(ctx, op, null, `Allocation of ${creditLink.number} removed in Xero`, {
        removeLink: linkKeyOf(ctx.tenantId, op.docKey),
      });
  }
}
