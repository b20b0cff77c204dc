import type { LogIndexFields } from './log-index';

/**
 * The sync engine's durable data. Everything the engine knows lives in its IndexedDB (see
 * `db.ts`); nothing important is only in memory, so a service worker killed at any point
 * resumes from here.
 */

/** What kind of PMS document (or part of one) a link ties to Xero. */
export type DocKind = 'patient' | 'payer' | 'invoice' | 'creditNote' | 'payment' | 'refund' | 'allocation';

/**
 * `source|kind|pmsId`, e.g. `cliniko:harbourside|invoice|5001`. Payments are linked per allocation
 * (`…|payment|9001>5001`: PMS payment 9001's share of invoice 5001), because Xero has one payment
 * per document paid; a refund is `…|refund|9002>7001` (paid out against credit note 7001); a credit
 * note's allocation to its invoice is `…|allocation|7001`.
 */
export type DocKey = string;

export type OpKind =
  | 'contact.create'
  | 'contact.update'
  | 'invoice.create'
  | 'invoice.update'
  | 'invoice.authorise'
  | 'invoice.void'
  | 'payment.create'
  | 'payment.delete'
  | 'creditNote.create'
  | 'creditNote.update'
  | 'creditNote.void'
  | 'allocation.create'
  | 'allocation.delete';

/**
 * - `waiting`: an operation it depends on has not finished;
 * - `queued`: ready to send once `notBefore` has passed;
 * - `leased`: a worker has it (until `leaseUntil`; an expired lease is picked up again);
 * - `done`, `cancelled`: finished;
 * - `failed`: Xero (or the engine's own checks) refused it; waits for the user's retry;
 * - `blocked`: an operation it depends on failed; it continues when that one succeeds.
 */
export type OpState = 'waiting' | 'queued' | 'leased' | 'done' | 'failed' | 'blocked' | 'cancelled';

export const ACTIVE_STATES: readonly OpState[] = ['waiting', 'queued', 'leased', 'failed', 'blocked'];

export interface OpResult {
  /** A short code: 'validation', 'rate-limited', 'mapping', 'overpayment', 'needs-action', … */
  code: string;
  message: string;
  /** Xero's own words, when Xero refused it. */
  xeroMessages?: string[];
}

export interface Operation extends LogIndexFields {
  id: string;
  /** Queue order. */
  seq: number;
  /** The organisation it is for, fixed when it was queued: a later switch never moves it. */
  tenantId: string;
  kind: OpKind;
  /** The link it writes. */
  docKey: DocKey;
  /** The stored PMS record it reads when it is sent (the newest version at that moment). */
  recordKey: string | null;
  /** The invoice's docKey, for operations that pay or credit an invoice (so they can be found by it). */
  invoiceRef: DocKey | null;
  clinicId: string | null;
  /** What a person needs to find the document: "Invoice HS-1042 · Jane Citizen". */
  label: string;
  state: OpState;
  dependsOn: string[];
  attempts: number;
  notBefore: number;
  leaseUntil: number;
  batchId: string | null;
  /** A request for it may have reached Xero without an answer: look before sending it again. */
  uncertain: boolean;
  /** Kind-specific inputs (status to create with, ids to delete, amounts…). */
  params: Record<string, unknown>;
  result: OpResult | null;
  createdAt: number;
  updatedAt: number;
}

export type LinkState = 'synced' | 'needs-action' | 'removed';

/** What the engine knows of a PMS document's counterpart in one organisation. */
export interface Link extends LogIndexFields {
  /** `tenantId|docKey` */
  key: string;
  tenantId: string;
  docKey: DocKey;
  kind: DocKind;
  xeroId: string;
  /** InvoiceNumber, CreditNoteNumber, ContactNumber (for contacts), or the payment's tag. */
  number: string | null;
  /** Xero's status of the document as last seen (DRAFT, AUTHORISED, VOIDED, DELETED…). */
  status: string | null;
  /** Hash of the PMS content last sent successfully: unchanged content is never sent again. */
  contentHash: string | null;
  state: LinkState;
  /** Why it needs action, when it does. */
  note: string | null;
  /** Kind-specific: a contact's name variant, an allocation's amount… */
  extra: Record<string, unknown>;
  clinicId: string | null;
  label: string;
  updatedAt: number;
}

/** The newest version of every PMS record received, so later submissions may refer to it. */
export interface StoredRecord {
  /** `source|kinds|id`, e.g. `cliniko:harbourside|invoices|5001` */
  key: string;
  sourceKey: string;
  kind: 'patients' | 'invoices' | 'payments' | 'creditNotes';
  id: string;
  data: unknown;
  hash: string;
  receivedAt: number;
}

/** One write request as it was (or will be) sent, kept so a retry is byte-identical. */
export interface Batch {
  id: string;
  tenantId: string;
  kind: OpKind;
  opIds: string[];
  method: 'PUT' | 'POST' | 'DELETE';
  path: string;
  query: Record<string, string>;
  /** The JSON body exactly as sent. */
  body: string | null;
  idempotencyKey: string;
  createdAt: number;
  /** When it first went out; a retry more than five minutes later no longer gets Xero's cached answer. */
  firstSentAt: number | null;
}

export type LogResult = 'ok' | 'failed' | 'skipped' | 'info';

export interface LogEntry {
  seq?: number;
  at: number;
  tenantId: string;
  docKey: DocKey;
  label: string;
  clinicId: string | null;
  opKind: OpKind | 'submit';
  result: LogResult;
  message: string;
  xeroMessages?: string[];
  xeroId?: string | null;
  number?: string | null;
}

/** Per organisation: the limiter's memory and what was read about the organisation. */
export interface TenantState {
  tenantId: string;
  /** Send times (ms) of the calls of the last minute. */
  recentCalls: number[];
  /** Set when Xero's day limit is spent: nothing is sent before. */
  pausedUntil: number | null;
  pauseReason: string | null;
  dayRemaining: number | null;
  facts: unknown;
  factsReadAt: number | null;
}
