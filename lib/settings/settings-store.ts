import type { PracticeSyncDb } from '../db/database';
import { type DocumentRead, type SettingsDocument, usableValue } from './versioned';

/**
 * One settings document in the extension's database (see PracticeSyncDb for why there). Reads
 * migrate and validate (`versioned.ts`); a document that cannot be read stays as it is until the
 * user saves a whole new one.
 */
export class SettingsStore<T> {
  constructor(
    private readonly db: PracticeSyncDb,
    readonly document: SettingsDocument<T>,
  ) {}

  /** The stored document brought up to date, the defaults if none was saved, or why it cannot be read. */
  async read(): Promise<DocumentRead<T>> {
    const row = await this.db.settings.get(this.document.key);
    return this.document.read(row && { version: row.version, value: row.value });
  }

  /** The value to work with. Throws UnreadableSettingsError rather than carrying on with defaults. */
  async get(): Promise<T> {
    return usableValue(await this.read());
  }

  /** Saves a whole document, replacing whatever is stored (an unreadable one too): the user's Save. */
  async save(value: T): Promise<T> {
    const stored = this.document.toStored(value);
    await this.db.settings.put({ key: this.document.key, ...stored });
    return stored.value;
  }

  /**
   * Changes a readable document (or the defaults) in one transaction, so two changes at once both
   * land. Refuses when the stored document cannot be read: it is kept for the user to replace.
   */
  async update(change: (current: T) => T): Promise<T> {
    return this.db.transaction('rw', this.db.settings, async () => {
      const next = change(await this.get());
      return this.save(next);
    });
  }
}
