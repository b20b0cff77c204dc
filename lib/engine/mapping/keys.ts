import type { Source } from '../../records/schema';

/**
 * Stable keys that tie a PMS record to its Xero counterpart, written into Xero itself so a
 * lost link (a new browser profile, a lost database) is found again instead of duplicated.
 */

/** Xero's ContactNumber holds at most 50 characters. */
const CONTACT_NUMBER_MAX = 50;

async function shortHash(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The ContactNumber of a patient's (or payer's) contact: `system:account:id`
 * (e.g. `cliniko:harbourside:1001`; payers `cliniko:harbourside:payer:ndis`). When that is
 * longer than Xero's 50 characters, `system:` + a 16-digit hash of it + `:` + the id's end.
 */
export async function contactNumberFor(
  source: Source,
  party: { kind: 'patient'; id: string } | { kind: 'payer'; key: string },
): Promise<string> {
  const tail = party.kind === 'patient' ? party.id : `payer:${party.key}`;
  const full = `${source.system}:${source.account}:${tail}`;
  if (full.length <= CONTACT_NUMBER_MAX) return full;
  const hashed = `${source.system}:${await shortHash(full)}:`;
  return `${hashed}${tail.slice(-(CONTACT_NUMBER_MAX - hashed.length))}`;
}

/** A payer without an id is known by its name, compared without case or spacing differences. */
export function payerKey(billTo: { id?: string; name: string }): string {
  return billTo.id ?? `name:${billTo.name.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/**
 * Every Xero payment the engine makes ends its Reference with this tag, naming the PMS
 * payment and the document it pays. Xero payments have no unique key of their own; the tag is
 * how an existing payment is recognised (after a lost answer, or a second browser pushing the
 * same records) and never added twice.
 */
export function paymentTag(source: Source, paymentId: string, documentId: string): string {
  return `[PS ${source.account}:${paymentId}>${documentId}]`;
}

const TAG_PATTERN = /\[PS ([^\]\s]+)\]$/;

/** The tag at the end of a Xero payment's Reference, if the engine made it. */
export function readPaymentTag(reference: string | undefined | null): string | null {
  const match = reference ? TAG_PATTERN.exec(reference) : null;
  return match ? `[PS ${match[1]}]` : null;
}
