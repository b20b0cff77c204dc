import type { z } from 'zod';
import { dec, formatFixed } from '../../money/decimal';
import type { CreditNote, Invoice } from '../../records/schema';
import {
  type CreditNoteAnswer,
  creditNotesEnvelope,
  elementMessages,
  elementSaved,
  type InvoiceAnswer,
  invoicesEnvelope,
} from '../../xero/accounting/answers';
import { docKeyOf, parseDocKey } from '../keys';
import { mapCreditNote, mapInvoice } from '../mapping/documents';
import { payerKey } from '../mapping/keys';
import { addOperations } from '../outbox';
import type { Link, Operation, StoredRecord } from '../types';
import { clinicSettings, type ExecContext, linkOf, newLink, recordsFor } from './context';
import { canResend, fitToRequest, sendWrite } from './send';
import { failed, matches, refusedByXero, succeeded } from './settle';

/** What differs between invoices and credit notes, for the code they share. */
interface DocumentKind {
  noun: string;
  resource: 'Invoices' | 'CreditNotes';
  idField: 'InvoiceID' | 'CreditNoteID';
  numberField: 'InvoiceNumber' | 'CreditNoteNumber';
  duplicate: RegExp;
  envelope: z.ZodType<Record<string, unknown>>;
  lookup(ctx: ExecContext, numbers: string[]): Promise<(InvoiceAnswer | CreditNoteAnswer)[]>;
}

const INVOICES: DocumentKind = {
  noun: 'invoice',
  resource: 'Invoices',
  idField: 'InvoiceID',
  numberField: 'InvoiceNumber',
  duplicate: /Invoice # must be unique/i,
  envelope: invoicesEnvelope,
  lookup: (ctx, numbers) => ctx.accounting.invoicesByNumbers(ctx.tenantId, numbers),
};

const CREDIT_NOTES: DocumentKind = {
  noun: 'credit note',
  resource: 'CreditNotes',
  idField: 'CreditNoteID',
  numberField: 'CreditNoteNumber',
  duplicate: /Credit Note # must be unique/i,
  envelope: creditNotesEnvelope,
  lookup: (ctx, numbers) => ctx.accounting.creditNotesByNumbers(ctx.tenantId, numbers),
};

/** Xero keeps paid and credited documents as they are: the message says so, and what to do. */
const LOCKED_BY_PAYMENTS =
  /payment or credit note allocated|payments or credit notes allocated|not of valid status for modification/i;
const ARCHIVED_CONTACT = /has been archived/i;

interface Prepared {
  op: Operation;
  record: StoredRecord;
  payload: Record<string, unknown>;
  number: string;
  total: string;
  rounding: string;
  contactId: string;
  link: Link | undefined;
}

type DocAnswer = InvoiceAnswer | CreditNoteAnswer;
const idOf = (answer: DocAnswer) =>
  String((answer as { InvoiceID?: string }).InvoiceID ?? (answer as { CreditNoteID?: string }).CreditNoteID);
const numberOf = (answer: DocAnswer): string | null =>
  (answer as { InvoiceNumber?: string | null }).InvoiceNumber ??
  (answer as { CreditNoteNumber?: string | null }).CreditNoteNumber ??
  null;

/**
 * One write of invoices or credit notes (50 at most, `summarizeErrors=false`, `unitdp=4`), each
 * answer paired with the item it is for; null when the batch went back to the queue or failed.
 */
async function sendDocuments<T extends { op: Operation }>(
  ctx: ExecContext,
  kind: DocumentKind,
  method: 'PUT' | 'POST',
  items: T[],
  element: (item: T) => unknown,
): Promise<{ item: T; answer: DocAnswer | undefined }[] | null> {
  const sent = await sendWrite(
    ctx,
    items.map((i) => i.op),
    {
      method,
      path: kind.resource,
      query: { summarizeErrors: 'false', unitdp: '4' },
      body: { [kind.resource]: items.map(element) },
    },
    kind.envelope,
  );
  if (!sent) return null;
  const answers = (sent.answer as Record<string, DocAnswer[]>)[kind.resource] ?? [];
  const byOp = new Map(items.map((item) => [item.op.id, item]));
  return sent.ops.map((op, i) => ({ item: byOp.get(op.id)!, answer: answers[i] }));
}

/** Maps each operation's record to Xero's payload; what cannot be mapped fails here, before any call. */
async function prepare(
  ctx: ExecContext,
  ops: Operation[],
  kind: DocumentKind,
  update: boolean,
): Promise<Prepared[]> {
  const records = await recordsFor(ctx, ops);
  const prepared: Prepared[] = [];
  for (const op of ops) {
    const record = records.get(op.recordKey ?? '');
    const doc = record?.data as (Invoice & CreditNote) | undefined;
    if (!record || !doc) {
      await failed(ctx, op, {
        code: 'missing',
        message: `The ${kind.noun} record is missing; send it again.`,
      });
      continue;
    }
    if (doc.deleted) {
      await succeeded(ctx, op, null, `Not sent: the ${kind.noun} was deleted in the PMS first.`, {
        result: 'skipped',
      });
      continue;
    }
    const { sourceKey } = parseDocKey(op.docKey);
    const billTo = (doc as Invoice).billTo;
    const contactKey = billTo
      ? docKeyOf(sourceKey, 'payer', payerKey(billTo))
      : docKeyOf(sourceKey, 'patient', doc.patientId);
    const contact = await linkOf(ctx, contactKey);
    if (!contact) {
      await failed(ctx, op, { code: 'missing', message: `The ${kind.noun}'s contact is not in Xero yet.` });
      continue;
    }
    const link = update ? await linkOf(ctx, op.docKey) : undefined;
    if (update && !link) {
      await failed(ctx, op, {
        code: 'missing',
        message: `The ${kind.noun} is not linked to Xero; it will be created instead.`,
      });
      continue;
    }
    const settings = clinicSettings(ctx, op);
    let mapped: ReturnType<typeof mapInvoice> | ReturnType<typeof mapCreditNote>;
    let number: string;
    if (kind === INVOICES) {
      number = link?.number ?? `${settings.invoicePrefix}${doc.number}`;
      const patient = billTo
        ? ((await ctx.db.records.get(`${sourceKey}|patients|${doc.patientId}`))?.data as
            | { firstName: string; lastName: string }
            | undefined)
        : undefined;
      mapped = mapInvoice(doc, {
        settings,
        org: ctx.facts,
        contactId: contact.xeroId,
        invoiceNumber: number,
        ...(patient ? { patientName: `${patient.firstName} ${patient.lastName}` } : {}),
        ...(update
          ? { invoiceId: link!.xeroId }
          : { status: op.params.status === 'DRAFT' ? 'DRAFT' : 'AUTHORISED' }),
      });
    } else {
      number = link?.number ?? `${settings.creditNotePrefix}${doc.number}`;
      const invoiceLink = doc.invoiceId
        ? await linkOf(ctx, docKeyOf(sourceKey, 'invoice', doc.invoiceId))
        : undefined;
      mapped = mapCreditNote(doc, {
        settings,
        org: ctx.facts,
        contactId: contact.xeroId,
        creditNoteNumber: number,
        ...(invoiceLink?.number ? { invoiceNumber: invoiceLink.number } : {}),
        ...(update ? { creditNoteId: link!.xeroId } : {}),
      });
    }
    if (!mapped.ok) {
      await failed(ctx, op, { code: 'mapping', message: mapped.reason });
      continue;
    }
    prepared.push({
      op,
      record,
      payload: mapped.value.payload as Record<string, unknown>,
      number,
      total: formatFixed(mapped.value.total),
      rounding: formatFixed(mapped.value.rounding),
      contactId: contact.xeroId,
      link,
    });
  }
  return prepared;
}

/** Creates invoices or credit notes, 50 a call, adopting any Xero already has under the same number. */
async function createDocuments(ctx: ExecContext, ops: Operation[], kind: DocumentKind) {
  let items = await prepare(ctx, ops, kind, false);
  if (items.length === 0) return;
  const resend = await canResend(
    ctx,
    items.map((i) => i.op),
  );
  const uncertain = resend ? [] : items.filter((i) => i.op.uncertain);
  if (uncertain.length > 0) {
    const found = await kind.lookup(
      ctx,
      uncertain.map((i) => i.number),
    );
    const adopted = new Set<string>();
    for (const item of uncertain) {
      const existing = found.find((d) => numberOf(d)?.toLowerCase() === item.number.toLowerCase());
      if (existing) {
        await adoptExisting(ctx, kind, item, existing);
        adopted.add(item.op.id);
      }
    }
    items = items.filter((i) => !adopted.has(i.op.id));
  }
  items = await fitToRequest(ctx, items);
  if (items.length === 0) return;
  const results = await sendDocuments(ctx, kind, 'PUT', items, (i) => i.payload);
  if (!results) return;
  const duplicates: Prepared[] = [];
  for (const { item, answer } of results) {
    const op = item.op;
    if (!answer) {
      await refusedByXero(ctx, op, ['Xero answered without this document.']);
      continue;
    }
    const messages = elementMessages(answer);
    if (elementSaved(answer)) {
      await succeeded(ctx, op, linkFor(ctx, item, answer), createdMessage(kind, item, answer));
    } else if (matches(messages, kind.duplicate)) {
      duplicates.push(item);
    } else if (matches(messages, ARCHIVED_CONTACT)) {
      await refusedByXero(
        ctx,
        op,
        messages,
        'Restore the contact in Xero (Contacts → Archived), then retry.',
      );
    } else {
      await refusedByXero(ctx, op, messages);
    }
  }
  if (duplicates.length > 0) {
    // Refused as a duplicate: an earlier push whose answer was lost, or another browser. Adopt it.
    const found = await kind.lookup(
      ctx,
      duplicates.map((d) => d.number),
    );
    for (const item of duplicates) {
      const existing = found.find((d) => numberOf(d)?.toLowerCase() === item.number.toLowerCase());
      if (existing) await adoptExisting(ctx, kind, item, existing);
      else
        await refusedByXero(ctx, item.op, [
          `${kind.noun === 'invoice' ? 'Invoice' : 'Credit Note'} # must be unique.`,
        ]);
    }
  }
}

function createdMessage(
  kind: DocumentKind,
  item: Prepared,
  answer: InvoiceAnswer | CreditNoteAnswer,
): string {
  const rounding = item.rounding !== '0.00' ? `, with a rounding line of ${item.rounding}` : '';
  return `${kind.noun === 'invoice' ? 'Invoice' : 'Credit note'} ${item.number} created in Xero (${answer.Status ?? ''}, ${item.total}${rounding})`;
}

function linkFor(
  ctx: ExecContext,
  item: Prepared,
  answer: InvoiceAnswer | CreditNoteAnswer,
  contentHash: string | null = item.record.hash,
  adopted = false,
): Link {
  return newLink(ctx, item.op, {
    xeroId: idOf(answer),
    number: numberOf(answer) ?? item.number,
    status: answer.Status ?? null,
    contentHash,
    extra: {
      total: item.total,
      contactId: item.contactId,
      ...(adopted || item.link?.extra.adopted ? { adopted: true } : {}),
    },
  });
}

/**
 * Xero already has a document with this number. The same contact and total: it is this one
 * (a lost answer, another browser) and is adopted. The same contact, another total: adopted and
 * then updated. Another contact: somebody else's document with our number; reported, not touched.
 */
async function adoptExisting(
  ctx: ExecContext,
  kind: DocumentKind,
  item: Prepared,
  existing: InvoiceAnswer | CreditNoteAnswer,
) {
  const status = existing.Status ?? '';
  const owner = await ctx.db.links
    .where('xeroId')
    .equals(idOf(existing))
    .filter((link) => link.tenantId === ctx.tenantId && link.docKey !== item.op.docKey)
    .first();
  if (owner) {
    await failed(ctx, item.op, {
      code: 'duplicate-number',
      message: `Xero's ${kind.noun} ${item.number} already belongs to another PMS ${kind.noun} (${owner.label}): two PMS documents have the same number. Nothing was changed in Xero. Give one of them another number in the PMS, then retry.`,
    });
    return;
  }
  if (status === 'VOIDED' || status === 'DELETED') {
    await failed(ctx, item.op, {
      code: 'duplicate-number',
      message: `Xero has a ${status.toLowerCase()} ${kind.noun} numbered ${item.number}, and Xero never gives a number out twice. Change the ${kind.noun} number prefix in the settings (or the number in the PMS), then retry.`,
    });
    return;
  }
  if (existing.Contact?.ContactID && existing.Contact.ContactID !== item.contactId) {
    await failed(ctx, item.op, {
      code: 'duplicate-number',
      message: `Xero already has ${kind.noun} ${item.number} for another contact; it was not touched. Give one of them another number (or set a number prefix in the settings), then retry.`,
    });
    return;
  }
  const sameTotal =
    existing.Total !== null && existing.Total !== undefined && dec(existing.Total).eq(dec(item.total));
  await succeeded(
    ctx,
    item.op,
    linkFor(ctx, item, existing, sameTotal ? item.record.hash : null, true),
    sameTotal
      ? `Already in Xero as ${item.number}: linked, nothing created twice`
      : `Already in Xero as ${item.number} with another total (${existing.Total}); linked, and updated to the PMS's ${item.total}`,
  );
  if (!sameTotal) {
    await addOperations(
      ctx.db,
      [
        {
          tenantId: ctx.tenantId,
          kind: kind === INVOICES ? 'invoice.update' : 'creditNote.update',
          docKey: item.op.docKey,
          recordKey: item.op.recordKey,
          invoiceRef: item.op.invoiceRef,
          clinicId: item.op.clinicId,
          label: item.op.label,
        },
      ],
      ctx.clock.now(),
    );
  }
}

/** Edited in the PMS: the Xero document follows, unless Xero keeps it because it is paid or credited. */
async function updateDocuments(ctx: ExecContext, ops: Operation[], kind: DocumentKind) {
  const items = await fitToRequest(ctx, await prepare(ctx, ops, kind, true));
  if (items.length === 0) return;
  const results = await sendDocuments(ctx, kind, 'POST', items, (i) => i.payload);
  if (!results) return;
  for (const { item, answer } of results) {
    const op = item.op;
    const messages = answer ? elementMessages(answer) : [];
    if (answer && elementSaved(answer)) {
      await succeeded(ctx, op, linkFor(ctx, item, answer), `${item.number} updated in Xero (${item.total})`);
    } else if (matches(messages, LOCKED_BY_PAYMENTS)) {
      await failed(ctx, op, {
        code: 'locked-in-xero',
        message: `Xero will not change ${item.number}: it has payments or credit notes allocated to it in Xero, so Xero keeps the version it has. To apply the PMS's change, remove those payments or allocations in Xero, then retry here; or leave the Xero ${kind.noun} as it is.`,
        xeroMessages: messages,
      });
    } else {
      await refusedByXero(ctx, op, messages);
    }
  }
}

/** A status change (approve, void) for documents already in Xero. */
async function changeStatus(
  ctx: ExecContext,
  ops: Operation[],
  kind: DocumentKind,
  statusFor: (link: Link) => 'AUTHORISED' | 'VOIDED' | 'DELETED',
  done: (link: Link, status: string) => { message: string; state?: Link['state'] },
) {
  const items: { op: Operation; link: Link; status: string }[] = [];
  for (const op of ops) {
    const link = await linkOf(ctx, op.docKey);
    if (!link) {
      await failed(ctx, op, { code: 'missing', message: `The ${kind.noun} is not in Xero.` });
      continue;
    }
    items.push({ op, link, status: statusFor(link) });
  }
  if (items.length === 0) return;
  const results = await sendDocuments(ctx, kind, 'POST', items, (i) => ({
    [kind.idField]: i.link.xeroId,
    Status: i.status,
  }));
  if (!results) return;
  for (const { item, answer } of results) {
    const op = item.op;
    const messages = answer ? elementMessages(answer) : [];
    const reached =
      answer?.Status === item.status || (item.status === 'AUTHORISED' && answer?.Status === 'PAID');
    if (answer && (elementSaved(answer) || reached)) {
      const outcome = done(item.link, answer.Status ?? item.status);
      await succeeded(
        ctx,
        op,
        {
          ...item.link,
          status: answer.Status ?? item.status,
          state: outcome.state ?? item.link.state,
          note: null,
          updatedAt: ctx.clock.now(),
        },
        outcome.message,
      );
    } else if (matches(messages, LOCKED_BY_PAYMENTS)) {
      await failed(ctx, op, {
        code: 'locked-in-xero',
        message: `Xero cannot change ${item.link.number}: it has payments or credit notes allocated to it. Remove them in Xero first, then retry.`,
        xeroMessages: messages,
      });
    } else {
      await refusedByXero(ctx, op, messages);
    }
  }
}

export const createInvoices = (ctx: ExecContext, ops: Operation[]) => createDocuments(ctx, ops, INVOICES);
export const updateInvoices = (ctx: ExecContext, ops: Operation[]) => updateDocuments(ctx, ops, INVOICES);
export const createCreditNotes = (ctx: ExecContext, ops: Operation[]) =>
  createDocuments(ctx, ops, CREDIT_NOTES);
export const updateCreditNotes = (ctx: ExecContext, ops: Operation[]) =>
  updateDocuments(ctx, ops, CREDIT_NOTES);

export const authoriseInvoices = (ctx: ExecContext, ops: Operation[]) =>
  changeStatus(
    ctx,
    ops,
    INVOICES,
    () => 'AUTHORISED',
    (link) => ({ message: `${link.number} approved in Xero, so the payment can be recorded` }),
  );

export const voidInvoices = (ctx: ExecContext, ops: Operation[]) =>
  changeStatus(
    ctx,
    ops,
    INVOICES,
    (link) => (link.status === 'DRAFT' || link.status === 'SUBMITTED' ? 'DELETED' : 'VOIDED'),
    (link, status) => ({
      message: `${link.number} ${status === 'DELETED' ? 'deleted' : 'voided'} in Xero`,
      state: 'removed',
    }),
  );

export const voidCreditNotes = (ctx: ExecContext, ops: Operation[]) =>
  changeStatus(
    ctx,
    ops,
    CREDIT_NOTES,
    () => 'VOIDED',
    (link) => ({ message: `${link.number} voided in Xero (deleted in the PMS)`, state: 'removed' }),
  );
