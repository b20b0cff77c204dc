import { z } from 'zod';
import type { PracticeSyncDb } from '../db/database';

/** User settings for the Xero connection. Not secret; validated on every read and write. */
export const connectionSettingsSchema = z.object({
  /** Overrides the client id the build ships with; each deployment registers its own Xero app. */
  xeroClientId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'A Xero client id is letters, digits, - and _')
    .nullable(),
  scopeProfile: z.enum(['granular', 'broad']),
});

export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

export const connectionSettingsPatchSchema = connectionSettingsSchema.partial();

const KEY = 'connection';

export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = {
  xeroClientId: null,
  scopeProfile: 'granular',
};

/** Reads and writes settings in the extension's own database (see PracticeSyncDb for why). */
export class SettingsStore {
  constructor(private readonly db: PracticeSyncDb) {}

  async connection(): Promise<ConnectionSettings> {
    const stored = (await this.db.settings.get(KEY))?.value;
    const parsed = connectionSettingsSchema.safeParse({ ...DEFAULT_CONNECTION_SETTINGS, ...(stored ?? {}) });
    // Damaged settings fall back to the defaults rather than stopping the extension.
    return parsed.success ? parsed.data : DEFAULT_CONNECTION_SETTINGS;
  }

  /** Validates the whole result before writing, so a bad patch changes nothing. */
  async updateConnection(patch: z.input<typeof connectionSettingsPatchSchema>): Promise<ConnectionSettings> {
    const next = connectionSettingsSchema.parse({ ...(await this.connection()), ...patch });
    await this.db.settings.put({ key: KEY, value: next });
    return next;
  }
}

/** The client id in force: the user's override, else the one built in. */
export function effectiveClientId(settings: ConnectionSettings, buildDefault: string | undefined): string {
  const id = settings.xeroClientId ?? buildDefault;
  if (!id) throw new Error("No Xero client id is set. Enter your Xero app's client id in the options page.");
  return id;
}
