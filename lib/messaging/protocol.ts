import { z } from 'zod';
import type { QueueSummary } from '../engine/engine';
import type { SubmitSummary } from '../engine/planner';
import { type DocumentRef, type DocumentStatus, documentRefSchema } from '../engine/status';
import type { LogEntry } from '../engine/types';
import { type LogFacets, type LogPage, logQuerySchema, OP_KINDS } from '../log/types';
import type { SyncSettings } from '../settings/sync-settings';
import { type XeroAppSettingsView, xeroAppSettingsSchema } from '../settings/xero-app-settings';
import type { OrganisationLists, PracticeDirectory, SetupCheck } from '../setup/lists';
import type { ConnectionView } from '../xero/connection-service';

/**
 * The one message protocol between the extension's pages / content scripts and the background.
 * Every request names who may send it; its input is checked with zod on arrival.
 */
export type SenderKind = 'extension-page' | 'content-script';

const empty = z.object({}).strict();

/** A submission larger than this is refused whole: send a backfill in parts. */
export const MAX_SUBMISSION_BYTES = 5 * 1024 * 1024;

const recordsPayload = z.unknown().refine(
  (records) => {
    try {
      return JSON.stringify(records).length <= MAX_SUBMISSION_BYTES;
    } catch {
      return false;
    }
  },
  `The records are larger than ${MAX_SUBMISSION_BYTES / 1024 / 1024} MB; send them in parts.`,
);

/** Who is asking, as the browser stamped it: the router decides the kind, handlers may use the origin. */
export interface SenderContext {
  kind: SenderKind;
  /** The web page's origin for a content script; null for the extension's own pages. */
  origin: string | null;
}

export const requestDefinitions = {
  'connection.get': { input: empty, from: ['extension-page', 'content-script'] },
  /** Talks to Xero (and may refresh tokens), so only the extension's own pages may ask. */
  'connection.verify': { input: empty, from: ['extension-page'] },
  'connection.connect': { input: empty, from: ['extension-page'] },
  'connection.disconnect': { input: empty, from: ['extension-page'] },
  'connection.selectTenant': { input: z.object({ tenantId: z.guid() }).strict(), from: ['extension-page'] },
  'settings.getXeroApp': { input: empty, from: ['extension-page'] },
  /** The whole form, as the user saved it: it replaces what is stored, even settings that could not be read. */
  'settings.saveXeroApp': { input: xeroAppSettingsSchema.strict(), from: ['extension-page'] },
  /**
   * Practice records to send to Xero (validated record by record by the engine). From a content
   * script only for the source its page's origin belongs to.
   */
  'sync.submit': {
    input: z.strictObject({ records: recordsPayload, trigger: z.enum(['auto', 'manual']) }),
    from: ['extension-page', 'content-script'],
  },
  /** The Xero state of PMS documents, for badges and the sync log. */
  'sync.status': {
    input: z.strictObject({ refs: z.array(documentRefSchema).min(1).max(200) }),
    from: ['extension-page', 'content-script'],
  },
  /** Try failed operations again, after the user fixed the cause. */
  'sync.retry': {
    input: z.union([
      z.strictObject({
        opIds: z
          .array(z.string().regex(/^\d{12}$/))
          .min(1)
          .max(10_000),
      }),
      z.strictObject({ allFailed: z.literal(true) }),
    ]),
    from: ['extension-page'],
  },
  /** The user confirmed "Void in Xero" for an invoice deleted in the PMS. */
  'sync.voidInXero': {
    input: z.strictObject({ ref: documentRefSchema }),
    from: ['extension-page', 'content-script'],
  },
  /** Queue counts, pauses and the last success (popup, options page header). */
  'sync.summary': { input: empty, from: ['extension-page'] },
  /** Send what is queued now. */
  'sync.run': { input: empty, from: ['extension-page'] },
  'sync.log': {
    input: z.strictObject({
      result: z.enum(['ok', 'failed', 'skipped', 'info']).optional(),
      opKind: z.enum(['submit', ...OP_KINDS]).optional(),
      tenantId: z.guid().optional(),
      clinicId: z.string().max(64).optional(),
      since: z.number().int().nonnegative().optional(),
      until: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    from: ['extension-page'],
  },
  /**
   * The sync log a bookkeeper works from: a page of operations (and documents waiting for "Void
   * in Xero"), filtered, searched, newest first, paged by cursor.
   */
  'sync.operations': { input: logQuerySchema, from: ['extension-page'] },
  /** One document's history: the log entries for its docKey, newest first. */
  'sync.history': {
    input: z.strictObject({ docKey: z.string().min(1).max(400) }),
    from: ['extension-page'],
  },
  /** The clinics and organisations the log's filters offer. */
  'sync.logFacets': { input: empty, from: ['extension-page'] },
  /**
   * An organisation's accounts, tax rates and tracking categories, read live from Xero, for the
   * mapping pickers. The background answers the same lists for 30 s; `refresh` reads them again.
   */
  'xero.lists': {
    input: z.strictObject({ tenantId: z.guid(), refresh: z.boolean().optional() }),
    from: ['extension-page'],
  },
  /**
   * "Check setup": the settings (the stored ones, or an unsaved draft) against the live
   * organisations they name; lists what would fail. Sends nothing.
   */
  'sync.checkSetup': {
    input: z.strictObject({ document: z.unknown().optional() }),
    from: ['extension-page'],
  },
  /** The clinics, practitioners, categories, tax names, item codes and payment methods the records have named. */
  'sync.directory': { input: empty, from: ['extension-page'] },
  'sync.getSettings': { input: empty, from: ['extension-page'] },
  /** A whole settings document (as exported): validated and migrated, or refused with nothing changed. */
  'sync.saveSettings': {
    input: z.strictObject({
      document: z.unknown(),
      /**
       * The saved settings the page last showed: when the stored ones differ (the popup switched
       * the organisation, another tab saved), the save is refused and nothing is overwritten.
       * Absent for a deliberate replacement (an imported file).
       */
      base: z.unknown().optional(),
    }),
    from: ['extension-page'],
  },
} as const satisfies Record<string, { input: z.ZodType; from: readonly SenderKind[] }>;

/** What each request answers. */
export interface ResponseMap {
  'connection.get': ConnectionView;
  'connection.verify': ConnectionView;
  'connection.connect': ConnectionView;
  'connection.disconnect': ConnectionView;
  'connection.selectTenant': ConnectionView;
  'settings.getXeroApp': XeroAppSettingsView;
  'settings.saveXeroApp': XeroAppSettingsView;
  'sync.submit': SubmitSummary;
  'sync.status': DocumentStatus[];
  'sync.retry': { retried: number };
  'sync.voidInXero': { queued: boolean; reason?: string };
  'sync.summary': QueueSummary & { connection: 'connected' | 'disconnected' | 'not-connected' };
  'sync.run': { started: true };
  'sync.log': LogEntry[];
  'sync.operations': LogPage;
  'sync.history': LogEntry[];
  'sync.logFacets': LogFacets;
  'xero.lists': OrganisationLists;
  'sync.checkSetup': SetupCheck;
  'sync.directory': PracticeDirectory;
  'sync.getSettings': SyncSettingsView;
  'sync.saveSettings': SyncSettingsView;
}

/** The sync settings as the options page sees them: the document, or why the stored one cannot be read. */
export type SyncSettingsView =
  | { status: 'saved' | 'default'; settings: SyncSettings }
  | { status: 'unreadable'; reason: string };

export type { DocumentRef };

export type RequestType = keyof typeof requestDefinitions;
export type RequestInput<K extends RequestType> = z.input<(typeof requestDefinitions)[K]['input']>;
export type ParsedInput<K extends RequestType> = z.output<(typeof requestDefinitions)[K]['input']>;

export const envelopeSchema = z.object({ type: z.string(), payload: z.unknown() }).strict();

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
