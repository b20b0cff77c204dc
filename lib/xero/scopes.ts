/**
 * Xero apps created on or after 2 March 2026 must ask for granular scopes; older apps may still
 * use the broad ones until September 2027. The user picks "broad" only for an older app.
 */
export type ScopeProfile = 'granular' | 'broad';

const IDENTITY = ['openid', 'profile', 'email', 'offline_access'];

export const SCOPES: Record<ScopeProfile, readonly string[]> = {
  granular: [
    ...IDENTITY,
    'accounting.invoices',
    'accounting.payments',
    'accounting.contacts',
    'accounting.settings.read',
  ],
  broad: [...IDENTITY, 'accounting.transactions', 'accounting.contacts', 'accounting.settings.read'],
};
