import type { EngineDb } from '../../lib/engine/db';
import { books, invoice, patient, payment, records, type World } from './engine-world';
import { PROFILES, profileCreditNote } from './org-profiles';

/**
 * Bad input for the sync engine: one valid base submission, and mutations of it addressed by
 * the same paths the engine's errors use (`invoices[1].lines[1].unitPrice`).
 *
 * The base is built so that each record that gets broken stands alone: patient 1002 is used only
 * by invoice 5002, and nothing refers to invoice 5002, payment 9001 or credit note 7001. Patient
 * 1001 and invoice 5001 are never broken, so whatever else goes wrong, something good goes ahead.
 */

export type Kind = 'patients' | 'invoices' | 'payments' | 'creditNotes';
export type Doc = Record<string, unknown> & {
  patients: Record<string, unknown>[];
  invoices: Record<string, unknown>[];
  payments: Record<string, unknown>[];
  creditNotes: Record<string, unknown>[];
};

export const AU_PROFILE = PROFILES[0]!;

export function baseDocument(): Doc {
  return structuredClone(
    records({
      patients: [patient('1001'), patient('1002', 'John', 'Smith')],
      invoices: [invoice('5001', '1001'), invoice('5002', '1002')],
      payments: [payment('9001', [{ invoiceId: '5001', amount: '50.00' }])],
      creditNotes: [profileCreditNote(AU_PROFILE, '7001', '1001', '5001', '20.00')],
    }),
  ) as Doc;
}

/** The record that a case breaks (by the position it has in the base document). */
export const TARGETS = {
  patients: { index: 1, id: '1002' },
  invoices: { index: 1, id: '5002' },
  payments: { index: 0, id: '9001' },
  creditNotes: { index: 0, id: '7001' },
} as const;

type Segment = string | number;

/** `invoices[1].lines[0].unitPrice` → ['invoices', 1, 'lines', 0, 'unitPrice']. */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`bad path ${path}`);
    if (match[1]) segments.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

function parentOf(doc: unknown, path: string): { parent: Record<Segment, unknown>; key: Segment } {
  const segments = parsePath(path);
  const key = segments.pop()!;
  let parent = doc as Record<Segment, unknown>;
  for (const segment of segments) parent = parent[segment] as Record<Segment, unknown>;
  if (typeof parent !== 'object' || parent === null) throw new Error(`nothing at ${path}`);
  return { parent, key };
}

export function setAt(doc: unknown, path: string, value: unknown): void {
  const { parent, key } = parentOf(doc, path);
  parent[key] = value;
}

export function deleteAt(doc: unknown, path: string): void {
  const { parent, key } = parentOf(doc, path);
  if (!(key in parent)) throw new Error(`no field at ${path} to remove`);
  delete parent[key];
}

export function getAt(doc: unknown, path: string): unknown {
  const { parent, key } = parentOf(doc, path);
  return parent[key];
}

/** The queue, as (kind, document) pairs: what would be sent, whatever the ids of the operations. */
export async function queuedWork(db: EngineDb): Promise<string[]> {
  const ops = await db.operations.toArray();
  return ops.map((op) => `${op.kind} ${op.docKey}`).sort();
}

/** The stored records (what a later submission may refer to). */
export async function storedRecords(db: EngineDb): Promise<string[]> {
  return (await db.records.toArray()).map((r) => r.key).sort();
}

/** What the AU organisation holds that the engine could have made, with the amounts and names. */
export function xeroHolds(world: World) {
  const au = books(world);
  return {
    invoices: au.invoices.map((i) => `${i.InvoiceNumber} ${i.Total}`).sort(),
    creditNotes: au.creditNotes.map((c) => `${c.CreditNoteNumber} ${c.Total}`).sort(),
    payments: au.payments
      .filter((p) => p.Status !== 'DELETED')
      .map((p) => `${p.Amount} ${p.Reference ?? ''}`)
      .sort(),
    contacts: au.contacts
      .filter((c) => c.ContactNumber?.startsWith('cliniko:'))
      .map((c) => `${c.ContactNumber} ${c.Name}`)
      .sort(),
  };
}

/** What the AU organisation holds once the base document went through, minus a broken record. */
export function expectedHoldings(without: Kind | 'everything' | null) {
  if (without === 'everything') return { invoices: [], creditNotes: [], payments: [], contacts: [] };
  const secondInvoice = without !== 'invoices' && without !== 'patients';
  return {
    invoices: ['HS-5001 120.00', ...(secondInvoice ? ['HS-5002 120.00'] : [])],
    creditNotes: without === 'creditNotes' ? [] : ['HSCN-7001 20.00'],
    payments: without === 'payments' ? [] : ['50.00 EFTPOS [PS harbourside:9001>5001]'],
    contacts: [
      'cliniko:harbourside:1001 Jane Citizen',
      ...(secondInvoice ? ['cliniko:harbourside:1002 John Smith'] : []),
    ],
  };
}
