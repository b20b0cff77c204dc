import { describe, expect, it } from 'vitest';
import type { TenantBooks } from './books';
import { auInvoice, contactId, createInvoice, freshBooks, send, type Wire } from './test-support';

/**
 * The look-ups a sync engine makes to find what already exists before it writes: many documents
 * per call by number, id or payment reference, paged, with everything it needs to compare.
 */

const q = (where: string) => encodeURIComponent(where);

function contacts(books: TenantBooks, numbers: string[]): void {
  const answer = send(books, 'PUT', '/Contacts', {
    Contacts: numbers.map((n) => ({ Name: `Patient ${n}`, ContactNumber: n })),
  });
  if (answer.status !== 200) throw new Error(answer.text);
}

function pay(books: TenantBooks, invoiceId: string, amount: number, reference?: string): Wire {
  const answer = send(books, 'PUT', '/Payments', {
    Payments: [
      {
        Invoice: { InvoiceID: invoiceId },
        Account: { Code: '090' },
        Date: '2026-05-19',
        Amount: amount,
        ...(reference === undefined ? {} : { Reference: reference }),
      },
    ],
  });
  if (answer.status !== 200) throw new Error(answer.text);
  return answer.body.Payments[0];
}

function creditNote(books: TenantBooks, number: string, amount = 20): Wire {
  const answer = send(books, 'PUT', '/CreditNotes', {
    CreditNotes: [
      {
        Type: 'ACCRECCREDIT',
        CreditNoteNumber: number,
        Contact: { ContactID: contactId(books, 'Walk-in patient') },
        Date: '2026-05-19',
        Status: 'AUTHORISED',
        LineItems: [
          {
            Description: 'Refund',
            Quantity: 1,
            UnitAmount: amount,
            AccountCode: '210',
            TaxType: 'EXEMPTOUTPUT',
            Tracking: [{ Name: 'Practitioner', Option: 'Jo Rivers' }],
          },
        ],
      },
    ],
  });
  if (answer.status !== 200) throw new Error(answer.text);
  return answer.body.CreditNotes[0];
}

describe('contacts by many ContactNumbers', () => {
  it('where=ContactNumber=="a" OR ContactNumber=="b" (also ||), archived included with includeArchived, paged', () => {
    const { au } = freshBooks();
    contacts(au, ['PMS-1', 'PMS-2', 'PMS-3']);
    const or = q('ContactNumber=="PMS-1" OR ContactNumber=="PMS-3" OR ContactNumber=="PMS-0009"');
    const numbers = (query: string) =>
      send(au, 'GET', `/Contacts?${query}`)
        .body.Contacts.map((c: Wire) => c.ContactNumber)
        .sort();
    expect(numbers(`where=${or}&page=1`)).toEqual(['PMS-1', 'PMS-3']);
    expect(numbers(`where=${or}&includeArchived=true&page=1`)).toEqual(['PMS-0009', 'PMS-1', 'PMS-3']);
    const pipes = q('ContactNumber=="PMS-1"||ContactNumber=="PMS-2"');
    expect(numbers(`where=${pipes}`)).toEqual(['PMS-1', 'PMS-2']);
    const page = send(au, 'GET', `/Contacts?where=${or}&includeArchived=true&page=1&pageSize=2`).body;
    expect(page.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, itemCount: 3 });
    expect(page.Contacts).toHaveLength(2);
    // where's string equality is ordinal: the engine sends numbers as it stored them.
    expect(numbers(`where=${q('ContactNumber=="pms-1"')}`)).toEqual([]);
  });

  it('IDs=a,b (archived ones too with includeArchived)', () => {
    const { au } = freshBooks();
    const ids = [contactId(au, 'HCF Health Fund'), contactId(au, 'Margaret Chen (moved away)')];
    const found = (query: string) => send(au, 'GET', `/Contacts?IDs=${ids.join(',')}${query}`).body.Contacts;
    expect(found('').map((c: Wire) => c.Name)).toEqual(['HCF Health Fund']);
    expect(
      found('&includeArchived=true')
        .map((c: Wire) => c.Name)
        .sort(),
    ).toEqual(['HCF Health Fund', 'Margaret Chen (moved away)']);
  });
});

describe('invoices by many numbers or ids, paged', () => {
  function setup() {
    const { au } = freshBooks();
    const a = createInvoice(
      au,
      auInvoice(au, {
        InvoiceNumber: 'PMS-A',
        LineItems: [
          {
            Description: 'Consultation',
            Quantity: 1,
            UnitAmount: 85.1234,
            AccountCode: '210',
            TaxType: 'EXEMPTOUTPUT',
            Tracking: [
              { Name: 'Location', Option: 'Harbourside' },
              { Name: 'Practitioner', Option: 'Alice Nguyen' },
            ],
          },
        ],
      }),
      '?unitdp=4',
    );
    const b = createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-B' }));
    createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-C' }));
    const payment = pay(au, a.InvoiceID, 10, 'pms-pay-1');
    const unreferenced = pay(au, a.InvoiceID, 5);
    const credit = creditNote(au, 'PMS-CN-1');
    send(au, 'PUT', `/CreditNotes/${credit.CreditNoteID}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: b.InvoiceID }, Amount: 20, Date: '2026-05-19' }],
    });
    return { au, a, b, payment, unreferenced, credit };
  }

  it('InvoiceNumbers=a,b&page=1&unitdp=4 carries everything needed to compare', () => {
    const { au, a, b, payment, unreferenced, credit } = setup();
    const answer = send(
      au,
      'GET',
      '/Invoices?InvoiceNumbers=PMS-A,PMS-B&page=1&unitdp=4&order=InvoiceNumber',
    ).body;
    expect(answer.pagination).toEqual({ page: 1, pageSize: 100, pageCount: 1, itemCount: 2 });
    const [first, second] = answer.Invoices;
    expect(first).toMatchObject({
      InvoiceID: a.InvoiceID,
      InvoiceNumber: 'PMS-A',
      Status: 'AUTHORISED',
      Total: 85.12,
      AmountPaid: 15,
      AmountCredited: 0,
      AmountDue: 70.12,
    });
    expect(first.LineItems).toHaveLength(1);
    expect(first.LineItems[0]).toMatchObject({
      LineItemID: a.LineItems[0].LineItemID,
      UnitAmount: 85.1234,
      LineAmount: 85.12,
      Tracking: [
        { Name: 'Location', Option: 'Harbourside' },
        { Name: 'Practitioner', Option: 'Alice Nguyen' },
      ],
    });
    expect(first.LineItems[0].Tracking[0].TrackingCategoryID).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.LineItems[0].Tracking[0].TrackingOptionID).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.Payments).toEqual([
      expect.objectContaining({
        PaymentID: payment.PaymentID,
        Date: `/Date(${Date.UTC(2026, 4, 19)}+0000)/`,
        Amount: 10,
        Reference: 'pms-pay-1',
      }),
      expect.objectContaining({ PaymentID: unreferenced.PaymentID, Amount: 5, Reference: '' }),
    ]);
    expect(second).toMatchObject({
      InvoiceID: b.InvoiceID,
      Status: 'AUTHORISED',
      AmountPaid: 0,
      AmountCredited: 20,
      AmountDue: 100,
      CreditNotes: [
        expect.objectContaining({
          CreditNoteID: credit.CreditNoteID,
          CreditNoteNumber: 'PMS-CN-1',
          AppliedAmount: 20,
        }),
      ],
    });
  });

  it('IDs=a,b pages the same way; without page the list is summarised (no LineItems)', () => {
    const { au, a, b } = setup();
    const paged = send(au, 'GET', `/Invoices?IDs=${a.InvoiceID},${b.InvoiceID}&page=1`).body;
    expect(paged.Invoices.map((i: Wire) => i.InvoiceNumber).sort()).toEqual(['PMS-A', 'PMS-B']);
    expect(paged.Invoices.every((i: Wire) => i.LineItems.length === 1)).toBe(true);
    // Without unitdp=4 a page shows unit amounts at 2 dp.
    const pagedA = paged.Invoices.find((i: Wire) => i.InvoiceID === a.InvoiceID);
    expect(pagedA.LineItems[0].UnitAmount).toBe(85.12);
    const summary = send(au, 'GET', `/Invoices?IDs=${a.InvoiceID},${b.InvoiceID}`).body;
    expect(summary.pagination).toBeUndefined();
    expect(summary.Invoices.every((i: Wire) => i.LineItems.length === 0)).toBe(true);
  });

  it('a page past the end is empty, with the counts', () => {
    const { au } = setup();
    const answer = send(au, 'GET', '/Invoices?InvoiceNumbers=PMS-A,PMS-B&page=2').body;
    expect(answer.Invoices).toEqual([]);
    expect(answer.pagination).toEqual({ page: 2, pageSize: 100, pageCount: 1, itemCount: 2 });
  });

  it('credit notes by where=CreditNoteNumber=="a" OR …&page=1, with lines, tracking and allocation ids', () => {
    const { au, b, credit } = setup();
    creditNote(au, 'PMS-CN-2', 5);
    creditNote(au, 'PMS-CN-3', 6);
    const where = q('CreditNoteNumber=="PMS-CN-1" OR CreditNoteNumber=="PMS-CN-3"');
    const answer = send(au, 'GET', `/CreditNotes?where=${where}&page=1&order=CreditNoteNumber`).body;
    expect(answer.pagination.itemCount).toBe(2);
    const [first, third] = answer.CreditNotes;
    expect(first).toMatchObject({
      CreditNoteID: credit.CreditNoteID,
      CreditNoteNumber: 'PMS-CN-1',
      Status: 'PAID',
      Total: 20,
      RemainingCredit: 0,
      AppliedAmount: 20,
      Allocations: [
        expect.objectContaining({
          Amount: 20,
          Date: `/Date(${Date.UTC(2026, 4, 19)}+0000)/`,
          Invoice: expect.objectContaining({ InvoiceID: b.InvoiceID, InvoiceNumber: 'PMS-B' }),
        }),
      ],
    });
    expect(first.Allocations[0].AllocationID).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.LineItems[0].Tracking).toEqual([
      expect.objectContaining({ Name: 'Practitioner', Option: 'Jo Rivers' }),
    ]);
    expect(third).toMatchObject({ CreditNoteNumber: 'PMS-CN-3', Status: 'AUTHORISED', RemainingCredit: 6 });
  });
});

describe('payments by reference or by invoice', () => {
  function setup() {
    const { au } = freshBooks();
    const a = createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-A' }));
    const b = createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-B' }));
    const p1 = pay(au, a.InvoiceID, 10, 'cliniko:pay-1');
    const p2 = pay(au, b.InvoiceID, 11, 'cliniko:pay-2');
    const p3 = pay(au, a.InvoiceID, 12, 'cliniko:pay-3');
    return { au, a, b, p1, p2, p3 };
  }
  const ids = (books: TenantBooks, query: string) =>
    send(books, 'GET', `/Payments?${query}`)
      .body.Payments.map((p: Wire) => p.PaymentID)
      .sort();

  it('where=Reference=="x" OR Reference=="y"', () => {
    const { au, p1, p2 } = setup();
    expect(ids(au, `where=${q('Reference=="cliniko:pay-1" OR Reference=="cliniko:pay-2"')}`)).toEqual(
      [p1.PaymentID, p2.PaymentID].sort(),
    );
  });

  it('where=Reference.Contains("x")', () => {
    const { au, p1, p2, p3 } = setup();
    expect(ids(au, `where=${q('Reference.Contains("cliniko:")')}`)).toEqual(
      [p1.PaymentID, p2.PaymentID, p3.PaymentID].sort(),
    );
    expect(ids(au, `where=${q('Reference.Contains("pay-3")')}`)).toEqual([p3.PaymentID]);
  });

  it('where=Invoice.InvoiceID==Guid("…"), deleted payments included with their Status', () => {
    const { au, a, p1, p3 } = setup();
    send(au, 'POST', `/Payments/${p3.PaymentID}`, { Status: 'DELETED' });
    const answer = send(
      au,
      'GET',
      `/Payments?where=${q(`Invoice.InvoiceID==Guid("${a.InvoiceID}")`)}&page=1`,
    ).body;
    expect(answer.Payments.map((p: Wire) => [p.PaymentID, p.Status, p.Reference, p.Amount])).toEqual(
      expect.arrayContaining([
        [p1.PaymentID, 'AUTHORISED', 'cliniko:pay-1', 10],
        [p3.PaymentID, 'DELETED', 'cliniko:pay-3', 12],
      ]),
    );
    expect(answer.Payments).toHaveLength(2);
    expect(answer.pagination.itemCount).toBe(2);
    // Combined: the live payments of one invoice that carry a reference.
    const live = `Invoice.InvoiceID==Guid("${a.InvoiceID}") AND Status=="AUTHORISED" AND Reference.StartsWith("cliniko:")`;
    expect(ids(au, `where=${q(live)}`)).toEqual([p1.PaymentID]);
  });

  it('a Guid field compares only with Guid("…"), as in Xero', () => {
    const { au, a } = setup();
    const answer = send(au, 'GET', `/Payments?where=${q(`Invoice.InvoiceID=="${a.InvoiceID}"`)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.Type).toBe('QueryParseException');
  });
});
