import type { Page } from '@playwright/test';
import { SEED_TENANTS } from '../../emulator/xero/accounting/seed';
import type { XeroEmulator } from '../../emulator/xero/server';
import { control } from '../../emulator/xero/test-support/harness';
import { invoice, patient, payment, records } from '../support/engine-world';

/** What the e2e tests of the options page share: a small practice's records and a look into the emulator. */

export const AU = SEED_TENANTS.auClinic;
export const UK = SEED_TENANTS.ukAudiology;

/** Where the e2e run writes its screenshots of each screen, for a reviewer (and the README) to look at. */
export const SCREENSHOTS = 'docs/screenshots';

/**
 * Two clinics of one Cliniko account: the CBD clinic (AU organisation) sells services and
 * products with GST and GST-free lines, paid by EFTPOS or cash; the Leeds clinic sells a hearing
 * aid with 20 % VAT and is meant for the UK organisation.
 */
export function twoClinicRecords() {
  const leeds = { id: 'leeds', name: 'Clearsound Leeds' };
  return records({
    patients: [patient('1001'), patient('1002', 'Omar', 'Haddad')],
    invoices: [
      invoice('5001', '1001'),
      invoice('6001', '1002', {
        clinic: leeds,
        practitioner: { id: '88', name: 'Alex Moor' },
        lines: [
          {
            description: 'Hearing aid fitting',
            category: 'Hearing aids',
            quantity: '1',
            unitPrice: '240.0000',
            tax: { name: 'VAT 20%', ratePercent: '20' },
          },
        ],
        total: '240.00',
      }),
    ],
    payments: [
      payment('9001', [{ invoiceId: '5001', amount: '100.00' }]),
      payment('9002', [{ invoiceId: '5001', amount: '20.00' }], { method: 'Cash' }),
    ],
  });
}

export interface EmulatorInvoice {
  InvoiceNumber: string;
  Status: string;
  Total: number;
  AmountPaid: number;
}

export async function invoicesIn(xero: XeroEmulator, tenantId: string): Promise<EmulatorInvoice[]> {
  const state = await (await control(xero, 'state')).json();
  return state.tenants.find((t: { tenantId: string }) => t.tenantId === tenantId).Invoices;
}

/** The option values a select offers. */
export function optionValues(page: Page, name: string | RegExp) {
  return page
    .getByRole('combobox', { name })
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
}

export { archiveAccount } from '../support/bookkeeper';
