import type { OrganisationLists, XeroAccountOption, XeroTaxRateOption } from '../setup/lists';

/**
 * Hand-built organisation lists for the setup tests: an Australian clinic (GST) and a UK
 * practice (VAT), shaped like Xero's charts but written here so each test can see what it holds.
 */
export const AU_TENANT = '11111111-1111-4111-8111-111111111111';
export const UK_TENANT = '22222222-2222-4222-8222-222222222222';

export function account(
  code: string,
  name: string,
  extra: Partial<XeroAccountOption> = {},
): XeroAccountOption {
  return {
    code,
    name,
    type: 'REVENUE',
    class: 'REVENUE',
    status: 'ACTIVE',
    taxType: 'OUTPUT',
    enablePayments: false,
    systemAccount: null,
    ...extra,
  };
}

export function taxRate(taxType: string, name: string, rate: string, extra: Partial<XeroTaxRateOption> = {}) {
  return { taxType, name, rate, status: 'ACTIVE', canApplyToRevenue: true, ...extra };
}

const bank = (code: string, name: string) =>
  account(code, name, { type: 'BANK', class: 'ASSET', taxType: 'BASEXCLUDED' });

export function auLists(extra: Partial<OrganisationLists> = {}): OrganisationLists {
  return {
    tenantId: AU_TENANT,
    organisationName: 'Harbourside Physiotherapy',
    lockDate: null,
    accounts: [
      bank('090', 'Business Bank Account'),
      bank('091', 'Business Savings Account'),
      account('200', 'Sales'),
      account('210', 'Consultations', { taxType: 'EXEMPTOUTPUT' }),
      account('220', 'Product sales', { type: 'SALES' }),
      account('250', 'Pilates classes (discontinued)', { status: 'ARCHIVED' }),
      account('404', 'Bank Fees', { type: 'EXPENSE', class: 'EXPENSE', taxType: 'INPUT' }),
      account('610', 'Accounts Receivable', {
        type: 'CURRENT',
        class: 'ASSET',
        systemAccount: 'DEBTORS',
        taxType: 'BASEXCLUDED',
      }),
      account('615', 'HICAPS clearing', {
        type: 'CURRENT',
        class: 'ASSET',
        enablePayments: true,
        taxType: 'BASEXCLUDED',
      }),
      account('860', 'Rounding', {
        type: 'CURRLIAB',
        class: 'LIABILITY',
        systemAccount: 'ROUNDING',
        taxType: 'BASEXCLUDED',
      }),
    ],
    taxRates: [
      taxRate('OUTPUT', 'GST on Income', '10.0000'),
      taxRate('EXEMPTOUTPUT', 'GST Free Income', '0.0000'),
      taxRate('BASEXCLUDED', 'BAS Excluded', '0.0000'),
      taxRate('INPUT', 'GST on Expenses', '10.0000', { canApplyToRevenue: false }),
      taxRate('TAX001', 'Old levy', '5.0000', { status: 'DELETED' }),
    ],
    trackingCategories: [
      {
        name: 'Location',
        status: 'ACTIVE',
        options: [
          { name: 'Harbourside CBD', status: 'ACTIVE' },
          { name: 'Northside', status: 'ACTIVE' },
          { name: 'Bondi', status: 'ARCHIVED' },
        ],
      },
      {
        name: 'Practitioner',
        status: 'ACTIVE',
        options: [
          { name: 'Dr Sam Lee', status: 'ACTIVE' },
          { name: 'Jo Rivers', status: 'ACTIVE' },
        ],
      },
      { name: 'Campaign', status: 'ARCHIVED', options: [{ name: 'Winter 2025', status: 'ACTIVE' }] },
    ],
    readAt: 0,
    ...extra,
  };
}

export function ukLists(extra: Partial<OrganisationLists> = {}): OrganisationLists {
  return {
    tenantId: UK_TENANT,
    organisationName: 'Clearsound Audiology',
    lockDate: null,
    accounts: [
      bank('090', 'Business Current Account'),
      account('200', 'Sales', { type: 'SALES', taxType: 'OUTPUT2' }),
      account('201', 'Hearing aids', { taxType: 'OUTPUT2' }),
      account('860', 'Rounding', {
        type: 'CURRLIAB',
        class: 'LIABILITY',
        systemAccount: 'ROUNDING',
        taxType: 'NONE',
      }),
    ],
    taxRates: [
      taxRate('OUTPUT2', '20% (VAT on Income)', '20.0000'),
      taxRate('EXEMPTOUTPUT', 'Exempt Income', '0.0000'),
      taxRate('NONE', 'No VAT', '0.0000'),
    ],
    trackingCategories: [],
    readAt: 0,
    ...extra,
  };
}
