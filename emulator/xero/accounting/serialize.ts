import type {
  AccountRecord,
  AllocationRecord,
  ContactRecord,
  CreditNoteRecord,
  InvoiceRecord,
  LineRecord,
  PaymentRecord,
  TaxRateRecord,
  TenantBooks,
  TrackingCategoryRecord,
  TrackingOptionRecord,
} from './books';
import { findAccountById, findContact, findCreditNote, findInvoice } from './books';
import { dec, toWireNumber } from './decimal';
import { allocationsToInvoice, creditNoteAmounts, invoiceAmounts, livePaymentsOf } from './ledger';
import { wireDate, wireDateString, wireInstant, wireInstantString } from './wire';

/**
 * Records → Xero's JSON (PascalCase, .NET dates, amounts as JSON numbers written from exact
 * decimals). Field order follows Xero's own examples in the OpenAPI spec.
 */

type Json = Record<string, unknown>;

const money = (value: string) => toWireNumber(dec(value), 2);

/** Drops undefined members so optional fields are absent rather than null, as in Xero's JSON. */
function compact(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

const dated = (prefix: string, date: string | undefined): Json =>
  date === undefined ? {} : { [`${prefix}String`]: wireDateString(date), [prefix]: wireDate(date) };

export function accountWire(account: AccountRecord): Json {
  return compact({
    AccountID: account.AccountID,
    Code: account.Code,
    Name: account.Name,
    Status: account.Status,
    Type: account.Type,
    TaxType: account.TaxType,
    Description: account.Description,
    Class: account.Class,
    SystemAccount: account.SystemAccount,
    EnablePaymentsToAccount: account.EnablePaymentsToAccount,
    ShowInExpenseClaims: account.ShowInExpenseClaims,
    BankAccountNumber: account.BankAccountNumber,
    BankAccountType: account.BankAccountType,
    CurrencyCode: account.CurrencyCode,
    ReportingCode: account.ReportingCode,
    ReportingCodeName: account.ReportingCodeName,
    HasAttachments: false,
    UpdatedDateUTC: wireInstant(account.UpdatedDateUTC),
    AddToWatchlist: account.AddToWatchlist,
  });
}

export function taxRateWire(rate: TaxRateRecord): Json {
  return {
    Name: rate.Name,
    TaxType: rate.TaxType,
    ReportTaxType: rate.ReportTaxType,
    CanApplyToAssets: rate.CanApplyToAssets,
    CanApplyToEquity: rate.CanApplyToEquity,
    CanApplyToExpenses: rate.CanApplyToExpenses,
    CanApplyToLiabilities: rate.CanApplyToLiabilities,
    CanApplyToRevenue: rate.CanApplyToRevenue,
    DisplayTaxRate: toWireNumber(dec(rate.DisplayTaxRate), 4),
    EffectiveRate: toWireNumber(dec(rate.EffectiveRate), 4),
    Status: rate.Status,
    TaxComponents: rate.TaxComponents.map((c) => ({
      Name: c.Name,
      Rate: toWireNumber(dec(c.Rate), 4),
      IsCompound: c.IsCompound,
      IsNonRecoverable: c.IsNonRecoverable,
    })),
  };
}

/** A tracking category with the options `showOption` keeps (ACTIVE, plus ARCHIVED with includeArchived). */
export function trackingCategoryWire(
  category: TrackingCategoryRecord,
  showOption: (option: TrackingOptionRecord) => boolean = () => true,
): Json {
  return {
    Name: category.Name,
    Status: category.Status,
    TrackingCategoryID: category.TrackingCategoryID,
    Options: category.Options.filter(showOption).map((o) => ({
      TrackingOptionID: o.TrackingOptionID,
      Name: o.Name,
      Status: o.Status,
    })),
  };
}

/** IsCustomer / IsSupplier are set by Xero from the contact's documents, never by the caller. */
function contactRoles(
  books: TenantBooks,
  contact: ContactRecord,
): { IsCustomer: boolean; IsSupplier: boolean } {
  const mine = (d: { ContactID: string; Status: string }) =>
    d.ContactID === contact.ContactID && d.Status !== 'DELETED';
  const docs = [...books.invoices, ...books.creditNotes].filter(mine);
  return {
    IsCustomer: docs.some((d) => d.Type === 'ACCREC' || d.Type === 'ACCRECCREDIT'),
    IsSupplier: docs.some((d) => d.Type === 'ACCPAY' || d.Type === 'ACCPAYCREDIT'),
  };
}

export function contactWire(books: TenantBooks, contact: ContactRecord, summaryOnly = false): Json {
  const roles = contactRoles(books, contact);
  const base = compact({
    ContactID: contact.ContactID,
    ContactNumber: contact.ContactNumber,
    AccountNumber: contact.AccountNumber,
    ContactStatus: contact.ContactStatus,
    Name: contact.Name,
    FirstName: contact.FirstName,
    LastName: contact.LastName,
    CompanyNumber: contact.CompanyNumber,
    EmailAddress: contact.EmailAddress,
    BankAccountDetails: contact.BankAccountDetails,
    TaxNumber: contact.TaxNumber,
    AccountsReceivableTaxType: contact.AccountsReceivableTaxType,
    AccountsPayableTaxType: contact.AccountsPayableTaxType,
    DefaultCurrency: contact.DefaultCurrency,
    SalesDefaultAccountCode: contact.SalesDefaultAccountCode,
    PurchasesDefaultAccountCode: contact.PurchasesDefaultAccountCode,
    Website: contact.Website,
    UpdatedDateUTC: wireInstant(contact.UpdatedDateUTC),
    IsSupplier: roles.IsSupplier,
    IsCustomer: roles.IsCustomer,
    HasAttachments: false,
    HasValidationErrors: false,
  });
  if (summaryOnly) return base;
  return {
    ...base,
    Addresses: contact.Addresses.map((a) => ({ ...a })),
    Phones: contact.Phones.map((p) => ({ ...p })),
    ContactGroups: [],
    ContactPersons: contact.ContactPersons.map((p) => ({ ...p })),
    SalesTrackingCategories: [],
    PurchasesTrackingCategories: [],
  };
}

/** The contact as embedded in a document. */
function contactRef(books: TenantBooks, contactId: string): Json {
  const contact = findContact(books, contactId);
  if (!contact) return { ContactID: contactId };
  return compact({
    ContactID: contact.ContactID,
    ContactNumber: contact.ContactNumber,
    AccountNumber: contact.AccountNumber,
    ContactStatus: contact.ContactStatus,
    Name: contact.Name,
    FirstName: contact.FirstName,
    LastName: contact.LastName,
    EmailAddress: contact.EmailAddress,
    Addresses: contact.Addresses.map((a) => ({ ...a })),
    Phones: contact.Phones.map((p) => ({ ...p })),
    ContactGroups: [],
    ContactPersons: [],
    HasValidationErrors: false,
  });
}

export function lineWire(line: LineRecord, unitDp: 2 | 4): Json {
  return compact({
    LineItemID: line.LineItemID,
    Description: line.Description,
    Quantity: line.Quantity === undefined ? undefined : toWireNumber(dec(line.Quantity), 4),
    // Without unitdp=4 Xero shows unit amounts at 2 dp, even if they were stored at 4.
    UnitAmount: line.UnitAmount === undefined ? undefined : toWireNumber(dec(line.UnitAmount), unitDp),
    ItemCode: line.ItemCode,
    AccountCode: line.AccountCode,
    AccountID: line.AccountID,
    TaxType: line.TaxType,
    TaxAmount: money(line.TaxAmount),
    LineAmount: money(line.LineAmount),
    DiscountRate: line.DiscountRate === undefined ? undefined : toWireNumber(dec(line.DiscountRate), 2),
    DiscountAmount: line.DiscountAmount === undefined ? undefined : money(line.DiscountAmount),
    // Spec order: Name, Option, TrackingCategoryID, TrackingOptionID.
    Tracking: line.Tracking.map((t) => ({
      Name: t.Name,
      Option: t.Option,
      TrackingCategoryID: t.TrackingCategoryID,
      TrackingOptionID: t.TrackingOptionID,
    })),
  });
}

/** A payment as listed on its document: always with its Reference ('' when none), as on /Payments. */
function paymentRef(payment: PaymentRecord): Json {
  return compact({
    PaymentID: payment.PaymentID,
    Date: wireDate(payment.Date),
    Amount: money(payment.Amount),
    Reference: payment.Reference ?? '',
    CurrencyRate: 1,
    HasAccount: false,
    HasValidationErrors: false,
  });
}

export interface DocumentView {
  unitDp: 2 | 4;
  /** Unpaged lists and summaryOnly come without line items, as Xero summarises them. */
  withLines: boolean;
}

export function invoiceWire(books: TenantBooks, invoice: InvoiceRecord, view: DocumentView): Json {
  const amounts = invoiceAmounts(books, invoice);
  const sales = invoice.Type === 'ACCREC';
  return compact({
    Type: invoice.Type,
    InvoiceID: invoice.InvoiceID,
    InvoiceNumber: invoice.InvoiceNumber,
    Reference: sales ? (invoice.Reference ?? '') : invoice.Reference,
    Payments: livePaymentsOf(books, invoice).map(paymentRef),
    CreditNotes: allocationsToInvoice(books, invoice).map(({ creditNote, allocation }) =>
      compact({
        CreditNoteID: creditNote.CreditNoteID,
        CreditNoteNumber: creditNote.CreditNoteNumber,
        ID: creditNote.CreditNoteID,
        AppliedAmount: money(allocation.Amount),
        ...dated('Date', allocation.Date),
        Total: money(creditNote.Total),
        LineItems: [],
      }),
    ),
    Prepayments: [],
    Overpayments: [],
    AmountDue: toWireNumber(amounts.amountDue),
    AmountPaid: toWireNumber(amounts.amountPaid),
    AmountCredited: toWireNumber(amounts.amountCredited),
    SentToContact: invoice.SentToContact,
    CurrencyRate: toWireNumber(dec(invoice.CurrencyRate), 6),
    TotalDiscount: invoice.IsDiscounted ? money(invoice.TotalDiscount) : undefined,
    IsDiscounted: invoice.IsDiscounted,
    HasAttachments: false,
    HasErrors: false,
    Contact: contactRef(books, invoice.ContactID),
    ...dated('Date', invoice.Date),
    ...dated('DueDate', invoice.DueDate),
    ...dated('ExpectedPaymentDate', invoice.ExpectedPaymentDate),
    BrandingThemeID: invoice.BrandingThemeID,
    Status: invoice.Status,
    LineAmountTypes: invoice.LineAmountTypes,
    LineItems: view.withLines ? invoice.LineItems.map((l) => lineWire(l, view.unitDp)) : [],
    SubTotal: money(invoice.SubTotal),
    TotalTax: money(invoice.TotalTax),
    Total: money(invoice.Total),
    UpdatedDateUTC: wireInstant(invoice.UpdatedDateUTC),
    UpdatedDateUTCString: wireInstantString(invoice.UpdatedDateUTC),
    CurrencyCode: invoice.CurrencyCode,
    FullyPaidOnDate: invoice.FullyPaidOnDate === undefined ? undefined : wireDate(invoice.FullyPaidOnDate),
    Url: invoice.Url,
  });
}

export function creditNoteWire(books: TenantBooks, creditNote: CreditNoteRecord, view: DocumentView): Json {
  const amounts = creditNoteAmounts(books, creditNote);
  const sales = creditNote.Type === 'ACCRECCREDIT';
  return compact({
    CreditNoteID: creditNote.CreditNoteID,
    CreditNoteNumber: creditNote.CreditNoteNumber,
    Payments: livePaymentsOf(books, creditNote).map(paymentRef),
    ID: creditNote.CreditNoteID,
    CurrencyRate: toWireNumber(dec(creditNote.CurrencyRate), 6),
    Type: creditNote.Type,
    Reference: sales ? (creditNote.Reference ?? '') : creditNote.Reference,
    RemainingCredit: toWireNumber(amounts.remainingCredit),
    Allocations: creditNote.Allocations.map((a) => allocationWire(books, creditNote, a)),
    AppliedAmount: toWireNumber(amounts.allocated),
    HasAttachments: false,
    HasErrors: false,
    SentToContact: creditNote.SentToContact,
    Contact: contactRef(books, creditNote.ContactID),
    ...dated('Date', creditNote.Date),
    ...dated('DueDate', creditNote.DueDate),
    BrandingThemeID: creditNote.BrandingThemeID,
    Status: creditNote.Status,
    LineAmountTypes: creditNote.LineAmountTypes,
    LineItems: view.withLines ? creditNote.LineItems.map((l) => lineWire(l, view.unitDp)) : [],
    SubTotal: money(creditNote.SubTotal),
    TotalTax: money(creditNote.TotalTax),
    Total: money(creditNote.Total),
    UpdatedDateUTC: wireInstant(creditNote.UpdatedDateUTC),
    UpdatedDateUTCString: wireInstantString(creditNote.UpdatedDateUTC),
    CurrencyCode: creditNote.CurrencyCode,
    FullyPaidOnDate:
      creditNote.FullyPaidOnDate === undefined ? undefined : wireDate(creditNote.FullyPaidOnDate),
  });
}

function invoiceRef(books: TenantBooks, invoiceId: string): Json {
  const invoice = findInvoice(books, invoiceId);
  if (!invoice) return { InvoiceID: invoiceId };
  return {
    Type: invoice.Type,
    InvoiceID: invoice.InvoiceID,
    InvoiceNumber: invoice.InvoiceNumber,
    Contact: contactRef(books, invoice.ContactID),
    Status: invoice.Status,
    LineItems: [],
    CurrencyCode: invoice.CurrencyCode,
  };
}

export function allocationWire(
  books: TenantBooks,
  creditNote: CreditNoteRecord,
  allocation: AllocationRecord,
  extra: Json = {},
): Json {
  return {
    AllocationID: allocation.AllocationID,
    Amount: money(allocation.Amount),
    Date: wireDate(allocation.Date),
    Invoice: invoiceRef(books, allocation.InvoiceID),
    CreditNote: {
      CreditNoteID: creditNote.CreditNoteID,
      CreditNoteNumber: creditNote.CreditNoteNumber,
      ID: creditNote.CreditNoteID,
      Type: creditNote.Type,
      LineItems: [],
    },
    ...extra,
  };
}

export function paymentWire(books: TenantBooks, payment: PaymentRecord): Json {
  const account = findAccountById(books, payment.AccountID);
  const creditNote =
    payment.CreditNoteID === undefined ? undefined : findCreditNote(books, payment.CreditNoteID);
  return compact({
    PaymentID: payment.PaymentID,
    Date: wireDate(payment.Date),
    BankAmount: money(payment.Amount),
    Amount: money(payment.Amount),
    Reference: payment.Reference ?? '',
    CurrencyRate: 1,
    PaymentType: payment.PaymentType,
    Status: payment.Status,
    UpdatedDateUTC: wireInstant(payment.UpdatedDateUTC),
    UpdatedDateUTCString: wireInstantString(payment.UpdatedDateUTC),
    HasAccount: true,
    IsReconciled: payment.IsReconciled,
    Account: account ? { AccountID: account.AccountID, Code: account.Code, Name: account.Name } : undefined,
    Invoice: payment.InvoiceID === undefined ? undefined : invoiceRef(books, payment.InvoiceID),
    CreditNote: creditNote
      ? {
          CreditNoteID: creditNote.CreditNoteID,
          CreditNoteNumber: creditNote.CreditNoteNumber,
          ID: creditNote.CreditNoteID,
          Type: creditNote.Type,
          Contact: contactRef(books, creditNote.ContactID),
          Status: creditNote.Status,
          LineItems: [],
          CurrencyCode: creditNote.CurrencyCode,
        }
      : undefined,
    HasValidationErrors: false,
  });
}
