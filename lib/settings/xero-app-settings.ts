import { z } from 'zod';
import { type DocumentRead, defineSettingsDocument } from './versioned';

/**
 * The Xero app the extension signs in with (client id, which scopes to ask for): not to be confused
 * with the connection itself (the OAuth grant, `connection.*`). Not secret.
 */
export const xeroAppSettingsSchema = z.object({
  /** Overrides the client id the build ships with; each deployment registers its own Xero app. */
  xeroClientId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'A Xero client id is letters, digits, - and _')
    .nullable(),
  scopeProfile: z.enum(['granular', 'broad']),
});

export type XeroAppSettings = z.infer<typeof xeroAppSettingsSchema>;

export const DEFAULT_XERO_APP_SETTINGS: XeroAppSettings = {
  xeroClientId: null,
  scopeProfile: 'granular',
};

/**
 * Version 1 is the shape the extension has always stored (unversioned until versions were
 * introduced). A change of shape is a new version with its migration, and a fixture in
 * `fixtures/xero-app.ts`.
 */
export const xeroAppSettings = defineSettingsDocument({
  /** Stored under 'connection' until schema version 2. */
  key: 'xeroApp',
  title: 'Xero app',
  version: 1,
  schema: xeroAppSettingsSchema,
  defaults: DEFAULT_XERO_APP_SETTINGS,
});

/** What the options page is told about the Xero app settings. */
export interface XeroAppSettingsView {
  /** What the form starts from: the saved settings, else the defaults. */
  settings: XeroAppSettings;
  /** Set when the saved settings cannot be read: why, and what is stored (kept until the user saves). */
  unreadable?: { reason: string; stored: string };
}

export function toXeroAppSettingsView(read: DocumentRead<XeroAppSettings>): XeroAppSettingsView {
  if (read.status !== 'unreadable') return { settings: read.value };
  return {
    settings: DEFAULT_XERO_APP_SETTINGS,
    unreadable: {
      reason: read.problem.reason,
      stored: describeStored(read.problem.stored),
    },
  };
}

/** What is stored, for the user to see (and copy) before replacing it. */
function describeStored(stored: unknown): string {
  try {
    return JSON.stringify(stored, null, 2) ?? String(stored);
  } catch {
    return String(stored); // not JSON at all (a cycle, say): IndexedDB holds more than JSON can
  }
}

/** The client id in force: the user's override, else the one built in. */
export function effectiveClientId(settings: XeroAppSettings, buildDefault: string | undefined): string {
  const id = settings.xeroClientId ?? buildDefault;
  if (!id) throw new Error("No Xero client id is set. Enter your Xero app's client id in the options page.");
  return id;
}
