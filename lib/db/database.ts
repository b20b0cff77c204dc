import Dexie, { type EntityTable } from 'dexie';
import type { XeroConnectionRecord } from '../xero/connection-record';

/**
 * The extension's IndexedDB, owned by the background. It lives on the extension's origin, so
 * no web page and no content script can open it: that is why the Xero tokens are kept here
 * rather than in chrome.storage.local, which content scripts can read.
 */
export class PracticeSyncDb extends Dexie {
  xeroConnection!: EntityTable<XeroConnectionRecord, 'id'>;

  constructor(name = 'practice-sync') {
    super(name);
    this.version(1).stores({ xeroConnection: 'id' });
  }
}
