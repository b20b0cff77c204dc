import { z } from 'zod';
import { defineSettingsDocument } from './versioned';

/**
 * The settings the sync engine reads: organisation-wide defaults and per-clinic overrides.
 * One JSON document, versioned; the options page edits it, the background stores it, and the
 * headless harness reads the same document from a file. Pure: no storage here.
 */
export const SYNC_SETTINGS_FORMAT = 'practice-sync-settings';
export const SYNC_SETTINGS_VERSION = 1;

const accountCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,10}$/, 'a Xero account code: up to 10 letters or digits');
/** Xero's tax type code (OUTPUT, EXEMPTOUTPUT, TAX001…), not its display name. */
const taxType = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_]{1,50}$/, 'a Xero tax type code such as OUTPUT or EXEMPTOUTPUT, not its display name');
const label = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .refine((s) => !/[<>]/.test(s), 'must not contain < or >');
const tenantId = z.guid('a Xero organisation id');
const prefix = z.string().regex(/^[A-Za-z0-9._/#-]{0,20}$/, 'up to 20 letters, digits or . _ / # -');

/** Links a PMS clinic or practitioner to an option of one Xero tracking category. */
const trackingMappingSchema = z.strictObject({
  /** The Xero tracking category's name, e.g. "Location". */
  category: label,
  /** PMS id → option name; a clinic or practitioner not listed uses its own name as the option. */
  options: z.record(z.string(), label),
});

/** Every setting one clinic runs with. The defaults hold all of them; a clinic overrides some. */
export const clinicSettingsSchema = z.strictObject({
  /** The Xero organisation this clinic's documents go to; null: not chosen, nothing is sent. */
  tenantId: tenantId.nullable(),
  /** Off: nothing is sent, not even by hand. */
  enabled: z.boolean(),
  /** auto: pages push as they are seen; manual: only when someone clicks. */
  mode: z.enum(['auto', 'manual']),
  /** New invoices as DRAFT or AUTHORISED (a Draft is authorised when a payment arrives). */
  invoiceStatus: z.enum(['DRAFT', 'AUTHORISED']),
  /** Category → revenue account code. */
  revenueAccounts: z.record(label, accountCode),
  /** PMS item code → revenue account code; wins over the category. */
  itemAccounts: z.record(z.string().min(1).max(64), accountCode),
  /** PMS tax name → Xero tax type. */
  taxRates: z.record(label, taxType),
  /** Category → Xero tax type, for a PMS tax name not listed above. */
  categoryTaxRates: z.record(label, taxType),
  /** PMS payment method → Xero bank (or payments-enabled) account code. */
  paymentAccounts: z.record(label, accountCode),
  defaultPaymentAccount: accountCode.nullable(),
  /** Where a difference of up to 5 c between the PMS total and Xero's goes; the tax type must be 0 %. */
  rounding: z.strictObject({ accountCode, taxType }).nullable(),
  invoicePrefix: prefix,
  creditNotePrefix: prefix,
  /** Days after the issue date when the PMS gives no due date. */
  dueDays: z.number().int().min(0).max(365),
  tracking: z.strictObject({
    clinic: trackingMappingSchema.nullable(),
    practitioner: trackingMappingSchema.nullable(),
  }),
  /** On: e-mail, phone and address follow the PMS on every sync. Off: set only when the contact is created. */
  keepContactDetailsInSync: z.boolean(),
});

export type ClinicSettings = z.infer<typeof clinicSettingsSchema>;

export const clinicOverrideSchema = clinicSettingsSchema.partial().extend({
  /** The clinic's name, for people reading the document. */
  name: label.optional(),
});
export type ClinicOverride = z.infer<typeof clinicOverrideSchema>;

export const syncSettingsSchema = z.strictObject({
  format: z.literal(SYNC_SETTINGS_FORMAT),
  version: z.literal(SYNC_SETTINGS_VERSION),
  /** The user's list of categories (Services, Products, Hearing aids, …). */
  categories: z.array(label).max(100),
  defaults: clinicSettingsSchema,
  /** PMS clinic id → what that clinic does differently. */
  clinics: z.record(z.string().min(1).max(64), clinicOverrideSchema),
});

export type SyncSettings = z.infer<typeof syncSettingsSchema>;

export const DEFAULT_CLINIC_SETTINGS: ClinicSettings = {
  tenantId: null,
  enabled: true,
  mode: 'manual',
  invoiceStatus: 'AUTHORISED',
  revenueAccounts: {},
  itemAccounts: {},
  taxRates: {},
  categoryTaxRates: {},
  paymentAccounts: {},
  defaultPaymentAccount: null,
  rounding: null,
  invoicePrefix: '',
  creditNotePrefix: '',
  dueDays: 0,
  tracking: { clinic: null, practitioner: null },
  keepContactDetailsInSync: false,
};

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  format: SYNC_SETTINGS_FORMAT,
  version: SYNC_SETTINGS_VERSION,
  categories: ['Services', 'Products', 'Custom items'],
  defaults: DEFAULT_CLINIC_SETTINGS,
  clinics: {},
};

/** Maps merge key by key (a clinic may override one category's account); everything else replaces. */
const MERGED_MAPS = [
  'revenueAccounts',
  'itemAccounts',
  'taxRates',
  'categoryTaxRates',
  'paymentAccounts',
] as const satisfies readonly (keyof ClinicSettings)[];

/** The settings one clinic runs with: the defaults, with that clinic's overrides on top. */
export function settingsForClinic(settings: SyncSettings, clinicId: string): ClinicSettings {
  const { name: _name, ...override } = settings.clinics[clinicId] ?? {};
  const merged: ClinicSettings = { ...settings.defaults, ...stripUndefined(override) };
  for (const key of MERGED_MAPS) {
    merged[key] = { ...settings.defaults[key], ...(override[key] ?? {}) };
  }
  return merged;
}

/** Which of a clinic's settings are its own rather than inherited from the defaults. */
export function overriddenKeys(settings: SyncSettings, clinicId: string): (keyof ClinicSettings)[] {
  const override = settings.clinics[clinicId] ?? {};
  return (Object.keys(clinicSettingsSchema.shape) as (keyof ClinicSettings)[]).filter(
    (key) => override[key] !== undefined,
  );
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * How older versions of the document become today's: `SYNC_SETTINGS_MIGRATIONS[n]` turns a
 * version n - 1 document into version n (and sets its `version` field to n). Version 1 is the
 * first; a change of shape adds an entry here and a fixture for the test that walks every version.
 */
export const SYNC_SETTINGS_MIGRATIONS: Record<
  number,
  (old: Record<string, unknown>) => Record<string, unknown>
> = {};

/** The sync settings as stored in the extension's database (the same JSON as an exported file). */
export const syncSettingsDocument = defineSettingsDocument({
  key: 'sync',
  title: 'sync',
  version: SYNC_SETTINGS_VERSION,
  schema: syncSettingsSchema,
  defaults: DEFAULT_SYNC_SETTINGS,
  migrations: SYNC_SETTINGS_MIGRATIONS,
});

export type SettingsReadResult = { ok: true; settings: SyncSettings } | { ok: false; error: string };

/**
 * Reads a settings document from anywhere (storage, an imported file, the harness's --settings):
 * migrates it from its version to the current one and validates it. A bad document gives a
 * clear error naming the field, and nothing is changed by reading it.
 */
export function readSyncSettings(input: unknown): SettingsReadResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'A settings document is a JSON object.' };
  }
  const doc = input as Record<string, unknown>;
  if (doc.format !== SYNC_SETTINGS_FORMAT) {
    return { ok: false, error: `Not a settings document: "format" must be "${SYNC_SETTINGS_FORMAT}".` };
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: '"version" must be a whole number from 1.' };
  }
  if (version > SYNC_SETTINGS_VERSION) {
    return {
      ok: false,
      error: `This settings document is version ${version}, newer than this extension understands (${SYNC_SETTINGS_VERSION}). Update the extension.`,
    };
  }
  let current: unknown = doc;
  if (version < SYNC_SETTINGS_VERSION) {
    const read = syncSettingsDocument.read({ version, value: doc });
    if (read.status === 'unreadable') return { ok: false, error: `Settings: ${read.problem.reason}` };
    current = read.value;
  }
  const parsed = syncSettingsSchema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map(String).join('.') || '(the document)';
    return { ok: false, error: `Settings ${where}: ${issue.message}` };
  }
  return { ok: true, settings: parsed.data };
}
