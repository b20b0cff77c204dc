import { dec, sum } from '../../lib/money/decimal';
import type { RecordOfKind } from '../../lib/records/schema';
import { AU, UK } from './engine-world';

/** What differs between the two seeded organisations, so one lifecycle suite runs against both. */
export interface OrgProfile {
  name: string;
  tenantId: string;
  clinic: { id: string; name: string };
  prefix: string;
  creditPrefix: string;
  taxed: { category: string; tax: { name: string; ratePercent: string } };
  untaxed: { category: string; tax: { name: string; ratePercent: string } };
  method: string;
  paymentAccount: string;
}

export const PROFILES: OrgProfile[] = [
  {
    name: 'AU GST',
    tenantId: AU,
    clinic: { id: 'cbd', name: 'Harbourside CBD' },
    prefix: 'HS-',
    creditPrefix: 'HSCN-',
    taxed: { category: 'Products', tax: { name: 'GST', ratePercent: '10' } },
    untaxed: { category: 'Services', tax: { name: 'GST-free', ratePercent: '0' } },
    method: 'EFTPOS',
    paymentAccount: '091',
  },
  {
    name: 'UK VAT',
    tenantId: UK,
    clinic: { id: 'leeds', name: 'Clearsound Leeds' },
    prefix: 'CS-',
    creditPrefix: 'CSCN-',
    taxed: { category: 'Hearing aids', tax: { name: 'VAT 20%', ratePercent: '20' } },
    untaxed: { category: 'Services', tax: { name: 'Exempt', ratePercent: '0' } },
    method: 'Card',
    paymentAccount: '615',
  },
];

/** A two-line invoice of 120.00 (95.00 untaxed + 2 × 12.50 taxed, tax included). */
export function profileInvoice(
  p: OrgProfile,
  id: string,
  patientId: string,
  extra: Partial<RecordOfKind['invoices']> = {},
): RecordOfKind['invoices'] {
  return {
    id,
    number: id,
    issueDate: '2026-11-02',
    patientId,
    clinic: p.clinic,
    practitioner: { id: '77', name: 'Dr Sam Lee' },
    amountsAre: 'inclusive',
    lines: [
      { description: 'Consultation', quantity: '1', unitPrice: '95.0000', ...p.untaxed },
      { description: 'Item', quantity: '2', unitPrice: '12.5000', ...p.taxed },
    ],
    total: '120.00',
    ...extra,
  };
}

export function profileCreditNote(
  p: OrgProfile,
  id: string,
  patientId: string,
  invoiceId: string,
  total: string,
  extra: Partial<RecordOfKind['creditNotes']> = {},
): RecordOfKind['creditNotes'] {
  return {
    id,
    number: id,
    date: '2026-11-05',
    patientId,
    invoiceId,
    clinic: p.clinic,
    amountsAre: 'inclusive',
    lines: [{ description: 'Refund of consultation', quantity: '1', unitPrice: total, ...p.untaxed }],
    total,
    ...extra,
  };
}

export function profilePayment(
  p: OrgProfile,
  id: string,
  allocations: RecordOfKind['payments']['allocations'],
  extra: Partial<RecordOfKind['payments']> = {},
): RecordOfKind['payments'] {
  const amount = sum(allocations.map((a) => dec(a.amount))).toFixed(2);
  return { id, method: p.method, date: '2026-11-03', amount, allocations, ...extra };
}
