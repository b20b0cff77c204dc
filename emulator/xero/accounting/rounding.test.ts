import { describe, expect, it } from 'vitest';
import { dec } from '../../../lib/money/decimal';
import type { TenantBooks } from './books';
import { computeLine, lineTax } from './rounding';
import { auInvoice, contactId, createInvoice, freshBooks, send, type Wire } from './test-support';

/** A 15% rate (like NZ GST) added to the AU books, to replay Xero's own rounding example. */
function withFifteenPercent(books: TenantBooks): TenantBooks {
  books.taxRates.push({
    Name: '15% Sales Tax',
    TaxType: 'TAX002',
    Status: 'ACTIVE',
    ReportTaxType: 'OUTPUT',
    CanApplyToAssets: true,
    CanApplyToEquity: true,
    CanApplyToExpenses: false,
    CanApplyToLiabilities: true,
    CanApplyToRevenue: true,
    DisplayTaxRate: '15.0000',
    EffectiveRate: '15.0000',
    TaxComponents: [{ Name: 'Sales Tax', Rate: '15.0000', IsCompound: false, IsNonRecoverable: false }],
  });
  return books;
}

const line = (over: Record<string, unknown>) => ({
  Description: 'Line',
  AccountCode: '200',
  TaxType: 'OUTPUT',
  ...over,
});

describe('per-line tax rounding (Xero "Rounding in Xero")', () => {
  it("reproduces Xero's 15% example: 3.76 + 3.84 + 3.84 = 11.44, not 76.30 × 15% = 11.45", () => {
    const { au } = freshBooks();
    withFifteenPercent(au);
    // Lines 25.04 + 25.63 + 25.63 = 76.30.
    //   25.04 × 0.15 = 3.756  → 3.76
    //   25.63 × 0.15 = 3.8445 → 3.84 (twice)
    //   sum of line taxes = 11.44; tax on the subtotal would be 76.30 × 0.15 = 11.445 → 11.45.
    const invoice = createInvoice(
      au,
      auInvoice(au, {
        LineItems: [
          line({ Quantity: 1, UnitAmount: 25.04, TaxType: 'TAX002' }),
          line({ Quantity: 1, UnitAmount: 25.63, TaxType: 'TAX002' }),
          line({ Quantity: 1, UnitAmount: 25.63, TaxType: 'TAX002' }),
        ],
      }),
    );
    expect(invoice.LineItems.map((l: Wire) => l.TaxAmount)).toEqual([3.76, 3.84, 3.84]);
    expect(invoice.SubTotal).toBe(76.3);
    expect(invoice.TotalTax).toBe(11.44);
    expect(invoice.Total).toBe(87.74); // 76.30 + 11.44
    expect(invoice.AmountDue).toBe(87.74);
  });

  it('rounds half away from zero (21.65 × 10% = 2.165 → 2.17)', () => {
    expect(lineTax(dec('21.65'), dec(10), 'Exclusive').toFixed(2)).toBe('2.17');
    expect(lineTax(dec('-21.65'), dec(10), 'Exclusive').toFixed(2)).toBe('-2.17');
    expect(lineTax(dec('21.64'), dec(10), 'Exclusive').toFixed(2)).toBe('2.16'); // 2.164 → 2.16
  });

  it('ignores a Total that disagrees with the lines (Xero ignores it)', () => {
    const { au } = freshBooks();
    // 2 × 50.00 = 100.00, GST 10.00, total 110.00 whatever the caller claims.
    const invoice = createInvoice(
      au,
      auInvoice(au, {
        Total: 999.99,
        SubTotal: 1,
        TotalTax: 0,
        LineItems: [line({ Quantity: 2, UnitAmount: 50 })],
      }),
    );
    expect([invoice.SubTotal, invoice.TotalTax, invoice.Total]).toEqual([100, 10, 110]);
  });
});

describe('unit amounts at 2 dp, or 4 dp with unitdp=4', () => {
  const fourDp = (au: TenantBooks) =>
    auInvoice(au, { LineItems: [line({ Quantity: 3, UnitAmount: 12.3456 })] });

  it('rounds UnitAmount to 2 dp first without unitdp=4', () => {
    const { au } = freshBooks();
    // 12.3456 → 12.35; 3 × 12.35 = 37.05; GST 3.705 → 3.71; total 40.76.
    const invoice = createInvoice(au, fourDp(au));
    expect(invoice.LineItems[0].UnitAmount).toBe(12.35);
    expect(invoice.LineItems[0].LineAmount).toBe(37.05);
    expect(invoice.LineItems[0].TaxAmount).toBe(3.71);
    expect(invoice.Total).toBe(40.76);
  });

  it('keeps 4 dp with unitdp=4, while line, tax and totals stay at 2 dp', () => {
    const { au } = freshBooks();
    // 3 × 12.3456 = 37.0368 → 37.04; GST 3.704 → 3.70; total 40.74 (2 cents below the 2 dp result).
    const invoice = createInvoice(au, fourDp(au), '?unitdp=4');
    expect(invoice.LineItems[0].UnitAmount).toBe(12.3456);
    expect(invoice.LineItems[0].LineAmount).toBe(37.04);
    expect(invoice.LineItems[0].TaxAmount).toBe(3.7);
    expect(invoice.Total).toBe(40.74);

    // Read back without unitdp=4: the unit amount is shown at 2 dp, the stored amounts do not move.
    const plain = send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0];
    expect(plain.LineItems[0].UnitAmount).toBe(12.35);
    expect(plain.LineItems[0].LineAmount).toBe(37.04);
    expect(plain.Total).toBe(40.74);
    const precise = send(au, 'GET', `/Invoices/${invoice.InvoiceID}?unitdp=4`).body.Invoices[0];
    expect(precise.LineItems[0].UnitAmount).toBe(12.3456);
  });

  it('rounds a 5 dp unit amount to 4 dp with unitdp=4 (12.34565 → 12.3457)', () => {
    const { au } = freshBooks();
    // 2 × 12.3457 = 24.6914 → 24.69; GST 2.469 → 2.47.
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ Quantity: 2, UnitAmount: 12.34565 })] }),
      '?unitdp=4',
    );
    expect(invoice.LineItems[0].UnitAmount).toBe(12.3457);
    expect(invoice.LineItems[0].LineAmount).toBe(24.69);
    expect(invoice.LineItems[0].TaxAmount).toBe(2.47);
  });

  it('rounds Quantity to 4 dp before multiplying', () => {
    const { au } = freshBooks();
    // 1.23455 → 1.2346; × 1000.00 = 1234.60 (unrounded it would be 1234.55); GST 123.46.
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ Quantity: 1.23455, UnitAmount: 1000 })] }),
    );
    expect(invoice.LineItems[0].Quantity).toBe(1.2346);
    expect(invoice.LineItems[0].LineAmount).toBe(1234.6);
    expect(invoice.LineItems[0].TaxAmount).toBe(123.46);
  });
});

describe('tax-inclusive lines', () => {
  it('backs the tax out of each line: 100.00 incl. 20% VAT = 83.33 + 16.67', () => {
    const { uk } = freshBooks();
    // net = round2(100 / 1.2) = round2(83.3333) = 83.33; tax = 100.00 − 83.33 = 16.67.
    const invoice = createInvoice(uk, {
      Type: 'ACCREC',
      Contact: { ContactID: contactId(uk, 'Walk-in patient') },
      Date: '2026-05-18',
      DueDate: '2026-05-18',
      Status: 'AUTHORISED',
      LineAmountTypes: 'Inclusive',
      LineItems: [
        {
          Description: 'Hearing aid battery pack',
          Quantity: 1,
          UnitAmount: 100,
          AccountCode: '201',
          TaxType: 'OUTPUT2',
        },
      ],
    });
    expect(invoice.LineItems[0].LineAmount).toBe(100);
    expect(invoice.LineItems[0].TaxAmount).toBe(16.67);
    expect([invoice.SubTotal, invoice.TotalTax, invoice.Total]).toEqual([83.33, 16.67, 100]);
  });

  it('backs tax out per line, so two 10.00 lines carry 3.34 of VAT where 20.00 at once would carry 3.33', () => {
    const { uk } = freshBooks();
    // Each line: net round2(10 / 1.2) = 8.33, tax 1.67 → TotalTax 3.34, SubTotal 16.66, Total 20.00.
    // Backing out of the total would give 20 − round2(16.6667) = 3.33.
    const invoice = createInvoice(uk, {
      Type: 'ACCREC',
      Contact: { ContactID: contactId(uk, 'Walk-in patient') },
      Date: '2026-05-18',
      DueDate: '2026-05-18',
      Status: 'AUTHORISED',
      LineAmountTypes: 'Inclusive',
      LineItems: [
        { Description: 'Batteries', Quantity: 1, UnitAmount: 10, AccountCode: '201', TaxType: 'OUTPUT2' },
        { Description: 'Cleaning kit', Quantity: 1, UnitAmount: 10, AccountCode: '201', TaxType: 'OUTPUT2' },
      ],
    });
    expect(invoice.LineItems.map((l: Wire) => l.TaxAmount)).toEqual([1.67, 1.67]);
    expect([invoice.SubTotal, invoice.TotalTax, invoice.Total]).toEqual([16.66, 3.34, 20]);
  });

  it('NoTax lines carry no tax whatever their tax type', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineAmountTypes: 'NoTax', LineItems: [line({ Quantity: 1, UnitAmount: 99.99 })] }),
    );
    expect([invoice.SubTotal, invoice.TotalTax, invoice.Total]).toEqual([99.99, 0, 99.99]);
  });
});

describe('discounts and derived amounts', () => {
  it('applies DiscountRate before rounding: 2 × 45.50 less 15% = 77.35', () => {
    const { au } = freshBooks();
    // 91.00 × 0.85 = 77.35; GST 7.735 → 7.74; total 85.09; discount 91.00 − 77.35 = 13.65.
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ Quantity: 2, UnitAmount: 45.5, DiscountRate: 15 })] }),
    );
    expect(invoice.LineItems[0].LineAmount).toBe(77.35);
    expect(invoice.LineItems[0].TaxAmount).toBe(7.74);
    expect(invoice.Total).toBe(85.09);
    expect(invoice.IsDiscounted).toBe(true);
    expect(invoice.TotalDiscount).toBe(13.65);
  });

  it('applies DiscountAmount as a flat reduction: 91.00 − 10.00 = 81.00', () => {
    const { au } = freshBooks();
    // GST 8.10; total 89.10.
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ Quantity: 2, UnitAmount: 45.5, DiscountAmount: 10 })] }),
    );
    expect(invoice.LineItems[0].LineAmount).toBe(81);
    expect(invoice.Total).toBe(89.1);
  });

  it('refuses a discount larger than the line', () => {
    const result = computeLine(
      { quantity: dec(1), unitAmount: dec(20), discountAmount: dec(25) },
      dec(10),
      'Exclusive',
      2,
    );
    expect(result).toEqual({
      ok: false,
      error: "The discount rate '25.00' is invalid. Discount must not be greater than the line total.",
    });
  });

  it('derives UnitAmount and Quantity from a LineAmount', () => {
    const onlyAmount = computeLine({ lineAmount: dec(80) }, dec(10), 'Exclusive', 2);
    expect(
      onlyAmount.ok && [onlyAmount.amounts.quantity?.toString(), onlyAmount.amounts.unitAmount?.toString()],
    ).toEqual(['1', '80']);
    // 4 × unit = 10.00 → unit 2.50.
    const withQuantity = computeLine({ quantity: dec(4), lineAmount: dec(10) }, dec(10), 'Exclusive', 2);
    expect(withQuantity.ok && withQuantity.amounts.unitAmount?.toFixed(2)).toBe('2.50');
  });

  it('refuses a LineAmount that disagrees with Quantity × UnitAmount, in Xero words', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Invoices', {
      Invoices: [auInvoice(au, { LineItems: [line({ Quantity: 2, UnitAmount: 22.75, LineAmount: 50 })] })],
    });
    expect(answer.status).toBe(400);
    // 2 × 22.75 = 45.50.
    expect(answer.body.Elements[0].ValidationErrors).toEqual([
      { Message: 'The line total 50.00 does not match the expected line total 45.50' },
    ]);
    expect(answer.body.Elements[0].LineItems[0].ValidationErrors).toEqual([
      { Message: 'The line total 50.00 does not match the expected line total 45.50' },
    ]);
  });

  it('lets the caller override a line TaxAmount (spec), but not beyond the line amount', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ Quantity: 1, UnitAmount: 100, TaxAmount: 9.99 })] }),
    );
    expect(invoice.TotalTax).toBe(9.99);
    expect(invoice.Total).toBe(109.99);
    const refused = computeLine(
      { quantity: dec(1), unitAmount: dec(5), taxAmount: dec(6) },
      dec(10),
      'Exclusive',
      2,
    );
    expect(refused.ok).toBe(false);
  });
});
