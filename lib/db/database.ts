import Dexie, { type EntityTable } from 'dexie';
import type { XeroConnectionRecord } from '../xero/connection-record';
import { SCHEMA_VERSIONS } from './schema-versions';

/** One named settings document (`lib/settings/versioned.ts`): its value and the version of its shape. */
export interface SettingsRow {
  key: string;
  /** Absent on rows written before settings documents carried a version (read as version 1). */
  version?: number;
  value: unknown;
}

/**
 * The extension's IndexedDB, owned by the background. It lives on the extension's origin, so
 * no web page and no content script can open it. That is why the Xero tokens and the settings
 * that steer the connection are kept here rather than in chrome.storage.local, which content
 * scripts can read and write. Its schema and how it changes: `schema-versions.ts`.
 */
export class PracticeSyncDb extends Dexie {
  xeroConnection!: EntityTable<XeroConnectionRecord, 'id'>;
  settings!: EntityTable<SettingsRow, 'key'>;

  constructor(name = 'practice-sync') {
    super(name);
    // Every version, oldest first: a database saved by any earlier release is walked up to today's.
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}
