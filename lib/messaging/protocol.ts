import { z } from 'zod';
import { type XeroAppSettingsView, xeroAppSettingsSchema } from '../settings/xero-app-settings';
import type { ConnectionView } from '../xero/connection-service';

/**
 * The one message protocol between the extension's pages / content scripts and the background.
 * Every request names who may send it; its input is checked with zod on arrival.
 */
export type SenderKind = 'extension-page' | 'content-script';

const empty = z.object({}).strict();

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
}

export type RequestType = keyof typeof requestDefinitions;
export type RequestInput<K extends RequestType> = z.input<(typeof requestDefinitions)[K]['input']>;
export type ParsedInput<K extends RequestType> = z.output<(typeof requestDefinitions)[K]['input']>;

export const envelopeSchema = z.object({ type: z.string(), payload: z.unknown() }).strict();

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
