import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { linkLogFields, logIndexMiddleware, operationLogFields } from './log-index';
import type { Batch, Link, LogEntry, Operation, StoredRecord, TenantState } from './types';

/**
 * The engine's own IndexedDB. Kept apart from the connection's database (tokens, settings), so
 * the headless harness can save and restore it whole (`--state DIR`) and no token is ever in it.
 *
 * Versions: each entry adds to the one before; a new version is one more entry (with an upgrade
 * function when rows must change), never an edit of an old one.
 */
export const ENGINE_DB_VERSIONS: {
  version: number;
  stores: Record<string, string>;
  /** Brings rows of the previous version into this one's shape (raw rows, not today's types). */
  upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
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
  {
    // The sync log reads operations (and links that need the user) a page at a time through
    // these indexes, in `logKey` order; the last success is found without scanning the log.
    version: 2,
    stores: {
      links: '&key, docKey, [tenantId+kind], state, xeroId, [state+logKey]',
      operations:
        '&id, [state+tenantId+kind+notBefore], [state+leaseUntil], docKey, invoiceRef, *dependsOn, [tenantId+state], state, updatedAt, logKey, [logStatus+logKey], [kind+logKey], [clinicId+logKey], [tenantId+logKey], *logTerms, clinicId',
      log: '++seq, at, [tenantId+at], docKey, result, opKind, clinicId, [result+at]',
    },
    upgrade: async (tx) => {
      await tx
        .table('operations')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          Object.assign(row, operationLogFields(row));
        });
      await tx
        .table('links')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          Object.assign(row, linkLogFields(row));
        });
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
    for (const { version, stores, upgrade } of ENGINE_DB_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
    this.use(logIndexMiddleware);
  }
}
