import { createHash } from 'node:crypto';
import type {
  AccountRecord,
  ContactRecord,
  OrganisationRecord,
  TaxRateRecord,
  TenantBooks,
  TrackingCategoryRecord,
  TrackingStatus,
} from './books';

/**
 * The organisations a fresh emulator starts with: an Australian GST physiotherapy clinic and a
 * UK VAT audiology practice, each with a realistic chart of accounts, its region's tax rates and
 * a few contacts, and no documents, so every test starts from clean books.
 */
export const SEED_TENANTS = {
  auClinic: { tenantId: '4f1c2a7e-6b3d-4e8a-9c21-5d7f0e3b8a11', name: 'Harbourside Physiotherapy' },
  ukAudiology: { tenantId: '8e2d4c6a-1f3b-4a5c-b7d9-0e2f4a6c8b22', name: 'Clearsound Audiology' },
} as const;

/** Stable GUIDs derived from a name, so seeded ids are the same on every reset. */
export function seedId(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('/')).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const DAY_MS = 86_400_000;

type AccountSeed = Pick<AccountRecord, 'Code' | 'Name' | 'Type' | 'Class' | 'TaxType'> &
  Partial<AccountRecord>;

function accounts(
  tenantId: string,
  currency: string,
  seededAt: number,
  list: AccountSeed[],
): AccountRecord[] {
  return list.map((a) => ({
    AccountID: seedId(tenantId, 'account', a.Code),
    Status: 'ACTIVE',
    EnablePaymentsToAccount: false,
    ShowInExpenseClaims: a.Class === 'EXPENSE',
    BankAccountType: a.Type === 'BANK' ? 'BANK' : '',
    CurrencyCode: a.Type === 'BANK' ? currency : undefined,
    SystemAccount: '',
    ReportingCode: '',
    ReportingCodeName: '',
    AddToWatchlist: false,
    UpdatedDateUTC: seededAt,
    ...a,
  }));
}

interface RateSeed {
  name: string;
  taxType: string;
  rate: string;
  report: string;
  /** R revenue, E expenses, A assets, L liabilities, Q equity. */
  appliesTo: string;
  status?: TaxRateRecord['Status'];
  component: string;
}

const taxRates = (list: RateSeed[]): TaxRateRecord[] =>
  list.map((r) => ({
    Name: r.name,
    TaxType: r.taxType,
    Status: r.status ?? 'ACTIVE',
    ReportTaxType: r.report,
    CanApplyToAssets: r.appliesTo.includes('A'),
    CanApplyToEquity: r.appliesTo.includes('Q'),
    CanApplyToExpenses: r.appliesTo.includes('E'),
    CanApplyToLiabilities: r.appliesTo.includes('L'),
    CanApplyToRevenue: r.appliesTo.includes('R'),
    DisplayTaxRate: r.rate,
    EffectiveRate: r.rate,
    TaxComponents: [{ Name: r.component, Rate: r.rate, IsCompound: false, IsNonRecoverable: false }],
  }));

interface TrackingSeed {
  name: string;
  status?: TrackingStatus;
  /** Option names; a trailing ` [archived]` marks an ARCHIVED option. */
  options: string[];
}

const ARCHIVED_MARK = ' [archived]';

/** Tracking categories with stable ids; Xero allows two ACTIVE ones of up to 100 options each. */
const trackingCategories = (tenantId: string, list: TrackingSeed[]): TrackingCategoryRecord[] =>
  list.map((c) => ({
    TrackingCategoryID: seedId(tenantId, 'tracking', c.name),
    Name: c.name,
    Status: c.status ?? 'ACTIVE',
    Options: c.options.map((option) => {
      const archived = option.endsWith(ARCHIVED_MARK);
      const name = archived ? option.slice(0, -ARCHIVED_MARK.length) : option;
      return {
        TrackingOptionID: seedId(tenantId, 'tracking', c.name, name),
        Name: name,
        Status: archived ? 'ARCHIVED' : 'ACTIVE',
      };
    }),
  }));

type ContactSeed = Pick<ContactRecord, 'Name'> & Partial<ContactRecord>;

const contacts = (tenantId: string, seededAt: number, list: ContactSeed[]): ContactRecord[] =>
  list.map((c) => ({
    ContactID: seedId(tenantId, 'contact', c.Name),
    ContactStatus: 'ACTIVE',
    Addresses: [{ AddressType: 'POBOX' }, { AddressType: 'STREET' }],
    Phones: [{ PhoneType: 'DEFAULT' }, { PhoneType: 'MOBILE' }],
    ContactPersons: [],
    UpdatedDateUTC: seededAt,
    ...c,
  }));

function organisation(
  fields: Omit<
    OrganisationRecord,
    | 'APIKey'
    | 'IsDemoCompany'
    | 'OrganisationStatus'
    | 'Edition'
    | 'Class'
    | 'PeriodLockDate'
    | 'EndOfYearLockDate'
    | 'PaysTax'
    | 'OrganisationType'
    | 'OrganisationEntityType'
  >,
): OrganisationRecord {
  return {
    APIKey: '',
    PaysTax: true,
    OrganisationType: 'COMPANY',
    OrganisationEntityType: 'COMPANY',
    IsDemoCompany: false,
    OrganisationStatus: 'ACTIVE',
    Class: 'STANDARD',
    Edition: 'BUSINESS',
    // Lock dates start open; tests and the control API may set them.
    PeriodLockDate: null,
    EndOfYearLockDate: null,
    ...fields,
  };
}

function auClinic(now: Date): TenantBooks {
  const { tenantId, name } = SEED_TENANTS.auClinic;
  const seededAt = now.getTime() - 30 * DAY_MS;
  return {
    tenantId,
    timeZone: 'Australia/Sydney',
    organisation: organisation({
      OrganisationID: seedId(tenantId, 'organisation'),
      Name: name,
      LegalName: 'Harbourside Physiotherapy Pty Ltd',
      Version: 'AU',
      BaseCurrency: 'AUD',
      CountryCode: 'AU',
      RegistrationNumber: '51 824 753 556',
      TaxNumber: '51 824 753 556',
      FinancialYearEndDay: 30,
      FinancialYearEndMonth: 6,
      SalesTaxBasis: 'ACCRUALS',
      SalesTaxPeriod: 'QUARTERLY1',
      DefaultSalesTax: 'Tax Exclusive',
      DefaultPurchasesTax: 'Tax Inclusive',
      CreatedDateUTC: Date.UTC(2024, 6, 1, 2, 30),
      Timezone: 'AUSEASTERNSTANDARDTIME',
      ShortCode: '!aB3xY',
      LineOfBusiness: 'Physiotherapy',
      Addresses: [
        {
          AddressType: 'STREET',
          AddressLine1: 'Level 1, 12 Harbour Street',
          City: 'Sydney',
          Region: 'NSW',
          PostalCode: '2000',
          Country: 'Australia',
        },
      ],
      Phones: [
        { PhoneType: 'OFFICE', PhoneNumber: '9555 0100', PhoneAreaCode: '02', PhoneCountryCode: '61' },
      ],
    }),
    accounts: accounts(tenantId, 'AUD', seededAt, [
      {
        Code: '090',
        Name: 'Business Bank Account',
        Type: 'BANK',
        Class: 'ASSET',
        TaxType: 'BASEXCLUDED',
        BankAccountNumber: '062000 12345678',
      },
      {
        Code: '091',
        Name: 'Business Savings Account',
        Type: 'BANK',
        Class: 'ASSET',
        TaxType: 'BASEXCLUDED',
        BankAccountNumber: '062000 87654321',
      },
      { Code: '200', Name: 'Sales', Type: 'REVENUE', Class: 'REVENUE', TaxType: 'OUTPUT' },
      // Physiotherapy services are GST-free in Australia, so consultations default to GST Free Income.
      { Code: '210', Name: 'Consultations', Type: 'REVENUE', Class: 'REVENUE', TaxType: 'EXEMPTOUTPUT' },
      { Code: '220', Name: 'Product sales', Type: 'SALES', Class: 'REVENUE', TaxType: 'OUTPUT' },
      {
        Code: '250',
        Name: 'Pilates classes (discontinued)',
        Type: 'REVENUE',
        Class: 'REVENUE',
        TaxType: 'OUTPUT',
        Status: 'ARCHIVED',
      },
      { Code: '260', Name: 'Other Revenue', Type: 'OTHERINCOME', Class: 'REVENUE', TaxType: 'OUTPUT' },
      { Code: '270', Name: 'Interest Income', Type: 'OTHERINCOME', Class: 'REVENUE', TaxType: 'INPUTTAXED' },
      { Code: '310', Name: 'Cost of Goods Sold', Type: 'DIRECTCOSTS', Class: 'EXPENSE', TaxType: 'INPUT' },
      { Code: '404', Name: 'Bank Fees', Type: 'EXPENSE', Class: 'EXPENSE', TaxType: 'INPUTTAXED' },
      { Code: '412', Name: 'Consulting & Accounting', Type: 'EXPENSE', Class: 'EXPENSE', TaxType: 'INPUT' },
      { Code: '429', Name: 'General Expenses', Type: 'EXPENSE', Class: 'EXPENSE', TaxType: 'INPUT' },
      { Code: '453', Name: 'Clinical Supplies', Type: 'EXPENSE', Class: 'EXPENSE', TaxType: 'INPUT' },
      { Code: '469', Name: 'Rent', Type: 'OVERHEADS', Class: 'EXPENSE', TaxType: 'INPUT' },
      { Code: '489', Name: 'Telephone & Internet', Type: 'OVERHEADS', Class: 'EXPENSE', TaxType: 'INPUT' },
      {
        Code: '610',
        Name: 'Accounts Receivable',
        Type: 'CURRENT',
        Class: 'ASSET',
        TaxType: 'BASEXCLUDED',
        SystemAccount: 'DEBTORS',
      },
      {
        Code: '615',
        Name: 'EFTPOS clearing',
        Type: 'CURRENT',
        Class: 'ASSET',
        TaxType: 'BASEXCLUDED',
        EnablePaymentsToAccount: true,
        Description: 'Card takings awaiting settlement from the EFTPOS provider.',
      },
      {
        Code: '616',
        Name: 'Health fund claims clearing',
        Type: 'CURRENT',
        Class: 'ASSET',
        TaxType: 'BASEXCLUDED',
        EnablePaymentsToAccount: true,
      },
      { Code: '620', Name: 'Prepayments', Type: 'CURRENT', Class: 'ASSET', TaxType: 'BASEXCLUDED' },
      {
        Code: '800',
        Name: 'Accounts Payable',
        Type: 'CURRLIAB',
        Class: 'LIABILITY',
        TaxType: 'BASEXCLUDED',
        SystemAccount: 'CREDITORS',
      },
      {
        Code: '820',
        Name: 'GST',
        Type: 'CURRLIAB',
        Class: 'LIABILITY',
        TaxType: 'BASEXCLUDED',
        SystemAccount: 'GST',
      },
      {
        Code: '860',
        Name: 'Rounding',
        Type: 'CURRLIAB',
        Class: 'LIABILITY',
        TaxType: 'BASEXCLUDED',
        SystemAccount: 'ROUNDING',
      },
      {
        Code: '960',
        Name: 'Retained Earnings',
        Type: 'EQUITY',
        Class: 'EQUITY',
        TaxType: 'BASEXCLUDED',
        SystemAccount: 'RETAINEDEARNINGS',
      },
      {
        Code: '970',
        Name: 'Owner A Funds Introduced',
        Type: 'EQUITY',
        Class: 'EQUITY',
        TaxType: 'BASEXCLUDED',
      },
    ]),
    taxRates: taxRates([
      {
        name: 'GST on Income',
        taxType: 'OUTPUT',
        rate: '10.0000',
        report: 'OUTPUT',
        appliesTo: 'RALQ',
        component: 'GST',
      },
      {
        name: 'GST Free Income',
        taxType: 'EXEMPTOUTPUT',
        rate: '0.0000',
        report: 'EXEMPTOUTPUT',
        appliesTo: 'RALQ',
        component: 'GST',
      },
      {
        name: 'GST on Expenses',
        taxType: 'INPUT',
        rate: '10.0000',
        report: 'INPUT',
        appliesTo: 'EALQ',
        component: 'GST',
      },
      {
        name: 'GST Free Expenses',
        taxType: 'EXEMPTEXPENSES',
        rate: '0.0000',
        report: 'EXEMPTEXPENSES',
        appliesTo: 'EALQ',
        component: 'GST',
      },
      {
        name: 'GST on Imports',
        taxType: 'GSTONIMPORTS',
        rate: '0.0000',
        report: 'GSTONIMPORTS',
        appliesTo: 'EAL',
        component: 'GST',
      },
      {
        name: 'BAS Excluded',
        taxType: 'BASEXCLUDED',
        rate: '0.0000',
        report: 'BASEXCLUDED',
        appliesTo: 'REALQ',
        component: 'GST',
      },
      {
        name: 'Input Taxed',
        taxType: 'INPUTTAXED',
        rate: '0.0000',
        report: 'INPUTTAXED',
        appliesTo: 'REALQ',
        component: 'GST',
      },
      // A retired custom rate, so "ACTIVE tax rates only" can be seen.
      {
        name: 'Allied health levy (retired)',
        taxType: 'TAX001',
        rate: '2.5000',
        report: 'OUTPUT',
        appliesTo: 'R',
        status: 'DELETED',
        component: 'Levy',
      },
    ]),
    trackingCategories: trackingCategories(tenantId, [
      { name: 'Location', options: ['Harbourside', 'Northside', 'Parramatta', 'Bondi [archived]'] },
      { name: 'Practitioner', options: ['Alice Nguyen', 'Sam Patel', 'Jo Rivers', 'Max Fischer [archived]'] },
      { name: 'Campaign', status: 'ARCHIVED', options: ['Winter 2025'] },
    ]),
    contacts: contacts(tenantId, seededAt, [
      { Name: 'Walk-in patient', ContactNumber: 'WALKIN' },
      { Name: 'HCF Health Fund', ContactNumber: 'FUND-HCF', EmailAddress: 'claims@hcf.example' },
      {
        Name: 'icare NSW Workers Insurance',
        ContactNumber: 'FUND-ICARE',
        EmailAddress: 'providers@icare.example',
      },
      {
        Name: 'Margaret Chen (moved away)',
        ContactNumber: 'PMS-0009',
        FirstName: 'Margaret',
        LastName: 'Chen',
        ContactStatus: 'ARCHIVED',
      },
    ]),
    invoices: [],
    creditNotes: [],
    payments: [],
    numbering: { invoicePrefix: 'INV-', invoiceNext: 1, creditNotePrefix: 'CN-', creditNoteNext: 1 },
  };
}

function ukAudiology(now: Date): TenantBooks {
  const { tenantId, name } = SEED_TENANTS.ukAudiology;
  const seededAt = now.getTime() - 30 * DAY_MS;
  return {
    tenantId,
    timeZone: 'Europe/London',
    organisation: organisation({
      OrganisationID: seedId(tenantId, 'organisation'),
      Name: name,
      LegalName: 'Clearsound Audiology Ltd',
      Version: 'UK',
      BaseCurrency: 'GBP',
      CountryCode: 'GB',
      RegistrationNumber: '09876543',
      TaxNumber: 'GB 123 4567 89',
      FinancialYearEndDay: 31,
      FinancialYearEndMonth: 3,
      SalesTaxBasis: 'INVOICE',
      SalesTaxPeriod: 'QUARTERLY',
      DefaultSalesTax: 'Tax Inclusive',
      DefaultPurchasesTax: 'Tax Inclusive',
      CreatedDateUTC: Date.UTC(2023, 3, 6, 9, 0),
      Timezone: 'GMTSTANDARDTIME',
      ShortCode: '!Uk7pQ',
      LineOfBusiness: 'Audiology',
      Addresses: [
        {
          AddressType: 'STREET',
          AddressLine1: '4 Mill Lane',
          City: 'Leeds',
          PostalCode: 'LS1 4AB',
          Country: 'United Kingdom',
        },
      ],
      Phones: [
        { PhoneType: 'OFFICE', PhoneNumber: '496 0123', PhoneAreaCode: '0113', PhoneCountryCode: '44' },
      ],
    }),
    accounts: accounts(tenantId, 'GBP', seededAt, [
      {
        Code: '090',
        Name: 'Business Current Account',
        Type: 'BANK',
        Class: 'ASSET',
        TaxType: 'NONE',
        BankAccountNumber: '20-45-12 41234567',
      },
      {
        Code: '091',
        Name: 'Business Savings Account',
        Type: 'BANK',
        Class: 'ASSET',
        TaxType: 'NONE',
        BankAccountNumber: '20-45-12 87654321',
      },
      { Code: '200', Name: 'Sales', Type: 'SALES', Class: 'REVENUE', TaxType: 'OUTPUT2' },
      { Code: '201', Name: 'Hearing aids', Type: 'SALES', Class: 'REVENUE', TaxType: 'OUTPUT2' },
      // Audiology care by a registered professional is VAT-exempt.
      { Code: '202', Name: 'Services', Type: 'SALES', Class: 'REVENUE', TaxType: 'EXEMPTOUTPUT' },
      {
        Code: '205',
        Name: 'Repairs (old)',
        Type: 'SALES',
        Class: 'REVENUE',
        TaxType: 'OUTPUT2',
        Status: 'ARCHIVED',
      },
      { Code: '260', Name: 'Other Revenue', Type: 'OTHERINCOME', Class: 'REVENUE', TaxType: 'OUTPUT2' },
      { Code: '270', Name: 'Interest Income', Type: 'OTHERINCOME', Class: 'REVENUE', TaxType: 'NONE' },
      { Code: '310', Name: 'Cost of sales', Type: 'DIRECTCOSTS', Class: 'EXPENSE', TaxType: 'INPUT2' },
      { Code: '404', Name: 'Bank charges', Type: 'EXPENSE', Class: 'EXPENSE', TaxType: 'EXEMPTINPUT' },
      { Code: '429', Name: 'General Expenses', Type: 'EXPENSE', Class: 'EXPENSE', TaxType: 'INPUT2' },
      { Code: '469', Name: 'Rent', Type: 'OVERHEADS', Class: 'EXPENSE', TaxType: 'EXEMPTINPUT' },
      {
        Code: '610',
        Name: 'Accounts Receivable',
        Type: 'CURRENT',
        Class: 'ASSET',
        TaxType: 'NONE',
        SystemAccount: 'DEBTORS',
      },
      {
        Code: '615',
        Name: 'Card payments clearing',
        Type: 'CURRENT',
        Class: 'ASSET',
        TaxType: 'NONE',
        EnablePaymentsToAccount: true,
      },
      {
        Code: '800',
        Name: 'Accounts Payable',
        Type: 'CURRLIAB',
        Class: 'LIABILITY',
        TaxType: 'NONE',
        SystemAccount: 'CREDITORS',
      },
      {
        Code: '820',
        Name: 'VAT',
        Type: 'CURRLIAB',
        Class: 'LIABILITY',
        TaxType: 'NONE',
        SystemAccount: 'GST',
      },
      {
        Code: '860',
        Name: 'Rounding',
        Type: 'CURRLIAB',
        Class: 'LIABILITY',
        TaxType: 'NONE',
        SystemAccount: 'ROUNDING',
      },
      {
        Code: '960',
        Name: 'Retained Earnings',
        Type: 'EQUITY',
        Class: 'EQUITY',
        TaxType: 'NONE',
        SystemAccount: 'RETAINEDEARNINGS',
      },
    ]),
    taxRates: taxRates([
      {
        name: '20% (VAT on Income)',
        taxType: 'OUTPUT2',
        rate: '20.0000',
        report: 'OUTPUT',
        appliesTo: 'RALQ',
        component: 'VAT',
      },
      {
        name: '5% (VAT on Income)',
        taxType: 'RROUTPUT',
        rate: '5.0000',
        report: 'OUTPUT',
        appliesTo: 'RALQ',
        component: 'VAT',
      },
      {
        name: 'Zero Rated Income',
        taxType: 'ZERORATEDOUTPUT',
        rate: '0.0000',
        report: 'OUTPUT',
        appliesTo: 'RALQ',
        component: 'VAT',
      },
      {
        name: 'Exempt Income',
        taxType: 'EXEMPTOUTPUT',
        rate: '0.0000',
        report: 'EXEMPTOUTPUT',
        appliesTo: 'RALQ',
        component: 'VAT',
      },
      {
        name: 'No VAT',
        taxType: 'NONE',
        rate: '0.0000',
        report: 'NONE',
        appliesTo: 'REALQ',
        component: 'VAT',
      },
      {
        name: '20% (VAT on Expenses)',
        taxType: 'INPUT2',
        rate: '20.0000',
        report: 'INPUT',
        appliesTo: 'EALQ',
        component: 'VAT',
      },
      {
        name: '5% (VAT on Expenses)',
        taxType: 'RRINPUT',
        rate: '5.0000',
        report: 'INPUT',
        appliesTo: 'EALQ',
        component: 'VAT',
      },
      {
        name: 'Zero Rated Expenses',
        taxType: 'ZERORATEDINPUT',
        rate: '0.0000',
        report: 'INPUT',
        appliesTo: 'EALQ',
        component: 'VAT',
      },
      {
        name: 'Exempt Expenses',
        taxType: 'EXEMPTINPUT',
        rate: '0.0000',
        report: 'EXEMPTINPUT',
        appliesTo: 'EALQ',
        component: 'VAT',
      },
    ]),
    trackingCategories: trackingCategories(tenantId, [
      { name: 'Location', options: ['Leeds', 'York', 'Harrogate', 'Wakefield [archived]'] },
      { name: 'Practitioner', options: ['Emma Hughes', 'Tom Clarke', 'Priya Shah', 'Owen Price [archived]'] },
      { name: 'Referral source', status: 'ARCHIVED', options: ['NHS', 'Private'] },
    ]),
    contacts: contacts(tenantId, seededAt, [
      { Name: 'Walk-in patient', ContactNumber: 'WALKIN' },
      {
        Name: 'Leeds Community Hearing Service',
        ContactNumber: 'NHS-LCHS',
        EmailAddress: 'referrals@lchs.example',
      },
    ]),
    invoices: [],
    creditNotes: [],
    payments: [],
    numbering: { invoicePrefix: 'INV-', invoiceNext: 1, creditNotePrefix: 'CN-', creditNoteNext: 1 },
  };
}

export function createSeedBooks(now: Date): TenantBooks[] {
  return [auClinic(now), ukAudiology(now)];
}
