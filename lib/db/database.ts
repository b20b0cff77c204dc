import Dexie, { type EntityTable } from 'dexie';
import type { XeroConnectionRecord } from '../xero/connection-record';

/** One named settings document; each is validated with its own zod schema when read. */
export interface SettingsRow {
  key: string;
  value: unknown;
}

/**
 * The extension's IndexedDB, owned by the background. It lives on the extension's origin, so
 * no web page and no content script can open it. That is why the Xero tokens and the settings
 * that steer the connection are kept here rather than in chrome.storage.local, which content
 * scripts can read and write.
 */
export class PracticeSyncDb extends Dexie {
  xeroConnection!: EntityTable<XeroConnectionRecord, 'id'>;
  settings!: EntityTable<SettingsRow, 'key'>;

  constructor(name = 'practice-sync') {
    super(name);
    this.version(1).stores({ xeroConnection: 'id', settings: 'key' });
  }
}
