import { z } from 'zod';
import type { PracticeSyncDb } from '../db/database';

/**
 * The Xero app the extension signs in with (client id, which scopes to ask for): not to be confused
 * with the connection itself (the OAuth grant, `connection.*`). Not secret; validated on every read and write.
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

export const xeroAppSettingsPatchSchema = xeroAppSettingsSchema.partial();

/** The row it is stored in, named before these settings were called the Xero app settings. */
const KEY = 'connection';

export const DEFAULT_XERO_APP_SETTINGS: XeroAppSettings = {
  xeroClientId: null,
  scopeProfile: 'granular',
};

/** Reads and writes settings in the extension's own database (see PracticeSyncDb for why). */
export class SettingsStore {
  constructor(private readonly db: PracticeSyncDb) {}

  async xeroApp(): Promise<XeroAppSettings> {
    const stored = (await this.db.settings.get(KEY))?.value;
    const parsed = xeroAppSettingsSchema.safeParse({ ...DEFAULT_XERO_APP_SETTINGS, ...(stored ?? {}) });
    // Damaged settings fall back to the defaults rather than stopping the extension.
    return parsed.success ? parsed.data : DEFAULT_XERO_APP_SETTINGS;
  }

  /** Validates the whole result before writing, so a bad patch changes nothing. */
  async updateXeroApp(patch: z.input<typeof xeroAppSettingsPatchSchema>): Promise<XeroAppSettings> {
    const next = xeroAppSettingsSchema.parse({ ...(await this.xeroApp()), ...patch });
    await this.db.settings.put({ key: KEY, value: next });
    return next;
  }
}

/** The client id in force: the user's override, else the one built in. */
export function effectiveClientId(settings: XeroAppSettings, buildDefault: string | undefined): string {
  const id = settings.xeroClientId ?? buildDefault;
  if (!id) throw new Error("No Xero client id is set. Enter your Xero app's client id in the options page.");
  return id;
}
