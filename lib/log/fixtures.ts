import { EngineDb } from '../engine/db';
import type { Link, Operation, OpKind, OpState } from '../engine/types';
import type { LogRow } from './types';

/**
 * Log rows for tests and the benchmark, written straight into an engine database (the database
 * adds the log's index fields itself, as it does for the engine's own writes).
 */
export const TENANT_AU = '4f1c2a7e-6b3d-4e8a-9c21-5d7f0e3b8a11';
export const TENANT_UK = '8b2d4e61-0c3f-4a7b-b5d2-6e9f1a3c7d20';
export const SOURCE_KEY = 'cliniko:harbourside';

export function logTestDb(): EngineDb {
  return new EngineDb(`log-${crypto.randomUUID()}`);
}

export function operation(n: number, fields: Partial<Operation> = {}): Operation {
  const id = String(n).padStart(12, '0');
  return {
    id,
    seq: n,
    tenantId: TENANT_AU,
    kind: 'invoice.create' as OpKind,
    docKey: `${SOURCE_KEY}|invoice|${n}`,
    recordKey: `${SOURCE_KEY}|invoices|${n}`,
    invoiceRef: `${SOURCE_KEY}|invoice|${n}`,
    clinicId: 'cbd',
    label: `Invoice HS-${n} · Patient ${n}`,
    state: 'done' as OpState,
    dependsOn: [],
    attempts: 1,
    notBefore: 0,
    leaseUntil: 0,
    batchId: null,
    uncertain: false,
    params: {},
    result: null,
    createdAt: 1_000 + n,
    updatedAt: 1_000 + n,
    ...fields,
  };
}

export function needsActionLink(n: number, fields: Partial<Link> = {}): Link {
  const docKey = `${SOURCE_KEY}|invoice|${n}`;
  return {
    key: `${TENANT_AU}|${docKey}`,
    tenantId: TENANT_AU,
    docKey,
    kind: 'invoice',
    xeroId: `xero-invoice-${n}`,
    number: `HS-${n}`,
    status: 'AUTHORISED',
    contentHash: 'h',
    state: 'needs-action',
    note: 'Deleted in the PMS. It is still in Xero: void it there with "Void in Xero" if it should go.',
    extra: {},
    clinicId: 'cbd',
    label: `Invoice HS-${n} · Patient ${n}`,
    updatedAt: 1_000 + n,
    ...fields,
  };
}

const FIRST = ['Jane', 'John', 'Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Omar'];
const LAST = ['Citizen', 'Nguyen', 'Smith', 'Patel', 'Brown', 'Kowalski', 'Lee', 'Garcia'];
const KINDS: OpKind[] = ['contact.create', 'invoice.create', 'payment.create', 'creditNote.create'];

/**
 * A large log: `count` operations over two clinics and two organisations, one in fifty failed,
 * patients from a small list of names; written in chunks, as a long-running practice's log would be.
 */
export async function fillLargeLog(db: EngineDb, count: number, chunk = 5_000): Promise<void> {
  for (let start = 0; start < count; start += chunk) {
    const rows: Operation[] = [];
    for (let n = start; n < Math.min(count, start + chunk); n++) {
      const patient = `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;
      rows.push(
        operation(n, {
          kind: KINDS[n % KINDS.length]!,
          label: `Invoice HS-${n} · ${patient}`,
          clinicId: n % 3 === 0 ? 'north' : 'cbd',
          tenantId: n % 5 === 0 ? TENANT_UK : TENANT_AU,
          state: n % 50 === 7 ? 'failed' : 'done',
          result: n % 50 === 7 ? { code: 'validation', message: 'Account code 200 is archived' } : null,
          // Several rows share each time stamp: ties are ordered by id.
          updatedAt: 1_700_000_000_000 + Math.floor(n / 4) * 1_000,
        }),
      );
    }
    await db.operations.bulkAdd(rows);
  }
}

/** A row as `sync.operations` answers it: a failed invoice, unless told otherwise. */
export function logRow(fields: Partial<LogRow> = {}): LogRow {
  return {
    key: '001790000120000|o|000000000002',
    opId: '000000000002',
    at: Date.UTC(2026, 10, 5, 9, 30),
    docKey: `${SOURCE_KEY}|invoice|5001`,
    document: 'Invoice HS-1042 · Jane Citizen',
    clinicId: 'cbd',
    clinicName: 'Harbourside CBD',
    tenantId: TENANT_AU,
    organisation: 'Harbourside Physio',
    kind: 'invoice.create',
    status: 'failed',
    message: 'Xero refused it',
    xeroMessages: ['Account code "200" is archived'],
    xeroUrl: null,
    pmsUrl: null,
    canRetry: true,
    canVoid: false,
    voidRef: null,
    ...fields,
  };
}
