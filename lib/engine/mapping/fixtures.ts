import type { Invoice } from '../../records/schema';
import { type ClinicSettings, DEFAULT_CLINIC_SETTINGS } from '../../settings/sync-settings';
import type { OrganisationFacts } from './organisation';

/** An Australian GST organisation as the engine sees it (test data for the mapping functions). */
export const AU_ORG: OrganisationFacts = {
  tenantId: '3f1a8c52-7b0e-4d2a-9c61-5e2b8f0d4a11',
  name: 'Harbourside Physio',
  shortCode: '!Hx7Qp',
  baseCurrency: 'AUD',
  lockDate: '2026-06-30',
  taxRates: {
    OUTPUT: { name: 'GST on Income', rate: '10.0000', active: true, canApplyToRevenue: true },
    EXEMPTOUTPUT: { name: 'GST Free Income', rate: '0.0000', active: true, canApplyToRevenue: true },
    BASEXCLUDED: { name: 'BAS Excluded', rate: '0.0000', active: true, canApplyToRevenue: true },
    INPUT: { name: 'GST on Expenses', rate: '10.0000', active: true, canApplyToRevenue: false },
  },
};

export const AU_SETTINGS: ClinicSettings = {
  ...DEFAULT_CLINIC_SETTINGS,
  tenantId: AU_ORG.tenantId,
  revenueAccounts: { Services: '200', Products: '210' },
  itemAccounts: { 'CONS-INIT': '201' },
  taxRates: { GST: 'OUTPUT', 'GST-free': 'EXEMPTOUTPUT' },
  paymentAccounts: { EFTPOS: '091' },
  defaultPaymentAccount: '090',
  rounding: { accountCode: '860', taxType: 'BASEXCLUDED' },
  invoicePrefix: 'HS-',
  dueDays: 14,
};

export function invoiceFixture(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: '5001',
    number: '1042',
    issueDate: '2026-11-02',
    patientId: '1001',
    clinic: { id: 'cbd', name: 'Harbourside CBD' },
    practitioner: { id: '77', name: 'Dr Sam Lee' },
    amountsAre: 'inclusive',
    lines: [
      {
        description: 'Initial consultation',
        itemCode: 'CONS-INIT',
        category: 'Services',
        quantity: '1',
        unitPrice: '95.0000',
        tax: { name: 'GST-free', ratePercent: '0' },
      },
      {
        description: 'Theraband (medium)',
        category: 'Products',
        quantity: '2',
        unitPrice: '12.4950',
        discountPercent: '10',
        tax: { name: 'GST', ratePercent: '10' },
      },
    ],
    total: '117.49',
    ...overrides,
  };
}
