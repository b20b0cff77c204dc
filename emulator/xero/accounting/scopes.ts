/**
 * Which OAuth scopes open which endpoints (reference §1.8). The 2026 granular scopes and the
 * broad legacy ones are both honoured, since older apps may mix them until September 2027:
 * - invoices (incl. credit notes and their allocations): accounting.invoices, or the broad
 *   accounting.transactions; reads also accept the `.read` variants;
 * - payments (incl. credit-note refunds): accounting.payments, or accounting.transactions;
 * - contacts: accounting.contacts (same name in both schemes);
 * - settings (Organisation, Accounts, TaxRates, TrackingCategories): accounting.settings or .read.
 * Assumption (reference §14, unconfirmed): allocations need the invoices scope and refunds the
 * payments scope.
 */

export type ScopeArea = 'invoices' | 'payments' | 'contacts' | 'settings';

const WRITE_SCOPES: Record<ScopeArea, readonly string[]> = {
  invoices: ['accounting.invoices', 'accounting.transactions'],
  payments: ['accounting.payments', 'accounting.transactions'],
  contacts: ['accounting.contacts'],
  settings: ['accounting.settings'],
};

export function hasScope(scopes: ReadonlySet<string>, area: ScopeArea, write: boolean): boolean {
  const granted = write ? WRITE_SCOPES[area] : WRITE_SCOPES[area].flatMap((s) => [s, `${s}.read`]);
  return granted.some((s) => scopes.has(s));
}
