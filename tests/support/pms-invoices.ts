import Big from 'big.js';
import fc from 'fast-check';
import type { LineAmountTypes, TaxRateRecord, TenantBooks } from '../../emulator/xero/accounting/books';
import { type Decimal, dec, round, sum } from '../../emulator/xero/accounting/decimal';
import { computeLine, documentTotals, type LineInput } from '../../emulator/xero/accounting/rounding';
import { createSeedBooks } from '../../emulator/xero/accounting/seed';
import type { OrganisationFacts } from '../../lib/engine/mapping/organisation';
import type { Invoice, InvoiceLine } from '../../lib/records/schema';
import type { SyncSettings } from '../../lib/settings/sync-settings';
import { toWireJson } from '../../lib/xero/accounting/wire-json';
import { AU, UK, worldSettings } from './engine-world';

/**
 * Invoices as a practice-management system writes them, for the money property test: 4 dp unit
 * prices, quantities to 4 dp, discounts, rebate lines, inclusive and exclusive amounts and the
 * organisation's tax rates, with the total worked out the way most PMSs do it (the exact line
 * sum, rounded once to the cent) or another way that records validation accepts (`TotalRule`).
 *
 * Everything here that does arithmetic uses the EMULATOR's decimal and rounding code, never the
 * extension's: what Xero makes of a payload is the emulator's business, so a rounding mistake in
 * the engine cannot agree with itself.
 */

export interface PmsOrg {
  name: string;
  tenantId: string;
  clinic: { id: string; name: string };
  prefix: string;
  categories: string[];
  taxes: { name: string; ratePercent: string }[];
}

export const PMS_ORGS: PmsOrg[] = [
  {
    name: 'AU GST',
    tenantId: AU,
    clinic: { id: 'cbd', name: 'Harbourside CBD' },
    prefix: 'HS-',
    categories: ['Services', 'Products'],
    taxes: [
      { name: 'GST', ratePercent: '10' },
      { name: 'GST-free', ratePercent: '0' },
    ],
  },
  {
    name: 'UK VAT',
    tenantId: UK,
    clinic: { id: 'leeds', name: 'Clearsound Leeds' },
    prefix: 'CS-',
    categories: ['Services', 'Hearing aids', 'Products'],
    taxes: [
      { name: 'VAT 20%', ratePercent: '20' },
      { name: 'VAT 5%', ratePercent: '5' },
      { name: 'Exempt', ratePercent: '0' },
    ],
  },
];

/** The test world's settings, with the UK clinic's reduced rate (5 %) mapped as well. */
export function moneySettings(): SyncSettings {
  const settings = worldSettings();
  const leeds = settings.clinics.leeds!;
  return {
    ...settings,
    clinics: {
      ...settings.clinics,
      leeds: { ...leeds, taxRates: { ...leeds.taxRates, 'VAT 5%': 'RROUTPUT' } },
    },
  };
}

/** The seeded organisations, as the emulator holds them. */
export function seedBooks(tenantId: string): TenantBooks {
  const books = createSeedBooks(new Date('2026-11-01T00:00:00Z')).find((b) => b.tenantId === tenantId);
  if (!books) throw new Error(`no seeded organisation ${tenantId}`);
  return books;
}

/** What the engine would read from Xero's Organisation and TaxRates for a seeded organisation. */
export function seededFacts(tenantId: string): OrganisationFacts {
  const books = seedBooks(tenantId);
  return {
    tenantId,
    name: books.organisation.Name,
    shortCode: books.organisation.ShortCode ?? null,
    baseCurrency: books.organisation.BaseCurrency,
    lockDate: null,
    taxRates: Object.fromEntries(
      books.taxRates.map((r) => [
        r.TaxType,
        {
          name: r.Name,
          rate: dec(r.EffectiveRate).toFixed(4),
          active: r.Status === 'ACTIVE',
          canApplyToRevenue: r.CanApplyToRevenue,
        },
      ]),
    ),
  };
}

/** n ten-thousandths as a decimal string with 4 places ("12.4950", "-0.0001"). */
function fourDp(n: number): string {
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.floor(abs / 10_000)}.${String(abs % 10_000).padStart(4, '0')}`;
}
/** n hundredths with 2 places. */
const twoDp = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

/** Prices and quantities are drawn as whole ten-thousandths and written as 4 dp strings. */
const unitPrice = fc.oneof(
  // Price lists in whole cents …
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 50_000 }).map((cents) => cents * 100) },
  // … ex-tax prices worked back from a round inclusive price (12.4950) …
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 5_000_0000 }) },
  // … and the odd expensive item (a pair of hearing aids).
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000_0000 }) },
);

const quantity = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }).map((n) => n * 10_000) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 50_0000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((quarters) => quarters * 2500) },
);

type Discount = { discountPercent: string } | { discountAmount: string } | Record<string, never>;

/**
 * No discount, a percentage (≤ 2 dp), or an amount of at most the line's value in cents
 * (quantity × price rounded half up; both are positive and their product is a safe integer).
 */
function discountFor(qty: number, price: number): fc.Arbitrary<Discount> {
  const grossCents = Math.floor((qty * price + 500_000) / 1_000_000);
  const options: fc.WeightedArbitrary<Discount>[] = [
    { weight: 6, arbitrary: fc.constant({}) },
    {
      weight: 2,
      arbitrary: fc.integer({ min: 1, max: 10_000 }).map((d) => ({ discountPercent: twoDp(d) })),
    },
  ];
  if (grossCents >= 1) {
    options.push({
      weight: 2,
      arbitrary: fc.integer({ min: 1, max: grossCents }).map((c) => ({ discountAmount: twoDp(c) })),
    });
  }
  return fc.oneof(...options);
}

function chargeLine(org: PmsOrg): fc.Arbitrary<InvoiceLine> {
  return fc
    .record({
      quantity,
      unitPrice,
      category: fc.constantFrom(...org.categories),
      tax: fc.constantFrom(...org.taxes),
    })
    .chain((line) =>
      discountFor(line.quantity, line.unitPrice).map(
        (discount): InvoiceLine => ({
          description: 'Consultation',
          category: line.category,
          quantity: fourDp(line.quantity),
          unitPrice: fourDp(line.unitPrice),
          tax: line.tax,
          ...discount,
        }),
      ),
    );
}

/** A rebate or adjustment: a negative line, valid input as long as the invoice stays ≥ 0. */
function rebateLine(org: PmsOrg): fc.Arbitrary<InvoiceLine> {
  return fc
    .record({
      quantity: fc.integer({ min: 1, max: 3 }).map(String),
      unitPrice: fc.integer({ min: 1, max: 30_0000 }).map((n) => fourDp(-n)),
      category: fc.constantFrom(...org.categories),
      tax: fc.constantFrom(...org.taxes),
    })
    .map((line): InvoiceLine => ({ description: 'Loyalty rebate', ...line }));
}

/** Each line's exact value, tax included, with no rounding at all. */
export function exactLineValues(lines: readonly InvoiceLine[], amountsAre: Invoice['amountsAre']): Decimal[] {
  return lines.map((line) => {
    const gross = dec(line.quantity).times(dec(line.unitPrice));
    const net = line.discountPercent
      ? gross.times(dec(100).minus(dec(line.discountPercent))).div(100)
      : line.discountAmount
        ? gross.minus(dec(line.discountAmount))
        : gross;
    return amountsAre === 'inclusive' ? net : net.times(dec(100).plus(dec(line.tax.ratePercent)).div(100));
  });
}

/**
 * How the PMS arrives at its total. Most round the exact sum once; some round each line first;
 * and any total within 5 c of the lines is valid input (records validation), so some are nudged
 * by a few cents, some as far as the edge, where Xero's own rounding may take it past what a
 * rounding line may cover.
 */
export type TotalRule = 'rounded once' | 'rounded per line' | 'nudged' | 'at the edge';

export const PMS_TOTAL_TOLERANCE = dec('0.05');

function pmsTotal(values: readonly Decimal[], rule: TotalRule, nudgeCents: number): Decimal {
  const exact = sum(values);
  const once = round(exact, 2);
  const candidate =
    rule === 'rounded per line'
      ? sum(values.map((v) => round(v, 2)))
      : rule === 'nudged'
        ? once.plus(dec(nudgeCents).div(100))
        : rule === 'at the edge'
          ? // The cent furthest from the lines that is still within 5 c, on the nudge's side
            // (towards zero from above, away from zero from below).
            nudgeCents >= 0
            ? exact.plus(PMS_TOTAL_TOLERANCE).round(2, Big.roundDown)
            : exact.minus(PMS_TOTAL_TOLERANCE).round(2, Big.roundUp)
          : once;
  // A PMS total must be valid input: ≥ 0 and within 5 c of the lines; otherwise it rounds once.
  return candidate.gte(0) && candidate.minus(exact).abs().lte(PMS_TOTAL_TOLERANCE) ? candidate : once;
}

export interface PmsInvoice {
  org: PmsOrg;
  rule: TotalRule;
  invoice: Invoice;
}

/** A PMS invoice for one organisation: 1–6 lines mostly, sometimes a long one (up to 40). */
export function pmsInvoice(org: PmsOrg): fc.Arbitrary<PmsInvoice> {
  const lineCount = fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 1, max: 6 }) },
    { weight: 1, arbitrary: fc.integer({ min: 7, max: 40 }) },
  );
  const rule = fc.oneof(
    { weight: 7, arbitrary: fc.constant<TotalRule>('rounded once') },
    { weight: 1, arbitrary: fc.constant<TotalRule>('rounded per line') },
    { weight: 1, arbitrary: fc.constant<TotalRule>('nudged') },
    { weight: 1, arbitrary: fc.constant<TotalRule>('at the edge') },
  );
  return (
    fc
      .record({
        count: lineCount,
        amountsAre: fc.constantFrom<Invoice['amountsAre']>('inclusive', 'exclusive'),
        rule,
        nudgeCents: fc.integer({ min: -5, max: 5 }),
        serial: fc.integer({ min: 1, max: 999_999_999 }),
      })
      .chain((head) =>
        fc
          .array(
            fc.oneof({ weight: 7, arbitrary: chargeLine(org) }, { weight: 1, arbitrary: rebateLine(org) }),
            { minLength: head.count, maxLength: head.count },
          )
          .map((lines) => ({ ...head, lines, values: exactLineValues(lines, head.amountsAre) })),
      )
      // A rebate may not take the invoice below zero.
      .filter(({ values }) => sum(values).gte(0))
      .map(
        ({ lines, amountsAre, rule, nudgeCents, serial, values }): PmsInvoice => ({
          org,
          rule,
          invoice: {
            id: `P${serial}`,
            number: `P${serial}`,
            issueDate: '2026-11-02',
            patientId: '1',
            clinic: org.clinic,
            amountsAre,
            lines,
            total: pmsTotal(values, rule, nudgeCents).toFixed(2),
          },
        }),
      )
  );
}

/** The organisation's tax rate for a TaxType, as the emulator holds it. */
export function seededRate(books: TenantBooks, taxType: string): TaxRateRecord {
  const rate = books.taxRates.find((r) => r.TaxType === taxType);
  if (!rate) throw new Error(`no tax rate ${taxType} in ${books.organisation.Name}`);
  return rate;
}

const optional = (value: unknown): Decimal | undefined =>
  value === undefined || value === null ? undefined : dec(value as number | string);

/**
 * What Xero totals an invoice payload at: the payload goes through JSON as on the wire, and each
 * line through the emulator's rounding rules with the organisation's own tax rates (unitdp=4).
 */
export function xeroTotalOfPayload(books: TenantBooks, payload: object): Decimal {
  const wire = JSON.parse(toWireJson(payload)) as {
    LineAmountTypes?: LineAmountTypes;
    LineItems?: Record<string, unknown>[];
  };
  // Xero's default when a payload leaves LineAmountTypes out.
  const types = wire.LineAmountTypes ?? 'Exclusive';
  const lines = (wire.LineItems ?? []).map((item, index) => {
    const input: LineInput = {
      quantity: optional(item.Quantity),
      unitAmount: optional(item.UnitAmount),
      lineAmount: optional(item.LineAmount),
      discountRate: optional(item.DiscountRate),
      discountAmount: optional(item.DiscountAmount),
    };
    const rate = dec(seededRate(books, String(item.TaxType)).EffectiveRate);
    const line = computeLine(input, rate, types, 4);
    if (!line.ok) throw new Error(`Xero refuses line ${index + 1} of the payload: ${line.error}`);
    return line.amounts;
  });
  return documentTotals(lines, types).total;
}

/** What Xero would total the PMS lines at, sent as they are (no rounding line). */
export function xeroTotalOfLines(invoice: Invoice): Decimal {
  const types: LineAmountTypes = invoice.amountsAre === 'inclusive' ? 'Inclusive' : 'Exclusive';
  const lines = invoice.lines.map((line, index) => {
    const computed = computeLine(
      {
        quantity: dec(line.quantity),
        unitAmount: dec(line.unitPrice),
        discountRate: optional(line.discountPercent),
        discountAmount: optional(line.discountAmount),
      },
      dec(line.tax.ratePercent),
      types,
      4,
    );
    if (!computed.ok) throw new Error(`Xero refuses line ${index + 1}: ${computed.error}`);
    return computed.amounts;
  });
  return documentTotals(lines, types).total;
}
