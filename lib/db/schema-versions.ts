import type { Transaction } from 'dexie';

/** One version of the database's schema. */
export interface SchemaVersion {
  version: number;
  /**
   * Dexie store specs for the tables this version adds or changes (`null` deletes a table).
   * Tables it does not name keep the spec they had.
   */
  stores: Record<string, string | null>;
  /**
   * Brings rows written under the previous version into this version's shape. Dexie runs it
   * once per database, inside the upgrade transaction: if it throws, nothing changes and the
   * database stays at the previous version. Work on raw rows (`tx.table(name)`), never through
   * today's types: the rows are as old code wrote them.
   */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * The history of the extension's IndexedDB schema, oldest first. Append only: a version that
 * has shipped is never edited, because some user's database is at it and only the versions
 * after it run on that database.
 *
 * Adding a version: one entry at the end with the next number, and a fixture in
 * `lib/db/fixtures/` holding the rows that version writes (the migration test asks for one).
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  { version: 1, stores: { xeroConnection: 'id', settings: 'key' } },
  // The Xero app settings were stored under 'connection', a name the OAuth grant also goes by.
  { version: 2, stores: {}, upgrade: (tx) => renameSettingsRow(tx, 'connection', 'xeroApp') },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)!.version;

/** Moves a settings row to another key, as it is (its value is migrated when read). */
async function renameSettingsRow(tx: Transaction, from: string, to: string): Promise<void> {
  const settings = tx.table('settings');
  const row = await settings.get(from);
  if (!row || (await settings.get(to))) return;
  await settings.add({ ...row, key: to });
  await settings.delete(from);
}
