import type { EntitySchema } from './where';

/**
 * The fields `where` and `order` may name, per resource, with their types (from the OpenAPI
 * schemas `Invoice`, `CreditNote`, `Contact`, `Payment`, `Account`, `TaxRate`). A field that is
 * not listed is "No property or field 'X' exists in type 'Invoice'", as in Xero; a listed field
 * absent from a record reads as null.
 */

export const CONTACT_SCHEMA: EntitySchema = {
  name: 'Contact',
  fields: {
    ContactID: 'Guid',
    MergedToContactID: 'Guid',
    ContactNumber: 'String',
    AccountNumber: 'String',
    ContactStatus: 'String',
    Name: 'String',
    FirstName: 'String',
    LastName: 'String',
    CompanyNumber: 'String',
    EmailAddress: 'String',
    BankAccountDetails: 'String',
    TaxNumber: 'String',
    AccountsReceivableTaxType: 'String',
    AccountsPayableTaxType: 'String',
    IsSupplier: 'Boolean',
    IsCustomer: 'Boolean',
    DefaultCurrency: 'String',
    SalesDefaultAccountCode: 'String',
    PurchasesDefaultAccountCode: 'String',
    Website: 'String',
    UpdatedDateUTC: 'DateTime',
    HasAttachments: 'Boolean',
    HasValidationErrors: 'Boolean',
  },
};

export const ACCOUNT_SCHEMA: EntitySchema = {
  name: 'Account',
  fields: {
    AccountID: 'Guid',
    Code: 'String',
    Name: 'String',
    Type: 'String',
    BankAccountNumber: 'String',
    Status: 'String',
    Description: 'String',
    BankAccountType: 'String',
    CurrencyCode: 'String',
    TaxType: 'String',
    EnablePaymentsToAccount: 'Boolean',
    ShowInExpenseClaims: 'Boolean',
    Class: 'String',
    SystemAccount: 'String',
    ReportingCode: 'String',
    ReportingCodeName: 'String',
    HasAttachments: 'Boolean',
    UpdatedDateUTC: 'DateTime',
    AddToWatchlist: 'Boolean',
  },
};

export const TRACKING_CATEGORY_SCHEMA: EntitySchema = {
  name: 'TrackingCategory',
  fields: {
    TrackingCategoryID: 'Guid',
    TrackingOptionID: 'Guid',
    Name: 'String',
    Option: 'String',
    Status: 'String',
  },
};

export const TAX_RATE_SCHEMA: EntitySchema = {
  name: 'TaxRate',
  fields: {
    Name: 'String',
    TaxType: 'String',
    Status: 'String',
    ReportTaxType: 'String',
    CanApplyToAssets: 'Boolean',
    CanApplyToEquity: 'Boolean',
    CanApplyToExpenses: 'Boolean',
    CanApplyToLiabilities: 'Boolean',
    CanApplyToRevenue: 'Boolean',
    DisplayTaxRate: 'Decimal',
    EffectiveRate: 'Decimal',
  },
};

const documentFields = {
  Contact: () => CONTACT_SCHEMA,
  Date: 'DateTime',
  DueDate: 'DateTime',
  Status: 'String',
  LineAmountTypes: 'String',
  SubTotal: 'Decimal',
  TotalTax: 'Decimal',
  Total: 'Decimal',
  UpdatedDateUTC: 'DateTime',
  CurrencyCode: 'String',
  CurrencyRate: 'Decimal',
  FullyPaidOnDate: 'DateTime',
  Reference: 'String',
  SentToContact: 'Boolean',
  BrandingThemeID: 'Guid',
  HasAttachments: 'Boolean',
  HasErrors: 'Boolean',
} as const;

export const INVOICE_SCHEMA: EntitySchema = {
  name: 'Invoice',
  fields: {
    ...documentFields,
    Type: 'String',
    InvoiceID: 'Guid',
    InvoiceNumber: 'String',
    Url: 'String',
    ExpectedPaymentDate: 'DateTime',
    PlannedPaymentDate: 'DateTime',
    TotalDiscount: 'Decimal',
    AmountDue: 'Decimal',
    AmountPaid: 'Decimal',
    AmountCredited: 'Decimal',
    IsDiscounted: 'Boolean',
    RepeatingInvoiceID: 'Guid',
  },
};

export const CREDIT_NOTE_SCHEMA: EntitySchema = {
  name: 'CreditNote',
  fields: {
    ...documentFields,
    Type: 'String',
    CreditNoteID: 'Guid',
    CreditNoteNumber: 'String',
    RemainingCredit: 'Decimal',
    AppliedAmount: 'Decimal',
  },
};

export const PAYMENT_SCHEMA: EntitySchema = {
  name: 'Payment',
  fields: {
    PaymentID: 'Guid',
    BatchPaymentID: 'Guid',
    Date: 'DateTime',
    Amount: 'Decimal',
    BankAmount: 'Decimal',
    CurrencyRate: 'Decimal',
    Reference: 'String',
    IsReconciled: 'Boolean',
    Status: 'String',
    PaymentType: 'String',
    UpdatedDateUTC: 'DateTime',
    HasAccount: 'Boolean',
    HasValidationErrors: 'Boolean',
    Invoice: () => INVOICE_SCHEMA,
    CreditNote: () => CREDIT_NOTE_SCHEMA,
    Account: () => ACCOUNT_SCHEMA,
  },
};
