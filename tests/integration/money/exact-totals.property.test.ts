import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec } from '../../../emulator/xero/accounting/decimal';
import { startXeroEmulator, type XeroEmulator } from '../../../emulator/xero/server';
import { api, control } from '../../../emulator/xero/test-support/harness';
import { mapInvoice } from '../../../lib/engine/mapping/documents';
import { validateRecords } from '../../../lib/records/validate';
import { settingsForClinic } from '../../../lib/settings/sync-settings';
import { toWireJson } from '../../../lib/xero/accounting/wire-json';
import { records, scriptToken } from '../../support/engine-world';
import {
  moneySettings,
  PMS_ORGS,
  type PmsOrg,
  pmsInvoice,
  seedBooks,
  seededFacts,
  xeroTotalOfLines,
  xeroTotalOfPayload,
} from '../../support/pms-invoices';

/**
 * Exact totals (issue 5, §3 and §10): whatever a PMS bills, the invoice in Xero totals what the
 * PMS says, to the cent, once the engine's rounding line is in. What Xero makes of a payload is
 * computed by the emulator's own rounding code, not the engine's.
 */

/** Per organisation; 2 × 6,000 = 12,000 invoices in all. */
const RUNS = 6_000;
const CONTACT_ID = '0d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d';
const LIMIT = dec('0.05');

/** What the engine maps an invoice of this organisation with: the clinic's settings and Xero's facts. */
function contextFor(org: PmsOrg) {
  return {
    settings: settingsForClinic(moneySettings(), org.clinic.id),
    org: seededFacts(org.tenantId),
    contactId: CONTACT_ID,
    status: 'AUTHORISED' as const,
  };
}

describe.each(PMS_ORGS)('exact totals in the $name organisation', (org) => {
  const books = seedBooks(org.tenantId);
  const ctx = contextFor(org);

  it(`Xero totals each of ${RUNS} random invoices at the PMS total to the cent, or the engine refuses it with both figures`, () => {
    const seen = {
      nudged: 0,
      perLine: 0,
      edge: 0,
      mapped: 0,
      withRounding: 0,
      refused: 0,
      inclusive: 0,
      exclusive: 0,
      rebates: 0,
      discounts: 0,
    };
    fc.assert(
      fc.property(pmsInvoice(org), ({ invoice, rule }) => {
        // The generator writes invoices as a PMS would: the records format takes every one of them.
        const validation = validateRecords(records({ invoices: [invoice] }));
        expect(validation.errors, 'records validation').toEqual([]);

        const pms = dec(invoice.total);
        const asSent = xeroTotalOfLines(invoice);
        const mapped = mapInvoice(invoice, { ...ctx, invoiceNumber: `${org.prefix}${invoice.number}` });
        if (mapped.ok) {
          const xero = xeroTotalOfPayload(books, mapped.value.payload);
          expect(xero.toFixed(2), "Xero's total of the payload").toBe(invoice.total);
          // The rounding line covers exactly the gap Xero leaves, and never more than 5 c.
          const rounding = (mapped.value.payload.LineItems ?? []).filter((l) => l.Description === 'Rounding');
          expect(rounding.length, 'rounding lines').toBe(asSent.eq(pms) ? 0 : 1);
          expect(mapped.value.rounding.toString(), 'the rounding line').toBe(pms.minus(asSent).toString());
          expect(pms.minus(asSent).abs().lte(LIMIT), 'a rounding line of at most 5 c').toBe(true);
          seen.mapped++;
          if (rounding.length > 0) seen.withRounding++;
        } else {
          // Refused only because Xero's own total is more than 5 c from the PMS total, saying both.
          expect(asSent.minus(pms).abs().gt(LIMIT), `refused: ${mapped.reason}`).toBe(true);
          expect(mapped.reason).toContain(`Xero would total it ${asSent.toFixed(2)}`);
          expect(mapped.reason).toContain(`the PMS total is ${invoice.total}`);
          seen.refused++;
        }
        seen[invoice.amountsAre]++;
        if (rule === 'nudged') seen.nudged++;
        if (rule === 'rounded per line') seen.perLine++;
        if (rule === 'at the edge') seen.edge++;
        if (invoice.lines.some((l) => l.unitPrice.startsWith('-'))) seen.rebates++;
        if (invoice.lines.some((l) => l.discountPercent || l.discountAmount)) seen.discounts++;
      }),
      { numRuns: RUNS },
    );
    // Every kind of case actually came up (a generator that drifted would make this test vacuous).
    expect(seen.mapped + seen.refused).toBe(RUNS);
    expect(seen.withRounding).toBeGreaterThan(RUNS / 10);
    expect(seen.refused).toBeGreaterThan(RUNS / 1000);
    expect(seen.nudged + seen.perLine + seen.edge).toBeGreaterThan(RUNS / 5);
    expect(seen.inclusive).toBeGreaterThan(RUNS / 4);
    expect(seen.exclusive).toBeGreaterThan(RUNS / 4);
    expect(seen.rebates).toBeGreaterThan(RUNS / 10);
    expect(seen.discounts).toBeGreaterThan(RUNS / 4);
  }, 60_000);
});

describe('exact totals against a running emulator', () => {
  let xero: XeroEmulator;
  let token: string;
  beforeAll(async () => {
    xero = await startXeroEmulator({ port: 0 });
    token = await scriptToken(xero);
    const limits = await control(xero, 'limits', { perMinute: 100_000, perDay: 1_000_000 });
    expect(limits.status).toBe(200);
  });
  afterAll(async () => {
    await xero.close();
  });

  const SAMPLE = 250;
  const BATCH = 50;

  it.each(PMS_ORGS)(
    `Xero saves ${SAMPLE} random invoices in the $name organisation at the PMS totals`,
    async (org) => {
      const seed = Math.floor(Math.random() * 2 ** 31);
      const sample = fc.sample(pmsInvoice(org), { numRuns: SAMPLE, seed });
      const ctx = contextFor(org);
      const sent: { number: string; total: string }[] = [];
      const payloads = sample.flatMap(({ invoice }, i) => {
        const number = `${org.prefix}PT-${seed}-${i}`;
        const mapped = mapInvoice(invoice, { ...ctx, invoiceNumber: number });
        if (!mapped.ok) return [];
        sent.push({ number, total: invoice.total });
        return [{ ...mapped.value.payload, Contact: { Name: 'Property test' } }];
      });
      expect(payloads.length, `seed ${seed}`).toBeGreaterThan(SAMPLE * 0.9);

      for (let start = 0; start < payloads.length; start += BATCH) {
        const batch = payloads.slice(start, start + BATCH);
        const response = await api(xero, 'Invoices?summarizeErrors=false&unitdp=4', {
          token,
          tenantId: org.tenantId,
          method: 'PUT',
          body: toWireJson({ Invoices: batch }),
        });
        expect(response.status, `seed ${seed}`).toBe(200);
        const body = (await response.json()) as {
          Invoices: {
            InvoiceNumber: string;
            Total: number;
            StatusAttributeString: string;
            ValidationErrors?: unknown;
          }[];
        };
        expect(body.Invoices).toHaveLength(batch.length);
        for (const [j, saved] of body.Invoices.entries()) {
          const expected = sent[start + j]!;
          expect(
            {
              number: saved.InvoiceNumber,
              status: saved.StatusAttributeString,
              total: dec(saved.Total).toFixed(2),
            },
            `seed ${seed}: ${JSON.stringify(saved.ValidationErrors ?? [])}`,
          ).toEqual({ number: expected.number, status: 'OK', total: expected.total });
        }
      }

      // And the books say so too.
      const saved = xero.state.books.get(org.tenantId)!.invoices;
      for (const { number, total } of sent) {
        expect(saved.find((i) => i.InvoiceNumber === number)?.Total, `seed ${seed}: ${number}`).toBe(total);
      }
    },
  );
});
