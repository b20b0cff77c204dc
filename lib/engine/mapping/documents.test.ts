import { describe, expect, it } from 'vitest';
import { dec } from '../../money/decimal';
import { toWireJson } from '../../xero/accounting/wire-json';
import { mapCreditNote, mapInvoice } from './documents';
import { AU_ORG, AU_SETTINGS, invoiceFixture } from './fixtures';
import { xeroTotals } from './xero-totals';

/** A payload as Xero receives it: the JSON text the engine sends, read back. */
interface WireLine {
  [field: string]: unknown;
  Description: string;
  Quantity: number;
  UnitAmount: number;
  TaxType: string;
}
const onTheWire = (payload: unknown) =>
  JSON.parse(toWireJson(payload)) as { [field: string]: unknown; LineItems?: WireLine[] };

const CONTACT = '0d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d';
const ctx = { settings: AU_SETTINGS, org: AU_ORG, contactId: CONTACT, invoiceNumber: 'HS-1042' };

describe('invoice mapping', () => {
  it('maps number, contact, dates, amounts, accounts and tax as the settings say', () => {
    const mapped = mapInvoice(invoiceFixture({ url: 'https://x.example/invoices/5001' }), {
      ...ctx,
      status: 'AUTHORISED',
    });
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(onTheWire(mapped.value.payload)).toEqual({
      Type: 'ACCREC',
      Contact: { ContactID: CONTACT },
      Date: '2026-11-02',
      DueDate: '2026-11-16',
      InvoiceNumber: 'HS-1042',
      Reference: 'Dr Sam Lee',
      LineAmountTypes: 'Inclusive',
      Status: 'AUTHORISED',
      Url: 'https://x.example/invoices/5001',
      LineItems: [
        {
          Description: 'Initial consultation',
          Quantity: 1,
          UnitAmount: 95,
          AccountCode: '201',
          TaxType: 'EXEMPTOUTPUT',
        },
        {
          Description: 'Theraband (medium)',
          Quantity: 2,
          UnitAmount: 12.495,
          DiscountRate: 10,
          AccountCode: '210',
          TaxType: 'OUTPUT',
        },
      ],
    });
    expect(mapped.value.rounding.toString()).toBe('0');
  });

  it('refuses a line whose Xero tax rate differs from the PMS rate, naming line, PMS tax and Xero rate', () => {
    const mapped = mapInvoice(invoiceFixture(), {
      ...ctx,
      settings: { ...AU_SETTINGS, taxRates: { GST: 'EXEMPTOUTPUT', 'GST-free': 'EXEMPTOUTPUT' } },
    });
    expect(mapped).toEqual({ ok: false, reason: expect.stringContaining('Line 2 "Theraband (medium)"') });
    if (mapped.ok) return;
    expect(mapped.reason).toContain('the PMS charges GST at 10%');
    expect(mapped.reason).toContain('EXEMPTOUTPUT ("GST Free Income"), is 0%');
  });

  it('refuses a tax rate that cannot be used on sales, and one that is not mapped', () => {
    const purchase = mapInvoice(invoiceFixture(), {
      ...ctx,
      settings: { ...AU_SETTINGS, taxRates: { ...AU_SETTINGS.taxRates, GST: 'INPUT' } },
    });
    expect(purchase).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not an active rate for sales'),
    });
    const unmapped = mapInvoice(invoiceFixture(), { ...ctx, settings: { ...AU_SETTINGS, taxRates: {} } });
    expect(unmapped).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no Xero tax rate is set for the PMS tax "GST-free"'),
    });
  });

  it('falls back from item code to category for the account, and from tax name to category for the tax', () => {
    const mapped = mapInvoice(invoiceFixture(), {
      ...ctx,
      settings: {
        ...AU_SETTINGS,
        itemAccounts: {},
        taxRates: { GST: 'OUTPUT' },
        categoryTaxRates: { Services: 'EXEMPTOUTPUT' },
      },
    });
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.value.payload.LineItems?.[0]).toMatchObject({
      AccountCode: '200',
      TaxType: 'EXEMPTOUTPUT',
    });
  });

  it('adds a rounding line when Xero would total a few cents away, so the Xero total is the PMS total', () => {
    // Three lines of a third at 4 dp: the PMS rounds the exact sum once (109.99989 → 110.00),
    // Xero rounds each line and its tax to the cent (3 × (33.33 + 3.33) = 109.98).
    const invoice = invoiceFixture({
      amountsAre: 'exclusive',
      lines: Array.from({ length: 3 }, () => ({
        description: 'Session (third share)',
        category: 'Services',
        quantity: '1',
        unitPrice: '33.3333',
        tax: { name: 'GST', ratePercent: '10' },
      })),
      total: '110.00',
    });
    const mapped = mapInvoice(invoice, ctx);
    if (!mapped.ok) throw new Error(mapped.reason);
    const items = onTheWire(mapped.value.payload).LineItems ?? [];
    expect(items.at(-1)).toEqual({
      Description: 'Rounding',
      Quantity: 1,
      UnitAmount: 0.02,
      AccountCode: '860',
      TaxType: 'BASEXCLUDED',
    });
    const xero = xeroTotals(
      items.map((i) => ({
        quantity: dec(i.Quantity),
        unitAmount: dec(i.UnitAmount),
        taxRate: dec(AU_ORG.taxRates[i.TaxType]!.rate),
      })),
      'Exclusive',
    );
    expect(xero.total.toFixed(2)).toBe('110.00');
  });

  it('refuses more than 5 c of difference with both figures, and rounding without a rounding account', () => {
    const invoice = invoiceFixture({
      amountsAre: 'exclusive',
      lines: Array.from({ length: 20 }, () => ({
        description: 'Item',
        category: 'Services',
        quantity: '1',
        unitPrice: '0.0050',
        tax: { name: 'GST', ratePercent: '10' },
      })),
      total: '0.11',
    });
    const mapped = mapInvoice(invoice, ctx);
    expect(mapped).toMatchObject({ ok: false });
    if (!mapped.ok) {
      expect(mapped.reason).toContain('Xero would total it 0.20');
      expect(mapped.reason).toContain('the PMS total is 0.11');
    }
    const small = invoiceFixture({ total: '117.50' });
    const noAccount = mapInvoice(small, { ...ctx, settings: { ...AU_SETTINGS, rounding: null } });
    expect(noAccount).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no rounding account is set'),
    });
  });

  it('refuses a document dated inside the lock date, and another currency, before any call', () => {
    const locked = mapInvoice(invoiceFixture({ issueDate: '2026-06-30' }), ctx);
    expect(locked).toMatchObject({
      ok: false,
      reason: expect.stringContaining('lock date in Xero (2026-06-30)'),
    });
    const usd = mapInvoice(invoiceFixture({ currency: 'USD' }), ctx);
    expect(usd).toMatchObject({ ok: false, reason: expect.stringContaining('is in USD') });
  });

  it('tracks clinic and practitioner as options of Xero tracking categories, names the patient for a payer', () => {
    const mapped = mapInvoice(invoiceFixture(), {
      ...ctx,
      patientName: 'Jane Citizen',
      settings: {
        ...AU_SETTINGS,
        tracking: {
          clinic: { category: 'Location', options: { cbd: 'CBD' } },
          practitioner: { category: 'Practitioner', options: {} },
        },
      },
    });
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.value.payload.Reference).toBe('Dr Sam Lee · Patient: Jane Citizen');
    expect(mapped.value.payload.LineItems?.[0]?.Tracking).toEqual([
      { Name: 'Location', Option: 'CBD' },
      { Name: 'Practitioner', Option: 'Dr Sam Lee' },
    ]);
  });

  it('updates by InvoiceID without Type or Status unless asked', () => {
    const mapped = mapInvoice(invoiceFixture(), { ...ctx, invoiceId: 'abc' });
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.value.payload).toMatchObject({ InvoiceID: 'abc' });
    expect(mapped.value.payload).not.toHaveProperty('Type');
    expect(mapped.value.payload).not.toHaveProperty('Status');
  });
});

describe('credit note mapping', () => {
  it('is AUTHORISED, folds discounts into the price (Xero credit notes take none) and rounds to the PMS total', () => {
    const base = invoiceFixture();
    const mapped = mapCreditNote(
      {
        id: '7001',
        number: 'CN-12',
        date: '2026-11-05',
        patientId: '1001',
        invoiceId: '5001',
        clinic: base.clinic,
        amountsAre: 'inclusive',
        lines: [{ ...base.lines[1]!, quantity: '3', discountPercent: '15' }],
        total: '31.86',
      },
      {
        settings: AU_SETTINGS,
        org: AU_ORG,
        contactId: CONTACT,
        creditNoteNumber: 'CN-12',
        invoiceNumber: 'HS-1042',
      },
    );
    if (!mapped.ok) throw new Error(mapped.reason);
    const [line, rounding] = onTheWire(mapped.value.payload).LineItems ?? [];
    expect(mapped.value.payload).toMatchObject({
      Type: 'ACCRECCREDIT',
      Status: 'AUTHORISED',
      Reference: 'Credit for invoice HS-1042',
    });
    expect(line).toMatchObject({ Quantity: 3, UnitAmount: 10.6208 });
    expect(line).not.toHaveProperty('DiscountRate');
    // 3 × 10.6208 = 31.8624 → 31.86 in Xero: no rounding line needed.
    expect(rounding).toBeUndefined();
    expect(mapped.value.total.toFixed(2)).toBe('31.86');
  });
});
