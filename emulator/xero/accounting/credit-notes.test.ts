import { describe, expect, it } from 'vitest';
import type { TenantBooks } from './books';
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
import { ZERO_GUID } from './wire';

function auCreditNote(books: TenantBooks, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'ACCRECCREDIT',
    Contact: { ContactID: contactId(books, 'Walk-in patient') },
    Date: '2026-05-19',
    Status: 'AUTHORISED',
    LineAmountTypes: 'Exclusive',
    // 40.00 + 10% GST = 44.00
    LineItems: [
      {
        Description: 'Refund: brace returned',
        Quantity: 1,
        UnitAmount: 40,
        AccountCode: '220',
        TaxType: 'OUTPUT',
      },
    ],
    ...over,
  };
}

function createCreditNote(books: TenantBooks, over: Record<string, unknown> = {}): Wire {
  const answer = send(books, 'PUT', '/CreditNotes', { CreditNotes: [auCreditNote(books, over)] });
  if (answer.status !== 200) throw new Error(answer.text);
  return answer.body.CreditNotes[0];
}

/** An AUTHORISED invoice for 110.00 (100.00 + 10% GST) and an AUTHORISED credit note for 44.00. */
function setup() {
  const { au, uk } = freshBooks();
  const invoice = createInvoice(
    au,
    auInvoice(au, {
      LineItems: [
        { Description: 'Brace', Quantity: 1, UnitAmount: 100, AccountCode: '220', TaxType: 'OUTPUT' },
      ],
    }),
  );
  const creditNote = createCreditNote(au);
  return { au, uk, invoice, creditNote };
}

const allocate = (
  books: TenantBooks,
  creditNoteId: string,
  allocation: Record<string, unknown>,
  query = '',
) => send(books, 'PUT', `/CreditNotes/${creditNoteId}/Allocations${query}`, { Allocations: [allocation] });

function refusedAllocation(
  books: TenantBooks,
  creditNoteId: string,
  allocation: Record<string, unknown>,
): string[] {
  const before = documentsOf(books);
  const answer = allocate(books, creditNoteId, allocation);
  expect(answer.status).toBe(400);
  expect(documentsOf(books)).toBe(before);
  return validationMessages(answer);
}

describe('credit notes', () => {
  it('creates ACCRECCREDIT with an auto number and RemainingCredit = Total', () => {
    const { au } = freshBooks();
    const creditNote = createCreditNote(au);
    expect(creditNote).toMatchObject({
      Type: 'ACCRECCREDIT',
      CreditNoteNumber: 'CN-0001',
      Status: 'AUTHORISED',
      SubTotal: 40,
      TotalTax: 4,
      Total: 44,
      RemainingCredit: 44,
      Allocations: [],
      StatusAttributeString: 'OK',
    });
    expect(createCreditNote(au).CreditNoteNumber).toBe('CN-0002');
  });

  it('refuses a repeated CreditNoteNumber: "Credit Note # must be unique."', () => {
    const { au } = freshBooks();
    createCreditNote(au, { CreditNoteNumber: 'CR-7' });
    const answer = send(au, 'PUT', '/CreditNotes?summarizeErrors=false', {
      CreditNotes: [auCreditNote(au, { CreditNoteNumber: 'CR-7' })],
    });
    expect(answer.body.CreditNotes[0]).toMatchObject({
      CreditNoteID: ZERO_GUID,
      StatusAttributeString: 'ERROR',
      ValidationErrors: [{ Message: 'Credit Note # must be unique.' }],
    });
    expect(au.creditNotes).toHaveLength(1);
  });

  it('creates a new bare contact from a Name that matches none, like invoices', () => {
    const { au } = freshBooks();
    const creditNote = createCreditNote(au, { Contact: { Name: 'Refund Only Patient' } });
    const contact = au.contacts.find((c) => c.ContactID === creditNote.Contact.ContactID);
    expect(contact).toMatchObject({ Name: 'Refund Only Patient', ContactStatus: 'ACTIVE' });
    const refused = send(au, 'PUT', '/CreditNotes', {
      CreditNotes: [auCreditNote(au, { Contact: { ContactNumber: 'NOPE-1', Name: 'Someone Else' } })],
    });
    expect(validationMessages(refused)).toEqual([
      "The contact with ContactNumber 'NOPE-1' could not be found.",
    ]);
    expect(au.contacts.some((c) => c.Name === 'Someone Else')).toBe(false);
  });

  it('does not support discounts', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/CreditNotes', {
      CreditNotes: [
        auCreditNote(au, {
          LineItems: [
            {
              Description: 'x',
              Quantity: 1,
              UnitAmount: 40,
              AccountCode: '220',
              TaxType: 'OUTPUT',
              DiscountRate: 10,
            },
          ],
        }),
      ],
    });
    expect(validationMessages(answer)).toEqual(['Discounts are not supported on credit notes.']);
  });

  it('reads by id, by number, with unitdp=4, and lists with where', () => {
    const { au } = freshBooks();
    const creditNote = createCreditNote(au, {
      LineItems: [
        { Description: 'x', Quantity: 2, UnitAmount: 10.1234, AccountCode: '220', TaxType: 'OUTPUT' },
      ],
    });
    // Without unitdp=4 the unit amount was rounded on the way in: 10.12 × 2 = 20.24.
    expect(creditNote.LineItems[0].UnitAmount).toBe(10.12);
    expect(send(au, 'GET', '/CreditNotes/CN-0001').body.CreditNotes[0].CreditNoteID).toBe(
      creditNote.CreditNoteID,
    );
    // The same lines again, still without unitdp=4: rounded the same way.
    const againWithoutUnitdp = createCreditNote(au, {
      LineItems: [
        { Description: 'x', Quantity: 2, UnitAmount: 10.1234, AccountCode: '220', TaxType: 'OUTPUT' },
      ],
    });
    expect(againWithoutUnitdp.SubTotal).toBe(20.24);
    const viaQuery = send(au, 'PUT', '/CreditNotes?unitdp=4', {
      CreditNotes: [
        auCreditNote(au, {
          LineItems: [
            { Description: 'x', Quantity: 2, UnitAmount: 10.1234, AccountCode: '220', TaxType: 'OUTPUT' },
          ],
        }),
      ],
    }).body.CreditNotes[0];
    // 2 × 10.1234 = 20.2468 → 20.25.
    expect(viaQuery.LineItems[0].UnitAmount).toBe(10.1234);
    expect(viaQuery.SubTotal).toBe(20.25);
    const id = viaQuery.CreditNoteID;
    expect(send(au, 'GET', `/CreditNotes/${id}?unitdp=4`).body.CreditNotes[0].LineItems[0].UnitAmount).toBe(
      10.1234,
    );
    // SubTotals are 20.24, 20.24 and 20.25: only the unitdp=4 one is above 20.24.
    const where = encodeURIComponent('SubTotal > 20.24 && Type == "ACCRECCREDIT"');
    expect(
      send(au, 'GET', `/CreditNotes?where=${where}`).body.CreditNotes.map((c: Wire) => c.CreditNoteID),
    ).toEqual([id]);
    expect(send(au, 'GET', '/CreditNotes?page=1').body.pagination.itemCount).toBe(3);
  });

  it('voids an unallocated AUTHORISED credit note and deletes a DRAFT one', () => {
    const { au } = freshBooks();
    const authorised = createCreditNote(au);
    const draft = createCreditNote(au, { Status: 'DRAFT' });
    const voided = send(au, 'POST', `/CreditNotes/${authorised.CreditNoteID}`, {
      CreditNotes: [{ Status: 'VOIDED' }],
    });
    expect(voided.body.CreditNotes[0]).toMatchObject({ Status: 'VOIDED', RemainingCredit: 0 });
    const deleted = send(au, 'POST', `/CreditNotes/${draft.CreditNoteID}`, {
      CreditNotes: [{ Status: 'DELETED' }],
    });
    expect(deleted.body.CreditNotes[0].Status).toBe('DELETED');
  });
});

describe('allocating a credit note to an invoice', () => {
  it('reduces the invoice AmountDue and the RemainingCredit', () => {
    const { au, invoice, creditNote } = setup();
    const answer = allocate(au, creditNote.CreditNoteID, {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Amount: 20,
      Date: '2026-05-20',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Allocations[0]).toMatchObject({
      Amount: 20,
      Date: `/Date(${Date.UTC(2026, 4, 20)}+0000)/`,
      Invoice: { InvoiceID: invoice.InvoiceID },
      CreditNote: { CreditNoteID: creditNote.CreditNoteID },
      StatusAttributeString: 'OK',
    });
    // Invoice 110.00 − 20.00 = 90.00 due; credit 44.00 − 20.00 = 24.00 left.
    const inv = send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0];
    expect(inv).toMatchObject({ AmountCredited: 20, AmountDue: 90, Status: 'AUTHORISED' });
    expect(inv.CreditNotes).toEqual([
      expect.objectContaining({ CreditNoteID: creditNote.CreditNoteID, AppliedAmount: 20, Total: 44 }),
    ]);
    const cn = send(au, 'GET', `/CreditNotes/${creditNote.CreditNoteID}`).body.CreditNotes[0];
    expect(cn).toMatchObject({ RemainingCredit: 24, AppliedAmount: 20, Status: 'AUTHORISED' });
    expect(cn.Allocations).toHaveLength(1);
  });

  it('marks the credit note PAID once fully allocated, and the invoice PAID once fully credited', () => {
    const { au, invoice, creditNote } = setup();
    allocate(au, creditNote.CreditNoteID, {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Amount: 44,
      Date: '2026-05-20',
    });
    expect(send(au, 'GET', `/CreditNotes/${creditNote.CreditNoteID}`).body.CreditNotes[0]).toMatchObject({
      Status: 'PAID',
      RemainingCredit: 0,
    });
    // Remaining 66.00 on the invoice is covered by a second credit note for 66.00 (60.00 + 6.00 GST).
    const second = createCreditNote(au, {
      LineItems: [
        { Description: 'Goodwill', Quantity: 1, UnitAmount: 60, AccountCode: '220', TaxType: 'OUTPUT' },
      ],
    });
    expect(second.Total).toBe(66);
    allocate(au, second.CreditNoteID, {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Amount: 66,
      Date: '2026-05-21',
    });
    const inv = send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0];
    expect(inv).toMatchObject({ Status: 'PAID', AmountDue: 0, AmountCredited: 110 });
    expect(inv.FullyPaidOnDate).toBe(`/Date(${Date.UTC(2026, 4, 21)}+0000)/`);
  });

  it('refuses more than the remaining credit or the amount outstanding', () => {
    const { au, invoice, creditNote } = setup();
    const message = 'Credit Note cannot be allocated as amount is greater than amount outstanding';
    expect(
      refusedAllocation(au, creditNote.CreditNoteID, {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Amount: 44.01,
        Date: '2026-05-20',
      }),
    ).toEqual([message]);
    // A 200.00 credit note against the 110.00 invoice: 110.01 exceeds the invoice's AmountDue.
    const big = createCreditNote(au, {
      LineItems: [
        { Description: 'Big', Quantity: 1, UnitAmount: 200, AccountCode: '220', TaxType: 'BASEXCLUDED' },
      ],
    });
    expect(
      refusedAllocation(au, big.CreditNoteID, {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Amount: 110.01,
        Date: '2026-05-20',
      }),
    ).toEqual([message]);
  });

  it('refuses a paid-off invoice, a draft invoice, another contact, and a bill', () => {
    const { au, invoice, creditNote } = setup();
    send(au, 'PUT', '/Payments', {
      Payments: [
        {
          Invoice: { InvoiceID: invoice.InvoiceID },
          Account: { Code: '090' },
          Date: '2026-05-19',
          Amount: 110,
        },
      ],
    });
    expect(
      refusedAllocation(au, creditNote.CreditNoteID, {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Amount: 1,
        Date: '2026-05-20',
      }),
    ).toEqual([
      // A paid-off invoice owes nothing, so both of Xero's messages apply (xeroizer#320).
      'The invoice you are trying to allocate to has already been paid off',
      'Credit Note cannot be allocated as amount is greater than amount outstanding',
    ]);
    const draft = createInvoice(au, auInvoice(au, { Status: 'DRAFT' }));
    expect(
      refusedAllocation(au, creditNote.CreditNoteID, {
        Invoice: { InvoiceID: draft.InvoiceID },
        Amount: 1,
        Date: '2026-05-20',
      }),
    ).toEqual(['Credit notes can only be allocated to AUTHORISED invoices.']);
    const otherContact = createInvoice(au, auInvoice(au, { Contact: { ContactNumber: 'FUND-HCF' } }));
    expect(
      refusedAllocation(au, creditNote.CreditNoteID, {
        Invoice: { InvoiceID: otherContact.InvoiceID },
        Amount: 1,
        Date: '2026-05-20',
      }),
    ).toEqual(['The credit note and the invoice must belong to the same contact.']);
    const bill = createInvoice(
      au,
      auInvoice(au, {
        Type: 'ACCPAY',
        LineItems: [
          { Description: 'Stock', Quantity: 1, UnitAmount: 10, AccountCode: '453', TaxType: 'INPUT' },
        ],
      }),
    );
    expect(
      refusedAllocation(au, creditNote.CreditNoteID, {
        Invoice: { InvoiceID: bill.InvoiceID },
        Amount: 1,
        Date: '2026-05-20',
      }),
    ).toEqual(['Credit Note cannot be allocated to an incorrect invoice type.']);
  });

  it('refuses allocating a DRAFT credit note, a zero amount and a missing Date', () => {
    const { au, invoice } = setup();
    const draft = createCreditNote(au, { Status: 'DRAFT' });
    expect(
      refusedAllocation(au, draft.CreditNoteID, {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Amount: 1,
        Date: '2026-05-20',
      }),
    ).toEqual(['Only AUTHORISED credit notes can be allocated.']);
    const { au: other, invoice: inv2, creditNote: cn2 } = setup();
    expect(
      refusedAllocation(other, cn2.CreditNoteID, { Invoice: { InvoiceID: inv2.InvoiceID }, Amount: 0 }),
    ).toEqual(['Date is required.', 'The allocation amount must be greater than zero.']);
  });

  it('blocks voiding and editing the allocated documents', () => {
    const { au, invoice, creditNote } = setup();
    allocate(au, creditNote.CreditNoteID, {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Amount: 10,
      Date: '2026-05-20',
    });
    const voidInvoice = send(au, 'POST', `/Invoices/${invoice.InvoiceID}`, {
      Invoices: [{ Status: 'VOIDED' }],
    });
    expect(validationMessages(voidInvoice)).toEqual([
      'The status VOIDED cannot be applied to the invoice because it has payments or credit notes allocated to it.',
    ]);
    const voidCredit = send(au, 'POST', `/CreditNotes/${creditNote.CreditNoteID}`, {
      CreditNotes: [{ Status: 'VOIDED' }],
    });
    expect(validationMessages(voidCredit)).toEqual([
      'The status VOIDED cannot be applied to the credit note because it has payments or allocations against it.',
    ]);
    const edit = send(au, 'POST', `/CreditNotes/${creditNote.CreditNoteID}`, {
      CreditNotes: [{ Reference: 'new' }],
    });
    expect(validationMessages(edit)).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
  });

  it('un-allocates with DELETE …/Allocations/{id}: returns the allocation with IsDeleted and reverses it', () => {
    const { au, invoice, creditNote } = setup();
    allocate(au, creditNote.CreditNoteID, {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Amount: 44,
      Date: '2026-05-20',
    });
    // The allocation's id comes from the credit note (the PUT answer does not carry it).
    const allocation = send(au, 'GET', `/CreditNotes/${creditNote.CreditNoteID}`).body.CreditNotes[0]
      .Allocations[0];
    const answer = send(
      au,
      'DELETE',
      `/CreditNotes/${creditNote.CreditNoteID}/Allocations/${allocation.AllocationID}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ AllocationID: allocation.AllocationID, Amount: 44, IsDeleted: true });
    expect(send(au, 'GET', `/CreditNotes/${creditNote.CreditNoteID}`).body.CreditNotes[0]).toMatchObject({
      Status: 'AUTHORISED',
      RemainingCredit: 44,
      Allocations: [],
    });
    expect(send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0]).toMatchObject({
      AmountDue: 110,
      AmountCredited: 0,
    });
    // Now it may be voided.
    expect(
      send(au, 'POST', `/CreditNotes/${creditNote.CreditNoteID}`, { CreditNotes: [{ Status: 'VOIDED' }] })
        .status,
    ).toBe(200);
    expect(
      send(au, 'DELETE', `/CreditNotes/${creditNote.CreditNoteID}/Allocations/${allocation.AllocationID}`)
        .status,
    ).toBe(404);
  });

  it('answers the PUT without an AllocationID (as the spec example); GET /CreditNotes/{id} has it', () => {
    const { au, invoice, creditNote } = setup();
    const answer = allocate(au, creditNote.CreditNoteID, {
      Invoice: { InvoiceID: invoice.InvoiceID },
      Amount: 20,
      Date: '2026-05-20',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Allocations[0].AllocationID).toBeUndefined();
    // How the extension finds the id: the credit note's Allocations, matched by invoice, amount, date.
    const read = send(au, 'GET', `/CreditNotes/${creditNote.CreditNoteID}`).body.CreditNotes[0];
    const found = read.Allocations.find(
      (a: Wire) => a.Invoice.InvoiceID === invoice.InvoiceID && a.Amount === 20,
    );
    expect(found.AllocationID).toMatch(/^[0-9a-f-]{36}$/);
    expect(found.Date).toBe(`/Date(${Date.UTC(2026, 4, 20)}+0000)/`);
    const deleted = send(
      au,
      'DELETE',
      `/CreditNotes/${creditNote.CreditNoteID}/Allocations/${found.AllocationID}`,
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ AllocationID: found.AllocationID, IsDeleted: true });
  });

  it('refuses an Amount with more than 2 decimal places instead of rounding it', () => {
    const { au, invoice, creditNote } = setup();
    expect(
      refusedAllocation(au, creditNote.CreditNoteID, {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Amount: 10.005,
        Date: '2026-05-20',
      }),
    ).toEqual(['The allocation Amount must not have more than 2 decimal places.']);
  });

  it('refuses an allocation dated before the credit note or the invoice', () => {
    const { au, invoice, creditNote } = setup();
    // The invoice is dated 2026-05-18, the credit note 2026-05-19.
    expect(
      refusedAllocation(au, creditNote.CreditNoteID, {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Amount: 10,
        Date: '2026-05-18',
      }),
    ).toEqual(['The allocation date 2026-05-18 cannot be earlier than the credit note date 2026-05-19.']);
    const early = createCreditNote(au, { Date: '2026-05-01' });
    expect(
      refusedAllocation(au, early.CreditNoteID, {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Amount: 10,
        Date: '2026-05-17',
      }),
    ).toEqual(['The allocation date 2026-05-17 cannot be earlier than the invoice date 2026-05-18.']);
  });

  it('allocates by InvoiceNumber to the sales invoice when a bill has the same number', () => {
    const { au, creditNote } = setup();
    // A bill numbered like the sales invoice (bill numbers need not be unique)...
    const bill = createInvoice(
      au,
      auInvoice(au, {
        Type: 'ACCPAY',
        InvoiceNumber: 'INV-0001',
        LineItems: [
          { Description: 'Stock', Quantity: 1, UnitAmount: 10, AccountCode: '453', TaxType: 'INPUT' },
        ],
      }),
    );
    // ...moved to the front of the books, where a first-match look-up would pick it.
    au.invoices.unshift(...au.invoices.splice(-1, 1));
    expect(au.invoices[0]?.InvoiceID).toBe(bill.InvoiceID);
    const answer = allocate(au, creditNote.CreditNoteID, {
      Invoice: { InvoiceNumber: 'inv-0001' },
      Amount: 10,
      Date: '2026-05-20',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Allocations[0].Invoice).toMatchObject({ Type: 'ACCREC', InvoiceNumber: 'INV-0001' });
  });

  it('finds a credit note by number case-insensitively', () => {
    const { au, creditNote } = setup();
    expect(send(au, 'GET', '/CreditNotes/cn-0001').body.CreditNotes[0].CreditNoteID).toBe(
      creditNote.CreditNoteID,
    );
  });

  it('answers 404 for an unknown or foreign credit note', () => {
    const { au, uk, invoice, creditNote } = setup();
    expect(
      allocate(uk, creditNote.CreditNoteID, {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Amount: 1,
        Date: '2026-05-20',
      }).status,
    ).toBe(404);
    expect(send(au, 'GET', '/CreditNotes/CN-9999').status).toBe(404);
  });
});

describe('credit-note refunds (payments against a credit note)', () => {
  it('refunds part of the credit as an ARCREDITPAYMENT, then all of it → PAID', () => {
    const { au, creditNote } = setup();
    const refund = (amount: number) =>
      send(au, 'PUT', '/Payments', {
        Payments: [
          {
            CreditNote: { CreditNoteID: creditNote.CreditNoteID },
            Account: { Code: '090' },
            Date: '2026-05-20',
            Amount: amount,
          },
        ],
      });
    const first = refund(4);
    expect(first.body.Payments[0]).toMatchObject({ PaymentType: 'ARCREDITPAYMENT', Amount: 4 });
    expect(first.body.Payments[0].CreditNote.CreditNoteID).toBe(creditNote.CreditNoteID);
    // 44.00 − 4.00 = 40.00 left; refunding 40.01 is too much.
    expect(validationMessages(refund(40.01))).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
    ]);
    refund(40);
    const cn = send(au, 'GET', `/CreditNotes/${creditNote.CreditNoteID}`).body.CreditNotes[0];
    expect(cn).toMatchObject({ Status: 'PAID', RemainingCredit: 0 });
    expect(cn.Payments.map((p: Wire) => p.Amount)).toEqual([4, 40]);
  });
});
