import type { Patient } from '../../records/schema';
import {
  type ContactAnswer,
  contactsEnvelope,
  elementMessages,
  elementSaved,
} from '../../xero/accounting/answers';
import type { XeroContactPayload } from '../../xero/accounting/payloads';
import {
  type NameVariant,
  newPatientContact,
  newPayerContact,
  patientContactUpdate,
} from '../mapping/contacts';
import type { Operation } from '../types';
import { clinicSettings, type ExecContext, linkOf, newLink, recordsFor, sourceOfOp } from './context';
import { canResend, fitToRequest, sendWrite } from './send';
import { again, failed, matches, refusedByXero, succeeded } from './settle';

const NUMBER_TAKEN = /another contact has this contact number/i;
const NAME_TAKEN = /already assigned to another contact/i;

const sameEmail = (a: string | null | undefined, b: string | undefined) =>
  Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

/**
 * New contacts, 50 per call. Before creating, an existing contact is adopted: by ContactNumber
 * (the engine's key, found when a create is refused as taken or after a lost answer), else by
 * e-mail + name. An archived match is reported, never duplicated. Same-name patients get names
 * made unique (see `patientContactName`).
 */
export async function createContacts(ctx: ExecContext, ops: Operation[]) {
  const records = await recordsFor(ctx, ops);
  const patientOf = (op: Operation) => records.get(op.recordKey ?? '')?.data as Patient | undefined;
  const hashOf = (op: Operation) => records.get(op.recordKey ?? '')?.hash ?? null;

  // Look before creating what may already be there (a lost answer, a number refused as taken).
  const resend = await canResend(ctx, ops);
  const uncertain = resend ? [] : ops.filter((op) => op.uncertain);
  const remaining: Operation[] = ops.filter((op) => !uncertain.includes(op));
  if (uncertain.length > 0) {
    const found = await ctx.accounting.contactsByNumbers(
      ctx.tenantId,
      uncertain.map((op) => String(op.params.contactNumber)),
    );
    for (const op of uncertain) {
      const match = found.find(
        (c) => c.ContactNumber?.toLowerCase() === String(op.params.contactNumber).toLowerCase(),
      );
      if (!match) remaining.push(op);
      else await adopt(ctx, op, match, hashOf(op), Number(op.params.nameVariant ?? 0) as NameVariant);
    }
  }
  let sendable: { op: Operation; payload: XeroContactPayload }[] = [];
  for (const op of remaining) {
    const number = String(op.params.contactNumber);
    const variant = Number(op.params.nameVariant ?? 0) as NameVariant;
    const payer = op.params.payer as { name: string; email?: string } | undefined;
    const patient = patientOf(op);
    if (!payer && !patient) {
      await failed(ctx, op, {
        code: 'missing',
        message: 'The patient record is missing; send the patient again.',
      });
      continue;
    }
    sendable.push({
      op,
      payload: payer
        ? newPayerContact(payer, number)
        : newPatientContact(patient!, sourceOfOp(op), number, variant),
    });
  }
  if (sendable.length === 0) return;
  // A name this engine has already given to another patient's contact (in this batch or an
  // earlier one) would be refused by Xero: the patient gets the next variant of the rule now,
  // without a round trip.
  const names = await takenNames(ctx);
  for (const item of sendable) {
    if (item.op.params.payer) continue;
    let variant = Number(item.op.params.nameVariant ?? 0) as NameVariant;
    while (variant < 2 && names.has(item.payload.Name!.toLowerCase())) {
      variant = (variant + 1) as NameVariant;
      item.op.params = { ...item.op.params, nameVariant: variant };
      item.payload = newPatientContact(
        patientOf(item.op)!,
        sourceOfOp(item.op),
        String(item.op.params.contactNumber),
        variant,
      );
    }
    names.add(item.payload.Name!.toLowerCase());
  }
  sendable = await fitToRequest(ctx, sendable);
  if (sendable.length === 0) return;
  const sent = await sendWrite(
    ctx,
    sendable.map((s) => s.op),
    {
      method: 'PUT',
      path: 'Contacts',
      query: { summarizeErrors: 'false' },
      body: { Contacts: sendable.map((s) => s.payload) },
    },
    contactsEnvelope,
  );
  if (!sent) return;
  const nameClashes: { op: Operation; name: string }[] = [];
  for (const [i, op] of sent.ops.entries()) {
    const answer = sent.answer.Contacts[i];
    const payload = sendable.find((s) => s.op.id === op.id)!.payload;
    if (!answer) {
      await again(ctx, op, {}, true);
      continue;
    }
    const messages = elementMessages(answer);
    if (elementSaved(answer)) {
      await adopt(
        ctx,
        op,
        answer,
        hashOf(op),
        Number(op.params.nameVariant ?? 0) as NameVariant,
        'Created in Xero',
      );
    } else if (matches(messages, NUMBER_TAKEN)) {
      await again(ctx, op, {}, true);
    } else if (matches(messages, NAME_TAKEN)) {
      nameClashes.push({ op, name: payload.Name! });
    } else {
      await refusedByXero(ctx, op, messages);
    }
  }
  if (nameClashes.length > 0) await resolveNameClashes(ctx, nameClashes, patientOf, hashOf);
}

/**
 * Xero already has an active contact of that name. If it is this patient (same e-mail, and not
 * another record's contact), it is adopted; otherwise the patient's contact gets the next name.
 */
async function resolveNameClashes(
  ctx: ExecContext,
  clashes: { op: Operation; name: string }[],
  patientOf: (op: Operation) => Patient | undefined,
  hashOf: (op: Operation) => string | null,
) {
  const found = await ctx.accounting.contactsByNames(
    ctx.tenantId,
    clashes.map((c) => c.name),
  );
  for (const { op, name } of clashes) {
    const payer = op.params.payer as { name: string; email?: string } | undefined;
    const email = payer ? payer.email : patientOf(op)?.email;
    const holder = found.find(
      (c) => c.Name?.toLowerCase() === name.toLowerCase() && c.ContactStatus !== 'ARCHIVED',
    );
    const variant = Number(op.params.nameVariant ?? 0);
    // A payer (a fund, a plan manager) is one organisation, known by its name: the contact the
    // bookkeeper already has is the one, whatever code it carries, unless its e-mail says otherwise.
    // A patient is adopted only when name and e-mail agree and the contact is nobody else's.
    const isThisOne = payer
      ? !payer.email || !holder?.EmailAddress || sameEmail(holder.EmailAddress, payer.email)
      : !holder?.ContactNumber && sameEmail(holder?.EmailAddress, email);
    if (holder && isThisOne) {
      await adopt(
        ctx,
        op,
        holder,
        hashOf(op),
        variant as NameVariant,
        'Matched an existing Xero contact by name and e-mail',
      );
    } else if (payer || variant >= 2) {
      await refusedByXero(
        ctx,
        op,
        [`The contact name ${name} is already assigned to another contact.`],
        'Rename or merge the contacts in Xero, then retry.',
      );
    } else {
      await again(ctx, op, { nameVariant: variant + 1 });
    }
  }
}

/** The contact names this engine has given in the organisation (read once, kept for the run). */
function takenNames(ctx: ExecContext): Promise<Set<string>> {
  let names = ctx.memo.get('contactNames') as Promise<Set<string>> | undefined;
  if (!names) {
    names = (async () => {
      const taken = new Set<string>();
      for (const kind of ['patient', 'payer'] as const) {
        for (const link of await ctx.db.links
          .where('[tenantId+kind]')
          .equals([ctx.tenantId, kind])
          .toArray()) {
          if (typeof link.extra.name === 'string') taken.add(link.extra.name.toLowerCase());
        }
      }
      return taken;
    })();
    ctx.memo.set('contactNames', names);
  }
  return names;
}

async function adopt(
  ctx: ExecContext,
  op: Operation,
  contact: ContactAnswer,
  hash: string | null,
  variant: NameVariant,
  message = 'Already in Xero: linked to the existing contact',
) {
  if (contact.ContactStatus === 'ARCHIVED') {
    await failed(ctx, op, {
      code: 'archived',
      message: `Xero already has this contact (${contact.Name ?? contact.ContactNumber}), but it is archived. Restore it in Xero (Contacts → Archived → Restore), then retry; a duplicate is not created.`,
    });
    return;
  }
  await succeeded(
    ctx,
    op,
    newLink(ctx, op, {
      xeroId: contact.ContactID,
      number: contact.ContactNumber ?? (op.params.contactNumber as string | undefined) ?? null,
      status: contact.ContactStatus ?? 'ACTIVE',
      contentHash: hash,
      extra: { nameVariant: variant, name: contact.Name ?? null },
    }),
    `${message}: ${contact.Name ?? ''}`.trim(),
  );
}

/** A renamed patient renames the contact; details follow only when the setting says so. */
export async function updateContacts(ctx: ExecContext, ops: Operation[]) {
  const records = await recordsFor(ctx, ops);
  const sendable: { op: Operation; payload: XeroContactPayload; variant: NameVariant }[] = [];
  for (const op of ops) {
    const link = await linkOf(ctx, op.docKey);
    const record = records.get(op.recordKey ?? '');
    if (!link || !record) {
      await failed(ctx, op, {
        code: 'missing',
        message: 'The contact is not linked yet; it is created with the next invoice.',
      });
      continue;
    }
    const variant = Number(op.params.nameVariant ?? link.extra.nameVariant ?? 0) as NameVariant;
    const payload = patientContactUpdate(
      record.data as Patient,
      sourceOfOp(op),
      link.xeroId,
      variant,
      clinicSettings(ctx, op).keepContactDetailsInSync,
    );
    sendable.push({ op, payload, variant });
  }
  if (sendable.length === 0) return;
  const fitting = await fitToRequest(ctx, sendable);
  if (fitting.length === 0) return;
  sendable.splice(0, sendable.length, ...fitting);
  const sent = await sendWrite(
    ctx,
    sendable.map((s) => s.op),
    {
      method: 'POST',
      path: 'Contacts',
      query: { summarizeErrors: 'false' },
      body: { Contacts: sendable.map((s) => s.payload) },
    },
    contactsEnvelope,
  );
  if (!sent) return;
  for (const [i, op] of sent.ops.entries()) {
    const answer = sent.answer.Contacts[i];
    const item = sendable.find((s) => s.op.id === op.id)!;
    const messages = answer ? elementMessages(answer) : [];
    if (answer && elementSaved(answer)) {
      const link = (await linkOf(ctx, op.docKey))!;
      await succeeded(
        ctx,
        op,
        {
          ...link,
          contentHash: records.get(op.recordKey ?? '')?.hash ?? null,
          extra: { ...link.extra, nameVariant: item.variant, name: answer.Name ?? null },
          updatedAt: ctx.clock.now(),
        },
        `Contact updated in Xero: ${answer.Name ?? ''}`,
      );
    } else if (matches(messages, NAME_TAKEN) && item.variant < 2) {
      await again(ctx, op, { nameVariant: item.variant + 1 });
    } else {
      await refusedByXero(ctx, op, messages);
    }
  }
}
