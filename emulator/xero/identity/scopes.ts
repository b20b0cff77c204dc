/** Scope rules of Xero's identity server (reference: xero-api.md §1.8). */

export const IDENTITY_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

export const GRANULAR_SCOPES = [
  'accounting.invoices',
  'accounting.invoices.read',
  'accounting.payments',
  'accounting.payments.read',
  'accounting.banktransactions',
  'accounting.banktransactions.read',
  'accounting.manualjournals',
  'accounting.manualjournals.read',
  'accounting.contacts',
  'accounting.contacts.read',
  'accounting.settings',
  'accounting.settings.read',
  'accounting.attachments',
  'accounting.attachments.read',
] as const;

/** Retired for apps created on or after 2 March 2026. */
export const BROAD_ONLY_SCOPES = [
  'accounting.transactions',
  'accounting.transactions.read',
  'accounting.reports.read',
  'accounting.journals.read',
] as const;

export const GRANULAR_SCOPES_REQUIRED_FROM = new Date('2026-03-02T00:00:00Z');

export type ScopeCheck = { ok: true; scopes: string[] } | { ok: false; error: string };

/** Splits and checks a requested scope string for an app created at `appCreatedAt`. */
export function checkRequestedScopes(requested: string | null, appCreatedAt: Date): ScopeCheck {
  const scopes = (requested ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0) return { ok: false, error: 'invalid_scope: no scope was requested' };
  const known = new Set<string>([...IDENTITY_SCOPES, ...GRANULAR_SCOPES, ...BROAD_ONLY_SCOPES]);
  const unknown = scopes.filter((s) => !known.has(s));
  if (unknown.length > 0) return { ok: false, error: `invalid_scope: ${unknown.join(' ')}` };
  const broad = scopes.filter((s) => (BROAD_ONLY_SCOPES as readonly string[]).includes(s));
  if (broad.length > 0 && appCreatedAt >= GRANULAR_SCOPES_REQUIRED_FROM) {
    return { ok: false, error: `unauthorized_client: Invalid scope for client (${broad.join(' ')})` };
  }
  return { ok: true, scopes: [...new Set(scopes)] };
}
