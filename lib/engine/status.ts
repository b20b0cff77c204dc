import { z } from 'zod';
import { sourceSchema } from '../records/schema';
import { xeroDeepLink } from '../xero/deep-links';
import type { EngineDb } from './db';
import { cachedFacts } from './facts';
import { docKeyOf, sourceKeyOf } from './keys';
import { ACTIVE_STATES, type Link, type Operation } from './types';

/** A PMS document a page or the options page asks about. */
export const documentRefSchema = z.strictObject({
  source: sourceSchema,
  kind: z.enum(['invoice', 'creditNote', 'payment', 'patient']),
  id: z.string().regex(/^[A-Za-z0-9._:/#-]{1,64}$/),
});
export type DocumentRef = z.infer<typeof documentRefSchema>;

export type SyncState =
  | 'not-synced'
  | 'queued'
  | 'syncing'
  | 'synced'
  | 'failed'
  | 'needs-action'
  | 'disconnected';

export interface DocumentStatus {
  ref: DocumentRef;
  state: SyncState;
  /** Why it failed, waits or needs action. */
  reason: string | null;
  /** The document in Xero, once there. */
  xero: {
    tenantId: string;
    id: string;
    number: string | null;
    status: string | null;
    url: string | null;
  } | null;
  /** Failed operations the user may retry. */
  retryable: string[];
  /** Deleted in the PMS and still in Xero: the user may confirm "Void in Xero". */
  canVoid: boolean;
}

/** The docKeys that make up one document's state (a payment has one per invoice it pays). */
async function docKeysFor(db: EngineDb, ref: DocumentRef): Promise<string[]> {
  const sk = sourceKeyOf(ref.source);
  if (ref.kind === 'invoice') return [docKeyOf(sk, 'invoice', ref.id)];
  if (ref.kind === 'patient') return [docKeyOf(sk, 'patient', ref.id)];
  if (ref.kind === 'creditNote')
    return [docKeyOf(sk, 'creditNote', ref.id), docKeyOf(sk, 'allocation', ref.id)];
  const keys = new Set<string>();
  for (const kind of ['payment', 'refund'] as const) {
    const prefix = docKeyOf(sk, kind, `${ref.id}>`);
    await db.operations
      .where('docKey')
      .startsWith(prefix)
      .each((op) => keys.add(op.docKey));
    await db.links
      .where('docKey')
      .startsWith(prefix)
      .each((link) => keys.add(link.docKey));
  }
  return [...keys];
}

const linkKind = (ref: DocumentRef) =>
  ref.kind === 'patient'
    ? 'contact'
    : ref.kind === 'payment'
      ? 'payment'
      : ref.kind === 'creditNote'
        ? 'creditNote'
        : 'invoice';

/** The Xero state of PMS documents, for badges and the sync log. */
export async function documentStatus(
  db: EngineDb,
  ref: DocumentRef,
  connection: 'connected' | 'disconnected' | 'not-connected',
): Promise<DocumentStatus> {
  const docKeys = await docKeysFor(db, ref);
  const ops: Operation[] = [];
  const links: Link[] = [];
  for (const docKey of docKeys) {
    ops.push(
      ...(await db.operations.where('docKey').equals(docKey).toArray()).filter((op) =>
        ACTIVE_STATES.includes(op.state),
      ),
    );
    links.push(...(await db.links.where('docKey').equals(docKey).toArray()));
  }
  const main = links.find((l) => l.docKey === docKeys[0]) ?? links[0];
  const facts = main ? await cachedFacts(db, main.tenantId) : null;
  const xero = main
    ? {
        tenantId: main.tenantId,
        id: main.xeroId,
        number: main.number,
        status: main.status,
        url: main.xeroId ? xeroDeepLink(linkKind(ref), main.xeroId, facts?.shortCode ?? null) : null,
      }
    : null;
  const status = (state: SyncState, reason: string | null = null): DocumentStatus => ({
    ref,
    state,
    reason,
    xero,
    retryable: ops.filter((op) => op.state === 'failed').map((op) => op.id),
    canVoid: main?.state === 'needs-action' && ref.kind === 'invoice',
  });
  const failedOp = ops.find((op) => op.state === 'failed') ?? ops.find((op) => op.state === 'blocked');
  if (failedOp) return status('failed', failedOp.result?.message ?? 'Failed');
  if (ops.some((op) => op.state === 'leased')) return status('syncing');
  if (ops.length > 0) {
    if (connection !== 'connected')
      return status('disconnected', 'Xero is disconnected: reconnect to send it.');
    // Why it is still waiting, when something held it back (a pause, a failed try, synchronisation off).
    const waiting = ops.find((op) => op.result !== null && op.state !== 'failed' && op.state !== 'blocked');
    if (waiting) return status('queued', waiting.result!.message);
    // Waiting for another operation (its contact, say) that is itself held back: say so.
    const parents = await db.operations.bulkGet(
      ops.flatMap((op) => (op.state === 'waiting' ? op.dependsOn : [])),
    );
    const held = parents.find((p) => p?.result && p.state === 'queued');
    return status('queued', held ? `Waiting for ${held.label}: ${held.result!.message}` : null);
  }
  if (main?.state === 'needs-action') return status('needs-action', main.note);
  if (main) return status('synced');
  return status('not-synced');
}
