import type { Source } from '../../records/schema';
import { type ClinicSettings, type SyncSettings, settingsForClinic } from '../../settings/sync-settings';
import type { AccountingTransport, XeroAccounting } from '../../xero/accounting/api';
import type { EngineClock } from '../clock';
import type { EngineDb } from '../db';
import { linkKeyOf, sourceOfKey } from '../keys';
import type { OrganisationFacts } from '../mapping/organisation';
import type { Link, Operation, StoredRecord } from '../types';

/** Everything an executor needs for one batch of one kind for one organisation. */
export interface ExecContext {
  db: EngineDb;
  clock: EngineClock;
  transport: AccountingTransport;
  accounting: XeroAccounting;
  settings: SyncSettings;
  facts: OrganisationFacts;
  tenantId: string;
  random: () => number;
  /** Tells the runner that documents changed (for live badges). */
  changed: (docKeys: string[]) => void;
  /** What executors remember for the rest of a run (e.g. contact names already taken). */
  memo: Map<string, unknown>;
}

export function clinicSettings(ctx: ExecContext, op: Operation): ClinicSettings {
  return settingsForClinic(ctx.settings, op.clinicId ?? '');
}

export async function recordsFor(ctx: ExecContext, ops: Operation[]): Promise<Map<string, StoredRecord>> {
  const keys = [...new Set(ops.map((op) => op.recordKey).filter((k): k is string => k !== null))];
  const rows = await ctx.db.records.bulkGet(keys);
  return new Map(rows.filter((r): r is StoredRecord => r !== undefined).map((r) => [r.key, r]));
}

export function linkOf(ctx: ExecContext, docKey: string): Promise<Link | undefined> {
  return ctx.db.links.get(linkKeyOf(ctx.tenantId, docKey));
}

export function sourceOfOp(op: Operation): Source {
  return sourceOfKey(op.docKey.split('|')[0]!);
}

export function newLink(
  ctx: ExecContext,
  op: Operation,
  fields: Pick<Link, 'xeroId' | 'number' | 'status' | 'contentHash'> &
    Partial<Pick<Link, 'extra' | 'state' | 'note'>>,
  docKey = op.docKey,
): Link {
  return {
    key: linkKeyOf(ctx.tenantId, docKey),
    tenantId: ctx.tenantId,
    docKey,
    kind: docKey.split('|')[1] as Link['kind'],
    state: fields.state ?? 'synced',
    note: fields.note ?? null,
    extra: fields.extra ?? {},
    clinicId: op.clinicId,
    label: op.label,
    updatedAt: ctx.clock.now(),
    xeroId: fields.xeroId,
    number: fields.number,
    status: fields.status,
    contentHash: fields.contentHash,
  };
}
