/**
 * The demo clinic: Harbourside CBD, a Cliniko account whose sample records (the README's
 * example) go to the emulator's Australian organisation, with settings mapping them there.
 */
import example from '../../lib/records/fixtures/example.json';
import {
  DEFAULT_CLINIC_SETTINGS,
  DEFAULT_SYNC_SETTINGS,
  type SyncSettings,
} from '../../lib/settings/sync-settings';

/** The emulator's seeded Australian GST organisation. */
export const DEMO_TENANT_ID = '4f1c2a7e-6b3d-4e8a-9c21-5d7f0e3b8a11';

export const DEMO_SETTINGS: SyncSettings = {
  ...DEFAULT_SYNC_SETTINGS,
  categories: ['Services', 'Products'],
  defaults: {
    ...DEFAULT_CLINIC_SETTINGS,
    tenantId: DEMO_TENANT_ID,
    revenueAccounts: { Services: '210', Products: '220' },
    taxRates: { GST: 'OUTPUT', 'GST-free': 'EXEMPTOUTPUT' },
    paymentAccounts: { EFTPOS: '091', Cash: '090' },
    defaultPaymentAccount: '090',
    rounding: { accountCode: '860', taxType: 'BASEXCLUDED' },
    invoicePrefix: 'HS-',
    creditNotePrefix: 'HS',
    dueDays: 14,
  },
};

export const DEMO_RECORDS = example;
