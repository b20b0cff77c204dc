/**
 * What the engine knows about one Xero organisation while mapping: read from Xero (one call for
 * the organisation, one for its tax rates) and kept for a while, so mapping itself is pure.
 */
export interface XeroTaxRateFacts {
  /** Display name, e.g. "GST on Income". */
  name: string;
  /** Effective rate in percent as a decimal string, e.g. "10.0000". */
  rate: string;
  active: boolean;
  canApplyToRevenue: boolean;
}

export interface OrganisationFacts {
  tenantId: string;
  name: string;
  shortCode: string | null;
  baseCurrency: string;
  /** The later of Xero's period and end-of-year lock dates (YYYY-MM-DD), or null. */
  lockDate: string | null;
  /** By tax type code. */
  taxRates: Record<string, XeroTaxRateFacts>;
}

/** A document dated on or before the lock date cannot be created or changed in Xero. */
export function lockDateProblem(date: string, org: OrganisationFacts, what: string): string | null {
  if (!org.lockDate || date > org.lockDate) return null;
  return `${what} is dated ${date}, on or before ${org.name}'s lock date in Xero (${org.lockDate}), so Xero refuses it. Move the lock date in Xero (Settings → Advanced → Financial settings) if this period may still change, then retry.`;
}
