/**
 * One Xero organisation's books, as plain serialisable records.
 *
 * Conventions (so that a snapshot is plain JSON and nothing drifts through floats):
 * - amounts, quantities and rates are decimal strings ("85.10", "2.5000"), converted with
 *   `dec()` whenever arithmetic is needed;
 * - calendar dates (Date, DueDate, FullyPaidOnDate, lock dates) are `YYYY-MM-DD` strings;
 * - instants (UpdatedDateUTC, CreatedDateUTC) are milliseconds since the epoch;
 * - ids are lowercase GUIDs.
 * Read-only amounts that follow from other records (AmountPaid, AmountDue, RemainingCredit...)
 * are never stored: they are derived in `ledger.ts`, so they cannot disagree with the payments.
 */

export type InvoiceType = 'ACCREC' | 'ACCPAY';
export type CreditNoteType = 'ACCRECCREDIT' | 'ACCPAYCREDIT';
export type DocumentStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';
export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

export interface Address {
  AddressType: 'POBOX' | 'STREET' | 'DELIVERY';
  AddressLine1?: string;
  AddressLine2?: string;
  AddressLine3?: string;
  AddressLine4?: string;
  City?: string;
  Region?: string;
  PostalCode?: string;
  Country?: string;
  AttentionTo?: string;
}

export interface Phone {
  PhoneType: 'DEFAULT' | 'DDI' | 'MOBILE' | 'FAX' | 'OFFICE';
  PhoneNumber?: string;
  PhoneAreaCode?: string;
  PhoneCountryCode?: string;
}

export interface OrganisationRecord {
  OrganisationID: string;
  APIKey: string;
  Name: string;
  LegalName: string;
  PaysTax: boolean;
  Version: 'AU' | 'NZ' | 'UK' | 'US' | 'GLOBAL';
  OrganisationType: string;
  OrganisationEntityType: string;
  BaseCurrency: string;
  CountryCode: string;
  IsDemoCompany: boolean;
  OrganisationStatus: 'ACTIVE';
  RegistrationNumber?: string;
  TaxNumber?: string;
  FinancialYearEndDay: number;
  FinancialYearEndMonth: number;
  SalesTaxBasis: string;
  SalesTaxPeriod: string;
  DefaultSalesTax: string;
  DefaultPurchasesTax: string;
  PeriodLockDate: string | null;
  EndOfYearLockDate: string | null;
  CreatedDateUTC: number;
  /** Xero's own timezone name, e.g. AUSEASTERNSTANDARDTIME. */
  Timezone: string;
  ShortCode: string;
  Class: string;
  Edition: 'BUSINESS' | 'PARTNER';
  LineOfBusiness: string;
  Addresses: Address[];
  Phones: Phone[];
}

export interface AccountRecord {
  AccountID: string;
  Code: string;
  Name: string;
  Type: string;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
  Class: 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';
  TaxType: string;
  Description?: string;
  EnablePaymentsToAccount: boolean;
  ShowInExpenseClaims: boolean;
  BankAccountNumber?: string;
  BankAccountType: '' | 'BANK' | 'CREDITCARD' | 'PAYPAL' | 'NONE';
  CurrencyCode?: string;
  SystemAccount: string;
  ReportingCode: string;
  ReportingCodeName: string;
  AddToWatchlist: boolean;
  UpdatedDateUTC: number;
}

export interface TaxComponent {
  Name: string;
  /** Percent, 4 dp string. */
  Rate: string;
  IsCompound: boolean;
  IsNonRecoverable: boolean;
}

export interface TaxRateRecord {
  Name: string;
  TaxType: string;
  Status: 'ACTIVE' | 'DELETED' | 'ARCHIVED' | 'PENDING';
  ReportTaxType: string;
  CanApplyToAssets: boolean;
  CanApplyToEquity: boolean;
  CanApplyToExpenses: boolean;
  CanApplyToLiabilities: boolean;
  CanApplyToRevenue: boolean;
  /** Percent, 4 dp strings. */
  DisplayTaxRate: string;
  EffectiveRate: string;
  TaxComponents: TaxComponent[];
}

export interface ContactRecord {
  ContactID: string;
  ContactStatus: 'ACTIVE' | 'ARCHIVED';
  Name: string;
  ContactNumber?: string;
  AccountNumber?: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  CompanyNumber?: string;
  BankAccountDetails?: string;
  TaxNumber?: string;
  AccountsReceivableTaxType?: string;
  AccountsPayableTaxType?: string;
  DefaultCurrency?: string;
  SalesDefaultAccountCode?: string;
  PurchasesDefaultAccountCode?: string;
  Website?: string;
  Addresses: Address[];
  Phones: Phone[];
  ContactPersons: Array<{
    FirstName?: string;
    LastName?: string;
    EmailAddress?: string;
    IncludeInEmails?: boolean;
  }>;
  UpdatedDateUTC: number;
}

export type TrackingStatus = 'ACTIVE' | 'ARCHIVED' | 'DELETED';

export interface TrackingOptionRecord {
  TrackingOptionID: string;
  Name: string;
  Status: TrackingStatus;
}

/** A tracking category (reference §5.2 `Tracking[]`; spec `TrackingCategory`). */
export interface TrackingCategoryRecord {
  TrackingCategoryID: string;
  Name: string;
  Status: TrackingStatus;
  Options: TrackingOptionRecord[];
}

/** One tracking category on a line: always both ids and both names once validated. */
export interface LineTracking {
  Name: string;
  Option: string;
  TrackingCategoryID: string;
  TrackingOptionID: string;
}

export interface LineRecord {
  LineItemID: string;
  Description?: string;
  /** Absent on description-only lines. */
  Quantity?: string;
  /** Kept at the precision it was written with: 2 dp, or 4 dp when the write used unitdp=4. */
  UnitAmount?: string;
  ItemCode?: string;
  AccountCode?: string;
  AccountID?: string;
  TaxType?: string;
  TaxAmount: string;
  LineAmount: string;
  DiscountRate?: string;
  DiscountAmount?: string;
  Tracking: LineTracking[];
}

/** What invoices and credit notes share. */
export interface DocumentBase {
  ContactID: string;
  Date: string;
  DueDate?: string;
  Status: DocumentStatus;
  LineAmountTypes: LineAmountTypes;
  LineItems: LineRecord[];
  Reference?: string;
  CurrencyCode: string;
  CurrencyRate: string;
  BrandingThemeID?: string;
  SentToContact: boolean;
  SubTotal: string;
  TotalTax: string;
  Total: string;
  /** Set when the document reached PAID; cleared when it goes back to AUTHORISED. */
  FullyPaidOnDate?: string;
  CreatedDateUTC: number;
  UpdatedDateUTC: number;
  /** ProviderName of the app that created it, for `createdByMyApp`. */
  CreatedByApp: string;
}

export interface InvoiceRecord extends DocumentBase {
  InvoiceID: string;
  Type: InvoiceType;
  InvoiceNumber: string;
  Url?: string;
  ExpectedPaymentDate?: string;
  TotalDiscount: string;
  IsDiscounted: boolean;
}

export interface AllocationRecord {
  AllocationID: string;
  InvoiceID: string;
  Amount: string;
  Date: string;
  UpdatedDateUTC: number;
}

export interface CreditNoteRecord extends DocumentBase {
  CreditNoteID: string;
  Type: CreditNoteType;
  CreditNoteNumber: string;
  Allocations: AllocationRecord[];
}

export interface PaymentRecord {
  PaymentID: string;
  /** Exactly one of InvoiceID / CreditNoteID is set. */
  InvoiceID?: string;
  CreditNoteID?: string;
  AccountID: string;
  Date: string;
  Amount: string;
  Reference?: string;
  IsReconciled: boolean;
  Status: 'AUTHORISED' | 'DELETED';
  PaymentType: 'ACCRECPAYMENT' | 'ACCPAYPAYMENT' | 'ARCREDITPAYMENT' | 'APCREDITPAYMENT';
  UpdatedDateUTC: number;
}

/** Invoice settings ("Next number") of the organisation. */
export interface NumberingSettings {
  invoicePrefix: string;
  invoiceNext: number;
  creditNotePrefix: string;
  creditNoteNext: number;
}

export interface TenantBooks {
  tenantId: string;
  /** IANA zone used for "today" (Xero defaults Date to today in the organisation's timezone). */
  timeZone: string;
  organisation: OrganisationRecord;
  accounts: AccountRecord[];
  taxRates: TaxRateRecord[];
  /** Read-only here: Xero allows 2 ACTIVE categories of up to 100 options each. */
  trackingCategories: TrackingCategoryRecord[];
  contacts: ContactRecord[];
  invoices: InvoiceRecord[];
  creditNotes: CreditNoteRecord[];
  payments: PaymentRecord[];
  numbering: NumberingSettings;
}

export const sameId = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * Document and contact numbers (InvoiceNumber, CreditNoteNumber, ContactNumber) are matched the
 * way their uniqueness is checked: trimmed and case-insensitively. A look-up that was stricter than
 * uniqueness would miss a record that then blocks creating it again (`GET /Contacts/walkin` 404,
 * then `ContactNumber "walkin"` refused as a duplicate).
 */
export const sameNumber = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

export const findContact = (books: TenantBooks, id: string): ContactRecord | undefined =>
  books.contacts.find((c) => sameId(c.ContactID, id));

export const findInvoice = (books: TenantBooks, id: string): InvoiceRecord | undefined =>
  books.invoices.find((i) => sameId(i.InvoiceID, id));

export const findCreditNote = (books: TenantBooks, id: string): CreditNoteRecord | undefined =>
  books.creditNotes.find((c) => sameId(c.CreditNoteID, id));

export const findAccountById = (books: TenantBooks, id: string): AccountRecord | undefined =>
  books.accounts.find((a) => sameId(a.AccountID, id));

export const findAccountByCode = (books: TenantBooks, code: string): AccountRecord | undefined =>
  books.accounts.find((a) => a.Code === code);

export const findTaxRate = (books: TenantBooks, taxType: string): TaxRateRecord | undefined =>
  books.taxRates.find((t) => t.TaxType === taxType);

/** Replace a record in its array by identity (records are immutable once committed). */
export function replaceRecord<T>(list: T[], old: T, next: T): void {
  const index = list.indexOf(old);
  if (index < 0) throw new Error('record to replace is not in the books');
  list[index] = next;
}

/**
 * Runs a write so that it either completes or leaves the books as they were. Records are
 * validated before they are committed, but the answer is built from the committed state; should
 * anything throw after a commit (building that answer, or a bug), every record a write can touch
 * is put back, so a 500 never leaves a half-saved document, payment or allocation behind.
 */
export function atomically<T>(books: TenantBooks, write: () => T): T {
  const saved = structuredClone({
    accounts: books.accounts,
    contacts: books.contacts,
    invoices: books.invoices,
    creditNotes: books.creditNotes,
    payments: books.payments,
    numbering: books.numbering,
  });
  try {
    return write();
  } catch (error) {
    Object.assign(books, saved);
    throw error;
  }
}
