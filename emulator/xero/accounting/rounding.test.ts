import { describe, expect, it } from 'vitest';
import type { TenantBooks } from './books';
import { dec } from './decimal';
import { computeLine, lineTax } from './rounding';
import {
  auInvoice,
  contactId,
  createInvoice,
  documentsOf,
  freshBooks,
  send,
  validationMessages,
  type Wire,
} from './test-support';

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

/** PUT one invoice, expect a refusal that changed nothing, and return Xero's messages. */
function refused(books: TenantBooks, invoice: Record<string, unknown>, query = ''): string[] {
  const before = documentsOf(books);
  const answer = send(books, 'PUT', `/Invoices${query}`, { Invoices: [invoice] });
  expect(answer.status).toBe(400);
  expect(answer.body.Type).toBe('ValidationException');
  expect(documentsOf(books)).toBe(before);
  return validationMessages(answer);
}

describe('a Quantity or UnitAmount derived from LineAmount must give the LineAmount back', () => {
  it('refuses Quantity 3 + LineAmount 10.00 at 2 dp (10 / 3 → 3.33, 3 × 3.33 = 9.99)', () => {
    const { au } = freshBooks();
    expect(refused(au, auInvoice(au, { LineItems: [line({ Quantity: 3, LineAmount: 10 })] }))).toEqual([
      'The line total 10.00 does not match the expected line total 9.99',
    ]);
  });

  it('accepts the same line with unitdp=4 (10 / 3 → 3.3333, 3 × 3.3333 = 9.9999 → 10.00)', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ Quantity: 3, LineAmount: 10 })] }),
      '?unitdp=4',
    );
    expect(invoice.LineItems[0]).toMatchObject({ Quantity: 3, UnitAmount: 3.3333, LineAmount: 10 });
  });

  it('derives a Quantity only when it gives the LineAmount back', () => {
    const { au } = freshBooks();
    // 10.00 / 3.00 = 3.3333…→ 3.3333 (4 dp); 3.3333 × 3.00 = 9.9999 → 10.00: consistent.
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ UnitAmount: 3, LineAmount: 10 })] }),
    );
    expect(invoice.LineItems[0]).toMatchObject({ Quantity: 3.3333, UnitAmount: 3, LineAmount: 10 });
    // 10.00 / 30000.00 = 0.000333… → 0.0003; 0.0003 × 30000.00 = 9.00 ≠ 10.00.
    expect(refused(au, auInvoice(au, { LineItems: [line({ UnitAmount: 30000, LineAmount: 10 })] }))).toEqual([
      'The line total 10.00 does not match the expected line total 9.00',
    ]);
  });
});

describe('a line with only a UnitAmount or only a Quantity', () => {
  it('goes through the discount checks after the defaults (Quantity 1 / UnitAmount 0)', () => {
    const { au } = freshBooks();
    // 1 × 20.00 = 20.00; a 25.00 discount would make the line −5.00.
    expect(refused(au, auInvoice(au, { LineItems: [line({ UnitAmount: 20, DiscountAmount: 25 })] }))).toEqual(
      ["The discount rate '25.00' is invalid. Discount must not be greater than the line total."],
    );
    // Quantity 2 and UnitAmount 0: any discount amount exceeds the 0.00 line.
    expect(refused(au, auInvoice(au, { LineItems: [line({ Quantity: 2, DiscountAmount: 1 })] }))).toEqual([
      "The discount rate '1.00' is invalid. Discount must not be greater than the line total.",
    ]);
    // 1 × 20.00 less 10% = 18.00; GST 1.80.
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ UnitAmount: 20, DiscountRate: 10 })] }),
    );
    expect(invoice.LineItems[0]).toMatchObject({ Quantity: 1, LineAmount: 18, TaxAmount: 1.8 });
    expect(invoice.TotalDiscount).toBe(2);
  });

  it('refuses negative discounts everywhere (they would raise the line)', () => {
    const { au } = freshBooks();
    const negativeAmount = "The discount amount '-5.00' is invalid. Discount must not be negative.";
    expect(refused(au, auInvoice(au, { LineItems: [line({ UnitAmount: 20, DiscountAmount: -5 })] }))).toEqual(
      [negativeAmount],
    );
    expect(
      refused(au, auInvoice(au, { LineItems: [line({ Quantity: 1, UnitAmount: 20, DiscountAmount: -5 })] })),
    ).toEqual([negativeAmount]);
    expect(refused(au, auInvoice(au, { LineItems: [line({ Quantity: 2, DiscountRate: -10 })] }))).toEqual([
      "The discount rate '-10.00' is invalid.",
    ]);
  });

  it('refuses a discount on a description-only line or one priced by LineAmount alone', () => {
    const { au } = freshBooks();
    const message = 'Quantity and UnitAmount must be specified when a discount is applied.';
    expect(
      refused(au, auInvoice(au, { Status: 'DRAFT', LineItems: [{ Description: 'Note', DiscountRate: 10 }] })),
    ).toEqual([message]);
    expect(refused(au, auInvoice(au, { LineItems: [line({ LineAmount: 20, DiscountRate: 10 })] }))).toEqual([
      message,
    ]);
  });
});

describe('amounts beyond 9,999,999,999.99', () => {
  it('refuses Quantity 1000000 × UnitAmount 99999999999 before anything is saved', () => {
    const { au } = freshBooks();
    expect(
      refused(au, auInvoice(au, { LineItems: [line({ Quantity: 1000000, UnitAmount: 99999999999 })] })),
    ).toEqual(['UnitAmount must not exceed 9,999,999,999.99 in absolute value.']);
    // 1000000 × 99999.00 = 99,999,000,000.00: the line is too large, whatever the unit amount.
    expect(
      refused(
        au,
        auInvoice(au, {
          LineItems: [line({ Quantity: 1000000, UnitAmount: 99999, TaxType: 'EXEMPTOUTPUT' })],
        }),
      ),
    ).toEqual(['The line total before discount must not exceed 9,999,999,999.99 in absolute value.']);
    expect(
      refused(au, auInvoice(au, { LineItems: [line({ Quantity: 10000000000000, UnitAmount: 0.01 })] })),
    ).toEqual(['Quantity must not exceed 9,999,999,999.99 in absolute value.']);
    expect(au.invoices).toHaveLength(0);
  });

  it('accepts a line of exactly 9,999,999,999.99 but not a document total above it', () => {
    const { au } = freshBooks();
    const big = (over: Record<string, unknown> = {}) =>
      line({ Quantity: 1, UnitAmount: 9999999999.99, TaxType: 'EXEMPTOUTPUT', ...over });
    const invoice = createInvoice(au, auInvoice(au, { LineItems: [big()] }));
    expect(invoice.Total).toBe(9999999999.99);
    // Two such lines: 19,999,999,999.98 (0% tax, so SubTotal = Total).
    expect(refused(au, auInvoice(au, { LineItems: [big(), big()] }))).toEqual([
      'The SubTotal of the invoice must not exceed 9,999,999,999.99 in absolute value.',
      'The Total of the invoice must not exceed 9,999,999,999.99 in absolute value.',
    ]);
    // With 10% GST the line fits but the tax takes the Total over: 9,999,999,999.99 + 1,000,000,000.00.
    expect(refused(au, auInvoice(au, { LineItems: [big({ TaxType: 'OUTPUT' })] }))).toEqual([
      'The Total of the invoice must not exceed 9,999,999,999.99 in absolute value.',
    ]);
  });

  it('applies the same bounds to credit notes', () => {
    const { au } = freshBooks();
    const before = documentsOf(au);
    const answer = send(au, 'PUT', '/CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { ContactID: contactId(au, 'Walk-in patient') },
          Date: '2026-05-19',
          Status: 'AUTHORISED',
          LineItems: [line({ Quantity: 1000000, UnitAmount: 99999999999 })],
        },
      ],
    });
    expect(answer.status).toBe(400);
    expect(validationMessages(answer)).toEqual([
      'UnitAmount must not exceed 9,999,999,999.99 in absolute value.',
    ]);
    expect(documentsOf(au)).toBe(before);
  });
});

describe('TaxAmount overrides where no tax applies', () => {
  it('refuses a non-zero override on a 0% rate, accepts 0', () => {
    const { au } = freshBooks();
    expect(
      refused(
        au,
        auInvoice(au, {
          LineItems: [line({ Quantity: 1, UnitAmount: 100, TaxType: 'EXEMPTOUTPUT', TaxAmount: 5 })],
        }),
      ),
    ).toEqual([
      'The tax amount 5.00 cannot be set on a line whose tax rate is 0%; send 0 or omit TaxAmount.',
    ]);
    const invoice = createInvoice(
      au,
      auInvoice(au, {
        LineItems: [line({ Quantity: 1, UnitAmount: 100, TaxType: 'EXEMPTOUTPUT', TaxAmount: 0 })],
      }),
    );
    expect([invoice.TotalTax, invoice.Total]).toEqual([0, 100]);
  });

  it('refuses a non-zero override on a NoTax document instead of ignoring it', () => {
    const { au } = freshBooks();
    expect(
      refused(
        au,
        auInvoice(au, {
          LineAmountTypes: 'NoTax',
          LineItems: [line({ Quantity: 1, UnitAmount: 100, TaxAmount: 10 })],
        }),
      ),
    ).toEqual(['The tax amount 10.00 cannot be set on a NoTax document; send 0 or omit TaxAmount.']);
  });
});

describe('tax-inclusive line with a discount at 4 dp', () => {
  it('3 × 12.3456 less 12.5% at 20% VAT: LineAmount 32.41, tax 5.40, SubTotal 27.01', () => {
    const { uk } = freshBooks();
    // By hand:
    //   gross    3 × 12.3456            = 37.0368            → 37.04 (for TotalDiscount)
    //   line     37.0368 × 87.5 / 100   = 32.4072            → 32.41 (discount before rounding)
    //   net      32.41 / 1.2            = 27.008333…          → 27.01
    //   tax      32.41 − 27.01          = 5.40
    //   totals   SubTotal 27.01, TotalTax 5.40, Total 32.41; TotalDiscount 37.04 − 32.41 = 4.63.
    // (Without unitdp=4: 12.35 × 3 = 37.05 × 0.875 = 32.41875 → 32.42.)
    const invoice = createInvoice(
      uk,
      {
        Type: 'ACCREC',
        Contact: { ContactID: contactId(uk, 'Walk-in patient') },
        Date: '2026-05-18',
        DueDate: '2026-05-18',
        Status: 'AUTHORISED',
        LineAmountTypes: 'Inclusive',
        LineItems: [
          {
            Description: 'Filters',
            Quantity: 3,
            UnitAmount: 12.3456,
            DiscountRate: 12.5,
            AccountCode: '201',
            TaxType: 'OUTPUT2',
          },
        ],
      },
      '?unitdp=4',
    );
    expect(invoice.LineItems[0]).toMatchObject({
      UnitAmount: 12.3456,
      DiscountRate: 12.5,
      LineAmount: 32.41,
      TaxAmount: 5.4,
    });
    expect([invoice.SubTotal, invoice.TotalTax, invoice.Total]).toEqual([27.01, 5.4, 32.41]);
    expect(invoice.TotalDiscount).toBe(4.63);
  });
});
