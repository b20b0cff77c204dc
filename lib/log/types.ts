import { z } from 'zod';
import { LOG_STATUSES } from '../engine/log-index';
import type { DocumentRef } from '../engine/status';
import type { OpKind } from '../engine/types';

/**
 * The sync log as a bookkeeper works from it: one row per Xero operation with its current state,
 * plus one per document deleted in the PMS that waits for "Void in Xero".
 */
export const ROW_STATUSES = [...LOG_STATUSES, 'needs-action'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export const OP_KINDS = [
  'contact.create',
  'contact.update',
  'invoice.create',
  'invoice.update',
  'invoice.authorise',
  'invoice.void',
  'payment.create',
  'payment.delete',
  'creditNote.create',
  'creditNote.update',
  'creditNote.void',
  'allocation.create',
  'allocation.delete',
] as const satisfies readonly OpKind[];

/** The most a page may hold. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const logFiltersSchema = z.strictObject({
  status: z.enum(ROW_STATUSES).optional(),
  kind: z.enum(OP_KINDS).optional(),
  clinicId: z.string().min(1).max(64).optional(),
  tenantId: z.string().min(1).max(64).optional(),
  /** Changed at or after (epoch ms). */
  since: z.number().int().nonnegative().optional(),
  /** Changed at or before (epoch ms). */
  until: z.number().int().nonnegative().optional(),
  /** Words of the document's number or the patient's name. */
  search: z.string().max(100).optional(),
});
export type LogFilters = z.infer<typeof logFiltersSchema>;

export const logQuerySchema = logFiltersSchema.extend({
  /** A page below (older than) or above (newer than) a row's key; none: the newest page. */
  page: z
    .union([
      z.strictObject({ older: z.string().min(1).max(400) }),
      z.strictObject({ newer: z.string().min(1).max(400) }),
    ])
    .optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});
export type LogQuery = z.infer<typeof logQuerySchema>;

export interface LogRow {
  /** Unique and ordered: the row's cursor. */
  key: string;
  /** The operation's id (what Retry takes); null for a document that needs the user. */
  opId: string | null;
  /** When it last changed (epoch ms). */
  at: number;
  docKey: string;
  /** What a person needs to find the document: "Invoice HS-1042 · Jane Citizen". */
  document: string;
  clinicId: string | null;
  clinicName: string | null;
  tenantId: string;
  organisation: string | null;
  /** For a document that needs the user: the operation it waits for (`invoice.void`). */
  kind: OpKind;
  status: RowStatus;
  /** Why it failed, waits, or needs action; the outcome otherwise. */
  message: string | null;
  /** Xero's own words, when Xero refused it. */
  xeroMessages: string[];
  xeroUrl: string | null;
  pmsUrl: string | null;
  canRetry: boolean;
  /** Deleted in the PMS, still in Xero, no void queued yet. */
  canVoid: boolean;
  /** What `sync.voidInXero` takes, for a row that can be voided. */
  voidRef: DocumentRef | null;
}

export interface LogPage {
  rows: LogRow[];
  /** Pass as `page: { newer }` for the page above; null on the newest page. */
  newer: string | null;
  /** Pass as `page: { older }` for the page below; null on the oldest page. */
  older: string | null;
}

/** What the filters offer: the clinics and organisations the log has rows for. */
export interface LogFacets {
  clinics: { id: string; name: string }[];
  organisations: { tenantId: string; name: string }[];
}
