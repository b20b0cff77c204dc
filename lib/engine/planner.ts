import { dec, formatFixed, sum } from '../money/decimal';
import type { CreditNote, Invoice, Patient, Payment, RecordKind } from '../records/schema';
import type { RecordError, ValidRecords } from '../records/validate';
import { type ClinicSettings, type SyncSettings, settingsForClinic } from '../settings/sync-settings';
import type { EngineDb } from './db';
import { contentHash, docKeyOf, linkKeyOf, recordKeyOf, sourceKeyOf } from './keys';
import { contactNumberFor, payerKey } from './mapping/keys';
import { addOperations, cancel, type NewOperation, reserveIds } from './outbox';
import {
  ACTIVE_STATES,
  type Link,
  type LogEntry,
  type Operation,
  type OpKind,
  type StoredRecord,
} from './types';

export interface Rejection {
  kind: RecordKind;
  id: string;
  reason: string;
}

/** What became of a submission, record by record where something did not go ahead. */
export interface SubmitSummary {
  /** Valid records received (stored, whether or not anything had to be sent). */
  accepted: number;
  /** Operations added to the queue. */
  queued: number;
  /** Documents already in Xero exactly as they are: nothing to send. */
  unchanged: number;
  /** Records not queued, each with the reason (unknown patient, clinic without organisation…). */
  rejected: Rejection[];
  /** Records that failed validation, named by record and field. */
  errors: RecordError[];
  /** Things worth knowing that are not errors (manual mode, unallocated payment money…). */
  notes: string[];
}

export interface PlanOptions {
  settings: SyncSettings;
  trigger: 'auto' | 'manual';
  now: number;
}

type Gate =
  | { ok: true; tenantId: string; settings: ClinicSettings }
  | { ok: false; reason: string; skip?: boolean };

const WRITE_KINDS: Record<'invoice' | 'creditNote', OpKind[]> = {
  invoice: ['invoice.create', 'invoice.update'],
  creditNote: ['creditNote.create', 'creditNote.update'],
};

/**
 * Turns a validated submission into queued operations, in one IndexedDB transaction: either
 * all of it is queued or nothing is. Each document is compared with what was last sent (a
 * content hash per document): unchanged content queues nothing, so "Sync all" never uploads
 * twice. Operations depend on one another in Xero's order: contact → invoice → (authorise a
 * Draft when a payment arrives) → payments → credit note → allocation.
 */
export async function planSubmission(
  db: EngineDb,
  records: ValidRecords,
  options: PlanOptions,
): Promise<SubmitSummary> {
  const sk = sourceKeyOf(records.source);
  const summary: SubmitSummary = {
    accepted: 0,
    queued: 0,
    unchanged: 0,
    rejected: [],
    errors: [],
    notes: [],
  };

  // Everything asynchronous that is not IndexedDB happens before the transaction opens.
  const hashes = new Map<string, string>();
  for (const kind of ['patients', 'invoices', 'payments', 'creditNotes'] as const) {
    for (const record of records[kind])
      hashes.set(recordKeyOf(sk, kind, record.id), await contentHash(sentContent(kind, record)));
  }
  const allocationHashes = new Map<string, string>();
  for (const payment of records.payments) {
    for (const a of payment.allocations) {
      const target = 'invoiceId' in a ? a.invoiceId : `cn:${a.creditNoteId}`;
      allocationHashes.set(
        `${payment.id}>${target}`,
        await contentHash({
          method: payment.method,
          date: payment.date,
          amount: a.amount,
          reference: payment.reference ?? null,
        }),
      );
    }
  }
  const contactNumbers = new Map<string, string>();
  const parties = [...records.invoices, ...records.creditNotes];
  for (const doc of parties) {
    contactNumbers.set(
      `patient:${doc.patientId}`,
      await contactNumberFor(records.source, { kind: 'patient', id: doc.patientId }),
    );
    if ('billTo' in doc && doc.billTo) {
      const key = payerKey(doc.billTo);
      contactNumbers.set(`payer:${key}`, await contactNumberFor(records.source, { kind: 'payer', key }));
    }
  }

  await db.transaction('rw', [db.records, db.links, db.operations, db.log, db.meta, db.batches], async () => {
    const plan = new Plan(db, sk, options, summary);
    await plan.loadRecords(records);
    await plan.storeRecords(records, hashes);
    for (const invoice of records.invoices)
      await plan.invoice(invoice, hashes.get(recordKeyOf(sk, 'invoices', invoice.id))!, contactNumbers);
    for (const payment of records.payments) await plan.payment(payment, allocationHashes);
    for (const creditNote of records.creditNotes)
      await plan.creditNote(
        creditNote,
        hashes.get(recordKeyOf(sk, 'creditNotes', creditNote.id))!,
        contactNumbers,
      );
    for (const patient of records.patients)
      await plan.patient(patient, hashes.get(recordKeyOf(sk, 'patients', patient.id))!);
    await plan.flush();
  });
  return summary;
}

/**
 * What of a record goes to Xero, for comparing with what was sent: a PMS page link only goes to
 * Xero on invoices, so a link added to a patient or credit note sends nothing again.
 */
function sentContent(kind: RecordKind, record: { url?: string }): unknown {
  if (kind === 'invoices' || record.url === undefined) return record;
  const { url: _url, ...rest } = record;
  return rest;
}

/** One submission's planning state, inside its transaction. */
class Plan {
  private readonly stored = new Map<string, StoredRecord>();
  private readonly previous = new Map<string, StoredRecord>();
  private readonly pending: NewOperation[] = [];
  private readonly activeCache = new Map<string, Operation[]>();
  private readonly logs: LogEntry[] = [];
  /** Payment operations planned here, by invoice docKey, so an allocation can wait for them. */
  private readonly paymentsByInvoice = new Map<string, string[]>();

  constructor(
    private readonly db: EngineDb,
    private readonly sk: string,
    private readonly options: PlanOptions,
    private readonly summary: SubmitSummary,
  ) {}

  async loadRecords(records: ValidRecords) {
    const keys = new Set<string>();
    const add = (kind: string, id: string) => keys.add(recordKeyOf(this.sk, kind, id));
    for (const p of records.patients) add('patients', p.id);
    for (const i of records.invoices) {
      add('invoices', i.id);
      add('patients', i.patientId);
    }
    for (const c of records.creditNotes) {
      add('creditNotes', c.id);
      add('patients', c.patientId);
      if (c.invoiceId) add('invoices', c.invoiceId);
    }
    for (const p of records.payments) {
      add('payments', p.id);
      for (const a of p.allocations)
        'invoiceId' in a ? add('invoices', a.invoiceId) : add('creditNotes', a.creditNoteId);
    }
    const rows = await this.db.records.bulkGet([...keys]);
    for (const row of rows)
      if (row) {
        this.stored.set(row.key, row);
        this.previous.set(row.key, row);
      }
  }

  async storeRecords(records: ValidRecords, hashes: Map<string, string>) {
    const rows: StoredRecord[] = [];
    for (const kind of ['patients', 'invoices', 'payments', 'creditNotes'] as const) {
      for (const record of records[kind]) {
        const key = recordKeyOf(this.sk, kind, record.id);
        const row: StoredRecord = {
          key,
          sourceKey: this.sk,
          kind,
          id: record.id,
          data: record,
          hash: hashes.get(key)!,
          receivedAt: this.options.now,
        };
        this.stored.set(key, row);
        rows.push(row);
      }
    }
    await this.db.records.bulkPut(rows);
    this.summary.accepted = rows.length;
  }

  private record<T>(kind: string, id: string): T | undefined {
    return this.stored.get(recordKeyOf(this.sk, kind, id))?.data as T | undefined;
  }

  private gate(clinic: { id: string; name: string }): Gate {
    const settings = settingsForClinic(this.options.settings, clinic.id);
    if (!settings.enabled)
      return { ok: false, reason: `Synchronisation is off for ${clinic.name}: nothing was sent.` };
    if (!settings.tenantId) {
      return {
        ok: false,
        reason: `${clinic.name} has no Xero organisation chosen in the settings: nothing was sent.`,
      };
    }
    if (this.options.trigger === 'auto' && settings.mode === 'manual') {
      return {
        ok: false,
        skip: true,
        reason: `${clinic.name} syncs by hand (manual mode): not sent automatically.`,
      };
    }
    return { ok: true, tenantId: settings.tenantId, settings };
  }

  private reject(kind: RecordKind, id: string, reason: string) {
    this.summary.rejected.push({ kind, id, reason });
  }

  /** A document its clinic's settings keep from Xero: refused with the reason, or (manual mode) noted once. */
  private held(kind: RecordKind, id: string, what: string, gate: { reason: string; skip?: boolean }) {
    if (!gate.skip) return this.reject(kind, id, `${what}: ${gate.reason}`);
    if (!this.summary.notes.includes(gate.reason)) this.summary.notes.push(gate.reason);
  }

  /** Operations still to finish for a document in one organisation (planned ones included). */
  private async active(tenantId: string, docKey: string): Promise<Operation[]> {
    const cacheKey = linkKeyOf(tenantId, docKey);
    let ops = this.activeCache.get(cacheKey);
    if (!ops) {
      ops = (await this.db.operations.where('docKey').equals(docKey).toArray()).filter(
        (op) => op.tenantId === tenantId && ACTIVE_STATES.includes(op.state),
      );
      this.activeCache.set(cacheKey, ops);
    }
    return ops;
  }

  private link(tenantId: string, docKey: string): Promise<Link | undefined> {
    return this.db.links.get(linkKeyOf(tenantId, docKey));
  }

  /** Plans an operation now; its id is a placeholder until `flush` writes them all in order. */
  private add(op: NewOperation): string {
    const placeholder = `planned:${this.pending.length}`;
    this.pending.push(op);
    const cacheKey = linkKeyOf(op.tenantId, op.docKey);
    const planned = {
      ...op,
      id: placeholder,
      state: 'queued',
      params: op.params ?? {},
    } as unknown as Operation;
    this.activeCache.set(cacheKey, [...(this.activeCache.get(cacheKey) ?? []), planned]);
    this.summary.queued++;
    return placeholder;
  }

  async flush() {
    // Placeholders refer to operations planned earlier in this submission, so writing in order
    // lets each one's dependencies be resolved to real ids as it is added.
    const ids = await reserveIds(this.db, this.pending.length);
    const real = (id: string) => (id.startsWith('planned:') ? ids[Number(id.slice('planned:'.length))]! : id);
    await addOperations(
      this.db,
      this.pending.map((op, index) => ({
        ...op,
        id: ids[index]!,
        dependsOn: (op.dependsOn ?? []).map(real),
      })),
      this.options.now,
    );
    if (this.logs.length > 0) await this.db.log.bulkAdd(this.logs);
  }

  private note(entry: Omit<LogEntry, 'at'>) {
    this.logs.push({ ...entry, at: this.options.now });
  }

  /** The contact an invoice or credit note goes to, created first when it does not exist yet. */
  private async contactFor(
    tenantId: string,
    doc: Invoice | CreditNote,
    contactNumbers: Map<string, string>,
  ): Promise<{ dependsOn: string[] } | { reason: string }> {
    const billTo = 'billTo' in doc ? doc.billTo : undefined;
    const patient = this.record<Patient>('patients', doc.patientId);
    if (!patient) {
      return {
        reason: `Patient ${doc.patientId} has not been received: send the patient with (or before) the document.`,
      };
    }
    const key = billTo ? payerKey(billTo) : doc.patientId;
    const docKey = docKeyOf(this.sk, billTo ? 'payer' : 'patient', key);
    const link = await this.link(tenantId, docKey);
    if (link) return { dependsOn: [] };
    const creating = (await this.active(tenantId, docKey)).find((op) => op.kind === 'contact.create');
    if (creating) return { dependsOn: [creating.id] };
    const id = this.add({
      tenantId,
      kind: 'contact.create',
      docKey,
      recordKey: billTo ? null : recordKeyOf(this.sk, 'patients', patient.id),
      clinicId: doc.clinic.id,
      label: `Contact ${billTo ? billTo.name : `${patient.firstName} ${patient.lastName}`}`,
      params: {
        contactNumber: contactNumbers.get(billTo ? `payer:${key}` : `patient:${doc.patientId}`),
        ...(billTo ? { payer: { name: billTo.name, ...(billTo.email ? { email: billTo.email } : {}) } } : {}),
      },
    });
    return { dependsOn: [id] };
  }

  private patientName(patientId: string): string {
    const p = this.record<Patient>('patients', patientId);
    return p ? `${p.firstName} ${p.lastName}` : `patient ${patientId}`;
  }

  async invoice(invoice: Invoice, hash: string, contactNumbers: Map<string, string>) {
    const gate = this.gate(invoice.clinic);
    if (!gate.ok) return this.held('invoices', invoice.id, `Invoice ${invoice.number}`, gate);
    const { tenantId, settings } = gate;
    const docKey = docKeyOf(this.sk, 'invoice', invoice.id);
    const link = await this.link(tenantId, docKey);
    const active = await this.active(tenantId, docKey);
    const number = `${settings.invoicePrefix}${invoice.number}`;
    const label = `Invoice ${number} · ${this.patientName(invoice.patientId)}`;
    const base = {
      tenantId,
      docKey,
      recordKey: recordKeyOf(this.sk, 'invoices', invoice.id),
      invoiceRef: docKey,
      clinicId: invoice.clinic.id,
      label,
    };

    if (invoice.deleted) {
      await this.cancelUnsent(active, 'The invoice was deleted in the PMS before it was sent.');
      if (link && link.state === 'synced') {
        await this.db.links.put({
          ...link,
          state: 'needs-action',
          note: 'Deleted in the PMS. It is still in Xero: void it there with "Void in Xero" if it should go.',
          updatedAt: this.options.now,
        });
        this.note({
          tenantId,
          docKey,
          label,
          clinicId: invoice.clinic.id,
          opKind: 'submit',
          result: 'info',
          message: 'Deleted in the PMS: marked "needs action" (Void in Xero).',
          xeroId: link.xeroId,
          number: link.number,
        });
      }
      return;
    }
    if (link?.state === 'removed') {
      return this.reject(
        'invoices',
        invoice.id,
        `${label} was voided in Xero; Xero does not take its number again.`,
      );
    }
    const contact = await this.contactFor(tenantId, invoice, contactNumbers);
    if ('reason' in contact) return this.reject('invoices', invoice.id, `${label}: ${contact.reason}`);

    const waiting = active.find((op) => WRITE_KINDS.invoice.includes(op.kind) && op.state !== 'leased');
    if (waiting) return this.revive(waiting);
    if (link && link.contentHash === hash && link.state === 'synced') {
      this.summary.unchanged++;
      return;
    }
    if (link?.state === 'needs-action')
      await this.db.links.put({ ...link, state: 'synced', note: null, updatedAt: this.options.now });
    const inFlight = active.filter((op) => op.state === 'leased').map((op) => op.id);
    this.add({
      ...base,
      kind: link || inFlight.length > 0 ? 'invoice.update' : 'invoice.create',
      dependsOn: [...contact.dependsOn, ...inFlight],
      params: { status: settings.invoiceStatus },
    });
  }

  /**
   * Cancels what has not gone to Xero yet (a document deleted in the PMS before it was sent).
   * What is in flight, or may have reached Xero, is left to finish: its outcome is then known.
   */
  private async cancelUnsent(ops: Operation[], reason: string, kinds?: OpKind[]) {
    const unsent = ops.filter(
      (op) =>
        op.state !== 'leased' &&
        !op.id.startsWith('planned:') &&
        !op.uncertain &&
        (!kinds || kinds.includes(op.kind)),
    );
    if (unsent.length > 0) await cancel(this.db, unsent, reason, this.options.now);
  }

  /** An operation not sent yet reads the newest record when it goes; a failed one is tried again. */
  private async revive(op: Operation) {
    if (op.id.startsWith('planned:')) return;
    if (op.state === 'failed') {
      const again: Operation = {
        ...op,
        state: 'queued',
        attempts: 0,
        notBefore: this.options.now,
        result: null,
        updatedAt: this.options.now,
      };
      await this.db.operations.put(again);
      this.summary.queued++;
    }
  }

  async creditNote(creditNote: CreditNote, hash: string, contactNumbers: Map<string, string>) {
    const gate = this.gate(creditNote.clinic);
    if (!gate.ok) return this.held('creditNotes', creditNote.id, `Credit note ${creditNote.number}`, gate);
    const { tenantId, settings } = gate;
    const docKey = docKeyOf(this.sk, 'creditNote', creditNote.id);
    const allocationKey = docKeyOf(this.sk, 'allocation', creditNote.id);
    const link = await this.link(tenantId, docKey);
    const allocation = await this.link(tenantId, allocationKey);
    const active = await this.active(tenantId, docKey);
    const number = `${settings.creditNotePrefix}${creditNote.number}`;
    const label = `Credit note ${number} · ${this.patientName(creditNote.patientId)}`;
    const invoiceRef = creditNote.invoiceId ? docKeyOf(this.sk, 'invoice', creditNote.invoiceId) : null;
    const base = {
      tenantId,
      docKey,
      recordKey: recordKeyOf(this.sk, 'creditNotes', creditNote.id),
      invoiceRef,
      clinicId: creditNote.clinic.id,
      label,
    };

    if (creditNote.deleted) {
      await this.cancelUnsent(active, 'The credit note was deleted in the PMS before it was sent.');
      await this.cancelUnsent(
        await this.active(tenantId, allocationKey),
        'The credit note was deleted in the PMS.',
        ['allocation.create'],
      );
      if (link && link.state === 'synced' && !active.some((op) => op.kind === 'creditNote.void')) {
        // Xero cannot void a credit note that is allocated: the allocation goes first.
        const removeAllocation = allocation
          ? [
              this.add({
                ...base,
                docKey: allocationKey,
                kind: 'allocation.delete',
                label: `Allocation of ${number}`,
              }),
            ]
          : [];
        this.add({ ...base, kind: 'creditNote.void', dependsOn: removeAllocation });
      }
      return;
    }
    if (link?.state === 'removed') {
      return this.reject(
        'creditNotes',
        creditNote.id,
        `${label} was voided in Xero; Xero does not take its number again.`,
      );
    }
    const contact = await this.contactFor(tenantId, creditNote, contactNumbers);
    if ('reason' in contact) return this.reject('creditNotes', creditNote.id, `${label}: ${contact.reason}`);

    const invoiceOps = invoiceRef ? (await this.active(tenantId, invoiceRef)).map((op) => op.id) : [];
    const paymentOps = invoiceRef ? await this.paymentOpsFor(tenantId, invoiceRef) : [];
    if (creditNote.invoiceId && !this.record<Invoice>('invoices', creditNote.invoiceId)) {
      this.summary.notes.push(
        `${label}: invoice ${creditNote.invoiceId} has not been received, so the credit stays unallocated.`,
      );
    }
    const allocate = creditNote.invoiceId && this.record<Invoice>('invoices', creditNote.invoiceId);

    const waiting = active.find((op) => WRITE_KINDS.creditNote.includes(op.kind) && op.state !== 'leased');
    if (waiting) return this.revive(waiting);
    if (link && link.contentHash === hash && link.state === 'synced') {
      this.summary.unchanged++;
      return;
    }
    if (link) {
      // An allocated credit note cannot be edited in Xero: un-allocate, change, allocate again.
      const unallocate = allocation
        ? [
            this.add({
              ...base,
              docKey: allocationKey,
              kind: 'allocation.delete',
              label: `Allocation of ${number}`,
            }),
          ]
        : [];
      const update = this.add({
        ...base,
        kind: 'creditNote.update',
        dependsOn: [...contact.dependsOn, ...unallocate],
      });
      if (allocate)
        this.add({
          ...base,
          docKey: allocationKey,
          kind: 'allocation.create',
          label: `Allocation of ${number}`,
          dependsOn: [update, ...invoiceOps, ...paymentOps],
        });
      return;
    }
    const create = this.add({ ...base, kind: 'creditNote.create', dependsOn: contact.dependsOn });
    if (
      allocate &&
      !(await this.active(tenantId, allocationKey)).some((op) => op.kind === 'allocation.create')
    ) {
      this.add({
        ...base,
        docKey: allocationKey,
        kind: 'allocation.create',
        label: `Allocation of ${number}`,
        dependsOn: [create, ...invoiceOps, ...paymentOps],
      });
    }
  }

  private async paymentOpsFor(tenantId: string, invoiceRef: string): Promise<string[]> {
    const planned = this.paymentsByInvoice.get(`${tenantId}|${invoiceRef}`) ?? [];
    const queued = (await this.db.operations.where('invoiceRef').equals(invoiceRef).toArray())
      .filter(
        (op) => op.tenantId === tenantId && op.kind === 'payment.create' && ACTIVE_STATES.includes(op.state),
      )
      .map((op) => op.id);
    return [...planned, ...queued];
  }

  async payment(payment: Payment, allocationHashes: Map<string, string>) {
    const previous = this.previous.get(recordKeyOf(this.sk, 'payments', payment.id))?.data as
      | Payment
      | undefined;
    const targetsNow = payment.deleted ? [] : payment.allocations;
    const targetsBefore = previous && !previous.deleted ? previous.allocations : [];
    const keyOf = (a: Payment['allocations'][number]) =>
      'invoiceId' in a ? a.invoiceId : `cn:${a.creditNoteId}`;
    const all = new Map([...targetsBefore, ...targetsNow].map((a) => [keyOf(a), a]));
    const nowKeys = new Set(targetsNow.map(keyOf));

    for (const [targetKey, allocation] of all) {
      const isInvoice = 'invoiceId' in allocation;
      const targetId = isInvoice ? allocation.invoiceId : allocation.creditNoteId;
      const target = isInvoice
        ? this.record<Invoice>('invoices', targetId)
        : this.record<CreditNote>('creditNotes', targetId);
      if (!target) {
        this.reject(
          'payments',
          payment.id,
          `Payment ${payment.id}: ${isInvoice ? 'invoice' : 'credit note'} ${targetId} has not been received; send it with (or before) the payment.`,
        );
        continue;
      }
      const targetDocKey = docKeyOf(this.sk, isInvoice ? 'invoice' : 'creditNote', targetId);
      const gate = this.gate(target.clinic);
      if (!gate.ok) {
        this.held('payments', payment.id, `Payment ${payment.id}`, gate);
        continue;
      }
      const tenantId = (await this.linkedTenant(targetDocKey)) ?? gate.tenantId;
      const docKey = docKeyOf(this.sk, isInvoice ? 'payment' : 'refund', `${payment.id}>${targetId}`);
      const link = await this.link(tenantId, docKey);
      const active = await this.active(tenantId, docKey);
      const targetLink = await this.link(tenantId, targetDocKey);
      const targetSettings = settingsForClinic(this.options.settings, target.clinic.id);
      const targetNumber =
        targetLink?.number ??
        ('number' in target
          ? `${isInvoice ? targetSettings.invoicePrefix : targetSettings.creditNotePrefix}${target.number}`
          : targetId);
      const label = `${isInvoice ? 'Payment' : 'Refund'} ${payment.id} (${payment.method}) → ${targetNumber}`;
      const base = {
        tenantId,
        docKey,
        recordKey: recordKeyOf(this.sk, 'payments', payment.id),
        invoiceRef: isInvoice ? targetDocKey : null,
        clinicId: target.clinic.id,
        label,
      };

      if (!nowKeys.has(targetKey)) {
        await this.cancelUnsent(active, 'The payment was deleted or changed in the PMS before it was sent.', [
          'payment.create',
        ]);
        if (link && !active.some((op) => op.kind === 'payment.delete')) {
          this.add({
            ...base,
            kind: 'payment.delete',
            dependsOn: active.filter((op) => op.state === 'leased').map((op) => op.id),
            params: { paymentId: link.xeroId },
          });
        }
        continue;
      }
      const hash = allocationHashes.get(`${payment.id}>${targetKey}`)!;
      const waiting = active.find((op) => op.kind === 'payment.create' && op.state !== 'leased');
      if (waiting) {
        await this.revive(waiting);
        continue;
      }
      if (link && link.contentHash === hash) {
        this.summary.unchanged++;
        continue;
      }
      // Xero payments cannot be edited: a changed amount, date or method is deleted and made again.
      const removeOld = link
        ? [this.add({ ...base, kind: 'payment.delete', params: { paymentId: link.xeroId } })]
        : [];
      const targetOps = (await this.active(tenantId, targetDocKey)).map((op) => op.id);
      const authorise = isInvoice
        ? await this.authoriseFor(tenantId, targetDocKey, targetLink, target as Invoice)
        : [];
      const create = this.add({
        ...base,
        kind: 'payment.create',
        dependsOn: [...removeOld, ...targetOps, ...authorise],
        params: { target: isInvoice ? 'invoice' : 'creditNote', targetId },
      });
      if (isInvoice) {
        const key = `${tenantId}|${targetDocKey}`;
        this.paymentsByInvoice.set(key, [...(this.paymentsByInvoice.get(key) ?? []), create]);
      }
    }
    const unallocated = dec(payment.amount).minus(sum(payment.allocations.map((a) => dec(a.amount))));
    if (!payment.deleted && unallocated.gt(0)) {
      this.summary.notes.push(
        `Payment ${payment.id}: ${formatFixed(unallocated)} is not allocated to a document in the PMS and is not sent (Xero records payments against documents).`,
      );
    }
  }

  /** The organisation a document was already sent to, if exactly one. */
  private async linkedTenant(docKey: string): Promise<string | null> {
    const links = await this.db.links.where('docKey').equals(docKey).toArray();
    return links.length === 1 ? links[0]!.tenantId : null;
  }

  /**
   * Xero takes payments only on AUTHORISED invoices. An invoice not sent yet is simply created
   * AUTHORISED; one already in Xero as a Draft gets an "authorise" operation first.
   */
  private async authoriseFor(
    tenantId: string,
    invoiceKey: string,
    link: Link | undefined,
    invoice: Invoice,
  ): Promise<string[]> {
    const ops = await this.active(tenantId, invoiceKey);
    const existing = ops.find((op) => op.kind === 'invoice.authorise');
    if (existing) return [existing.id];
    const unsentCreate = ops.find((op) => op.kind === 'invoice.create' && op.state !== 'leased');
    if (unsentCreate) {
      if (unsentCreate.params.status === 'DRAFT') {
        unsentCreate.params = { ...unsentCreate.params, status: 'AUTHORISED' };
        if (unsentCreate.id.startsWith('planned:')) {
          const index = Number(unsentCreate.id.slice('planned:'.length));
          this.pending[index] = { ...this.pending[index]!, params: unsentCreate.params };
        } else {
          await this.db.operations.update(unsentCreate.id, { params: unsentCreate.params });
        }
      }
      return [];
    }
    const wasDraft =
      link?.status === 'DRAFT' ||
      ops.some((op) => op.kind === 'invoice.create' && op.params.status === 'DRAFT');
    if (!wasDraft) return [];
    const settings = settingsForClinic(this.options.settings, invoice.clinic.id);
    return [
      this.add({
        tenantId,
        kind: 'invoice.authorise',
        docKey: invoiceKey,
        recordKey: recordKeyOf(this.sk, 'invoices', invoice.id),
        invoiceRef: invoiceKey,
        clinicId: invoice.clinic.id,
        label: `Approve invoice ${link?.number ?? `${settings.invoicePrefix}${invoice.number}`} (a payment arrived)`,
        dependsOn: ops.map((op) => op.id),
      }),
    ];
  }

  async patient(patient: Patient, hash: string) {
    const docKey = docKeyOf(this.sk, 'patient', patient.id);
    for (const link of await this.db.links.where('docKey').equals(docKey).toArray()) {
      if (link.contentHash === hash) continue;
      const active = await this.active(link.tenantId, docKey);
      if (
        active.some(
          (op) => (op.kind === 'contact.update' || op.kind === 'contact.create') && op.state !== 'leased',
        )
      )
        continue;
      this.add({
        tenantId: link.tenantId,
        kind: 'contact.update',
        docKey,
        recordKey: recordKeyOf(this.sk, 'patients', patient.id),
        clinicId: link.clinicId,
        label: `Contact ${patient.firstName} ${patient.lastName}`,
        dependsOn: active.map((op) => op.id),
      });
    }
  }
}
