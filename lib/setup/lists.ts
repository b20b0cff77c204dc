/**
 * What the options page needs to know of one Xero organisation to offer mappings: its accounts,
 * tax rates and tracking categories, read live (`xero.lists`). Plain data, PMS-neutral; the rules
 * for which of them may be offered where are in `offer.ts`.
 */

export type AccountClass = 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';

export interface XeroAccountOption {
  code: string;
  name: string;
  /** Xero's account Type: BANK, REVENUE, SALES, OTHERINCOME, CURRLIAB, … */
  type: string;
  class: AccountClass | null;
  /** ACTIVE, ARCHIVED (or DELETED, as Xero reports it). */
  status: string;
  /** The account's default tax type. */
  taxType: string | null;
  /** "Enable payments to this account" in Xero. */
  enablePayments: boolean;
  /** Xero's system account tag (ROUNDING, DEBTORS, …); null for ordinary accounts. */
  systemAccount: string | null;
}

export interface XeroTaxRateOption {
  taxType: string;
  name: string;
  /** ACTIVE, DELETED, ARCHIVED, PENDING. */
  status: string;
  /** Effective rate in percent as a decimal string, e.g. "10.0000". */
  rate: string;
  canApplyToRevenue: boolean;
}

export interface XeroTrackingCategoryOption {
  name: string;
  /** ACTIVE or ARCHIVED. */
  status: string;
  options: { name: string; status: string }[];
}

export interface OrganisationLists {
  tenantId: string;
  organisationName: string;
  /** The later of Xero's period and end-of-year lock dates (YYYY-MM-DD), or null. */
  lockDate: string | null;
  accounts: XeroAccountOption[];
  taxRates: XeroTaxRateOption[];
  trackingCategories: XeroTrackingCategoryOption[];
  /** When they were read from Xero (epoch ms). */
  readAt: number;
}

/** One thing "Check setup" found: where it is in the settings, and what would fail. */
export interface SetupProblem {
  /** The clinic whose settings it is in; null for the defaults. */
  clinicId: string | null;
  /** The setting, as a dotted path into the clinic's settings, e.g. `revenueAccounts.Services`. */
  path: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface SetupCheck {
  problems: SetupProblem[];
  /** The organisations that were read to check, by id → name. */
  organisations: Record<string, string>;
  checkedAt: number;
}

/**
 * What the practice's records have named so far, so the setup offers them instead of asking the
 * user to type them: clinics, practitioners, categories, PMS tax names, item codes and payment
 * methods, each with the last name the PMS gave it. Kept by the engine as records arrive.
 */
export interface PracticeDirectory {
  clinics: { id: string; name: string }[];
  practitioners: { id: string; name: string }[];
  categories: string[];
  /**
   * PMS tax names with the rate the PMS gave (percent, decimal string) and the clinics whose
   * documents used them (absent in a directory kept before it was recorded: any clinic may).
   */
  taxNames: { name: string; ratePercent: string; clinicIds?: string[] }[];
  itemCodes: { code: string; description: string }[];
  paymentMethods: string[];
}

export const emptyDirectory = (): PracticeDirectory => ({
  clinics: [],
  practitioners: [],
  categories: [],
  taxNames: [],
  itemCodes: [],
  paymentMethods: [],
});
