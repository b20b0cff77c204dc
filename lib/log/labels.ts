import type { OpKind } from '../engine/types';
import type { RowStatus } from './types';

/** How the log names operations and statuses, on screen and in the CSV export alike. */
export const OPERATION_LABELS: Record<OpKind, string> = {
  'contact.create': 'Create contact',
  'contact.update': 'Update contact',
  'invoice.create': 'Create invoice',
  'invoice.update': 'Update invoice',
  'invoice.authorise': 'Approve invoice',
  'invoice.void': 'Void invoice',
  'payment.create': 'Record payment',
  'payment.delete': 'Delete payment',
  'creditNote.create': 'Create credit note',
  'creditNote.update': 'Update credit note',
  'creditNote.void': 'Void credit note',
  'allocation.create': 'Allocate credit note',
  'allocation.delete': 'Remove allocation',
};

export const STATUS_LABELS: Record<RowStatus, string> = {
  queued: 'Queued',
  syncing: 'Syncing',
  synced: 'Synced',
  failed: 'Failed',
  blocked: 'Blocked',
  cancelled: 'Cancelled',
  'needs-action': 'Needs action',
};

/** The message a row shows: the engine's, then Xero's own words it does not already quote. */
export function rowMessage(row: { message: string | null; xeroMessages: string[] }): string {
  const parts = row.message ? [row.message] : [];
  for (const words of row.xeroMessages) if (!parts.some((p) => p.includes(words))) parts.push(words);
  return parts.join(' — ');
}
