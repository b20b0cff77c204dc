import Dexie, { type EntityTable } from 'dexie';
import type { Batch, Link, LogEntry, Operation, StoredRecord, TenantState } from './types';

/**
 * The engine's own IndexedDB. Kept apart from the connection's database (tokens, settings), so
 * the headless harness can save and restore it whole (`--state DIR`) and no token is ever in it.
 *
 * Versions: each entry adds to the one before; a new version is one more entry (with an upgrade
 * function when rows must change), never an edit of an old one.
 */
export const ENGINE_DB_VERSIONS: { version: number; stores: Record<string, string> }[] = [
  {
    version: 1,
    stores: {
      records: '&key, [sourceKey+kind]',
      links: '&key, docKey, [tenantId+kind], state, xeroId',
      operations:
        '&id, [state+tenantId+kind+notBefore], [state+leaseUntil], docKey, invoiceRef, *dependsOn, [tenantId+state], state, updatedAt',
      batches: '&id, tenantId',
      log: '++seq, at, [tenantId+at], docKey, result, opKind, clinicId',
      tenants: '&tenantId',
      meta: '&key',
    },
  },
];

export class EngineDb extends Dexie {
  records!: EntityTable<StoredRecord, 'key'>;
  links!: EntityTable<Link, 'key'>;
  operations!: EntityTable<Operation, 'id'>;
  batches!: EntityTable<Batch, 'id'>;
  log!: EntityTable<LogEntry, 'seq'>;
  tenants!: EntityTable<TenantState, 'tenantId'>;
  meta!: EntityTable<{ key: string; value: unknown }, 'key'>;

  constructor(name = 'practice-sync-engine', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const { version, stores } of ENGINE_DB_VERSIONS) this.version(version).stores(stores);
  }
}
