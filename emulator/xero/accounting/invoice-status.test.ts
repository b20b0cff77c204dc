import { describe, expect, it } from 'vitest';
import type { TenantBooks } from './books';
import {
  auInvoice,
  contactId,
  createInvoice,
  documentsOf,
  freshBooks,
  NOW,
  send,
  validationMessages,
  type Wire,
} from './test-support';

/** POST /Invoices/{id} with a partial invoice. */
const update = (books: TenantBooks, id: string, changes: Record<string, unknown>, query = '') =>
  send(books, 'POST', `/Invoices/${id}${query}`, { Invoices: [changes] });

const status = (books: TenantBooks, id: string, to: string) => update(books, id, { Status: to });

function pay(books: TenantBooks, invoiceId: string, amount: number, date = '2026-05-19'): Wire {
  const answer = send(books, 'PUT', '/Payments', {
    Payments: [{ Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Date: date, Amount: amount }],
  });
  expect(answer.status).toBe(200);
  return answer.body.Payments[0];
}

function refusedUpdate(books: TenantBooks, id: string, changes: Record<string, unknown>): string[] {
  const before = documentsOf(books);
  const answer = update(books, id, changes);
  expect(answer.status).toBe(400);
  expect(documentsOf(books)).toBe(before);
  return validationMessages(answer);
}

describe('status transitions (reference §5.4)', () => {
  it('moves DRAFT ↔ SUBMITTED → AUTHORISED', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au, { Status: 'DRAFT' }));
    expect(status(au, id, 'SUBMITTED').body.Invoices[0].Status).toBe('SUBMITTED');
    expect(status(au, id, 'DRAFT').body.Invoices[0].Status).toBe('DRAFT');
    expect(status(au, id, 'AUTHORISED').body.Invoices[0].Status).toBe('AUTHORISED');
  });

  it('deletes DRAFT and SUBMITTED invoices; DELETED is final', () => {
    const { au } = freshBooks();
    const draft = createInvoice(au, auInvoice(au, { Status: 'DRAFT' }));
    const submitted = createInvoice(au, auInvoice(au, { Status: 'SUBMITTED' }));
    const deleted = status(au, draft.InvoiceID, 'DELETED').body.Invoices[0];
    expect(deleted.Status).toBe('DELETED');
    expect(deleted.AmountDue).toBe(0);
    expect(status(au, submitted.InvoiceID, 'DELETED').body.Invoices[0].Status).toBe('DELETED');
    expect(refusedUpdate(au, draft.InvoiceID, { Status: 'DRAFT' })).toEqual([
      'Invoice not of valid status for modification',
    ]);
    expect(refusedUpdate(au, draft.InvoiceID, { Reference: 'edit' })).toEqual([
      'Invoice not of valid status for modification',
    ]);
  });

  it('voids an AUTHORISED invoice without payments; VOIDED is final', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    const voided = status(au, id, 'VOIDED').body.Invoices[0];
    expect(voided.Status).toBe('VOIDED');
    expect(voided.AmountDue).toBe(0);
    expect(refusedUpdate(au, id, { Status: 'AUTHORISED' })).toEqual([
      'Invoice not of valid status for modification',
    ]);
  });

  it('refuses AUTHORISED → DRAFT, SUBMITTED or DELETED, and DRAFT → VOIDED', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    for (const to of ['DRAFT', 'SUBMITTED', 'DELETED']) {
      expect(refusedUpdate(au, id, { Status: to })).toEqual(['Invoice not of valid status for modification']);
    }
    const draft = createInvoice(au, auInvoice(au, { Status: 'DRAFT' }));
    expect(refusedUpdate(au, draft.InvoiceID, { Status: 'VOIDED' })).toEqual([
      'Invoice not of valid status for modification',
    ]);
  });

  it('never lets the caller set PAID, nor create VOIDED or DELETED invoices', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    expect(refusedUpdate(au, id, { Status: 'PAID' })).toEqual([
      'Invoice not of valid status for modification',
    ]);
    for (const s of ['PAID', 'VOIDED', 'DELETED']) {
      const answer = send(au, 'PUT', '/Invoices', { Invoices: [auInvoice(au, { Status: s })] });
      expect(validationMessages(answer)).toEqual(['Invoice not of valid status for creation']);
    }
    expect(au.invoices).toHaveLength(1);
  });

  it('edits an AUTHORISED invoice that has nothing applied to it', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    const edited = update(au, id, {
      LineItems: [
        {
          Description: 'Long consult',
          Quantity: 1,
          UnitAmount: 150,
          AccountCode: '210',
          TaxType: 'EXEMPTOUTPUT',
        },
      ],
    });
    expect(edited.body.Invoices[0].Total).toBe(150);
  });

  it('marks a zero-total invoice PAID as soon as it is approved', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(
      au,
      auInvoice(au, {
        LineItems: [
          {
            Description: 'No-charge review',
            Quantity: 1,
            UnitAmount: 0,
            AccountCode: '210',
            TaxType: 'EXEMPTOUTPUT',
          },
        ],
      }),
    );
    expect(invoice.Status).toBe('PAID');
    expect(invoice.FullyPaidOnDate).toBe(invoice.Date);
  });
});

describe('documents with payments applied', () => {
  it('goes PAID when the payments reach the total, with FullyPaidOnDate', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    pay(au, id, 20, '2026-05-19');
    let invoice = send(au, 'GET', `/Invoices/${id}`).body.Invoices[0];
    expect(invoice).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 20, AmountDue: 100 });
    pay(au, id, 100, '2026-05-21');
    invoice = send(au, 'GET', `/Invoices/${id}`).body.Invoices[0];
    expect(invoice).toMatchObject({ Status: 'PAID', AmountPaid: 120, AmountDue: 0 });
    expect(invoice.FullyPaidOnDate).toBe(`/Date(${Date.UTC(2026, 4, 21)}+0000)/`);
    expect(invoice.Payments.map((p: Wire) => p.Amount)).toEqual([20, 100]);
  });

  it('refuses voiding with "payments or credit notes allocated to it"', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    pay(au, id, 20);
    expect(refusedUpdate(au, id, { Status: 'VOIDED' })).toEqual([
      'The status VOIDED cannot be applied to the invoice because it has payments or credit notes allocated to it.',
    ]);
  });

  it('refuses content edits once a payment is applied', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    pay(au, id, 20);
    const message = 'This document cannot be edited as it has a payment or credit note allocated to it.';
    expect(refusedUpdate(au, id, { Reference: 'changed' })).toEqual([message]);
    expect(refusedUpdate(au, id, { Date: '2026-05-19' })).toEqual([message]);
    expect(
      refusedUpdate(au, id, {
        LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '210' }],
      }),
    ).toEqual([message]);
  });

  it('still accepts total-neutral changes (SentToContact) and a status-only resend on a paid invoice', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    pay(au, id, 120);
    const sent = update(au, id, { SentToContact: true });
    expect(sent.status).toBe(200);
    expect(sent.body.Invoices[0]).toMatchObject({ SentToContact: true, Status: 'PAID' });
    expect(refusedUpdate(au, id, { Status: 'AUTHORISED' })).toEqual([
      'The status AUTHORISED cannot be applied to the invoice because it has payments or credit notes allocated to it.',
    ]);
  });

  it('returns to AUTHORISED when the payment is deleted, and can then be voided', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    const payment = pay(au, id, 120);
    expect(send(au, 'POST', `/Payments/${payment.PaymentID}`, { Status: 'DELETED' }).status).toBe(200);
    const invoice = send(au, 'GET', `/Invoices/${id}`).body.Invoices[0];
    expect(invoice).toMatchObject({ Status: 'AUTHORISED', AmountDue: 120, AmountPaid: 0, Payments: [] });
    expect(invoice.FullyPaidOnDate).toBeUndefined();
    expect(status(au, id, 'VOIDED').body.Invoices[0].Status).toBe('VOIDED');
  });
});

describe('total-neutral changes and identical resends on part-paid or paid invoices', () => {
  const consult = {
    Description: 'Initial consultation',
    Quantity: 1,
    UnitAmount: 120,
    AccountCode: '210',
    TaxType: 'EXEMPTOUTPUT',
  };
  const later = (minutes: number) => ({ now: new Date(NOW.getTime() + minutes * 60_000) });

  it('changes DueDate and SentToContact on a part-paid invoice without bumping UpdatedDateUTC (reference §4)', () => {
    const { au } = freshBooks();
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    pay(au, id, 20);
    const stamped = send(au, 'GET', `/Invoices/${id}`).body.Invoices[0].UpdatedDateUTC;
    const moved = send(au, 'POST', `/Invoices/${id}`, { Invoices: [{ DueDate: '2026-07-01' }] }, later(5));
    expect(moved.status).toBe(200);
    expect(moved.body.Invoices[0]).toMatchObject({
      DueDateString: '2026-07-01T00:00:00',
      AmountDue: 100,
      UpdatedDateUTC: stamped,
    });
    const sent = send(au, 'POST', `/Invoices/${id}`, { Invoices: [{ SentToContact: true }] }, later(10));
    expect(sent.body.Invoices[0]).toMatchObject({ SentToContact: true, UpdatedDateUTC: stamped });
    // If-Modified-Since does not see these changes, as in Xero.
    const since = send(au, 'GET', '/Invoices', undefined, {
      headers: { 'if-modified-since': new Date(NOW.getTime() + 60_000).toISOString() },
    });
    expect(since.body.Invoices).toEqual([]);
  });

  it('accepts the same lines resent at the other unitdp ("120.00" vs "120.0000")', () => {
    const { au } = freshBooks();
    // Written with unitdp=4 (stored 120.0000), resent without it (120.00): the same amount.
    const fourDp = createInvoice(au, auInvoice(au), '?unitdp=4');
    pay(au, fourDp.InvoiceID, 20);
    const resent = update(au, fourDp.InvoiceID, {
      LineItems: [{ ...consult, LineItemID: fourDp.LineItems[0].LineItemID }],
    });
    expect(resent.status).toBe(200);
    expect(resent.body.Invoices[0]).toMatchObject({ Total: 120, AmountDue: 100 });
    // And the other way round.
    const twoDp = createInvoice(au, auInvoice(au));
    pay(au, twoDp.InvoiceID, 20);
    const resent4 = update(
      au,
      twoDp.InvoiceID,
      { LineItems: [{ ...consult, LineItemID: twoDp.LineItems[0].LineItemID }] },
      '?unitdp=4',
    );
    expect(resent4.status).toBe(200);
    // A real change is still refused.
    expect(refusedUpdate(au, twoDp.InvoiceID, { LineItems: [{ ...consult, UnitAmount: 120.01 }] })).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
  });

  it('keeps the stored lines and their LineItemIDs when identical lines come without LineItemID', () => {
    const { au } = freshBooks();
    const created = createInvoice(au, auInvoice(au));
    pay(au, created.InvoiceID, 120); // PAID
    const resent = update(au, created.InvoiceID, { LineItems: [consult] }, '?unitdp=4');
    expect(resent.status).toBe(200);
    expect(resent.body.Invoices[0].Status).toBe('PAID');
    expect(resent.body.Invoices[0].LineItems.map((l: Wire) => l.LineItemID)).toEqual([
      created.LineItems[0].LineItemID,
    ]);
    expect(send(au, 'GET', `/Invoices/${created.InvoiceID}`).body.Invoices[0].LineItems[0].LineItemID).toBe(
      created.LineItems[0].LineItemID,
    );
  });
});

describe('an invoice paid partly by payment and partly by credit note', () => {
  it('restores AmountDue when the allocation is deleted', () => {
    const { au } = freshBooks();
    // Invoice 120.00 (GST-free); credit note 44.00 (40.00 + 10% GST).
    const { InvoiceID: id } = createInvoice(au, auInvoice(au));
    const creditNote = send(au, 'PUT', '/CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { ContactID: contactId(au, 'Walk-in patient') },
          Date: '2026-05-18',
          Status: 'AUTHORISED',
          LineItems: [
            { Description: 'Refund', Quantity: 1, UnitAmount: 40, AccountCode: '220', TaxType: 'OUTPUT' },
          ],
        },
      ],
    }).body.CreditNotes[0];
    pay(au, id, 76, '2026-05-19');
    const allocated = send(au, 'PUT', `/CreditNotes/${creditNote.CreditNoteID}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: id }, Amount: 44, Date: '2026-05-20' }],
    });
    expect(allocated.status).toBe(200);
    // 120.00 − 76.00 − 44.00 = 0.00 → PAID on the allocation's date.
    expect(send(au, 'GET', `/Invoices/${id}`).body.Invoices[0]).toMatchObject({
      Status: 'PAID',
      AmountPaid: 76,
      AmountCredited: 44,
      AmountDue: 0,
      FullyPaidOnDate: `/Date(${Date.UTC(2026, 4, 20)}+0000)/`,
    });
    const allocationId = send(au, 'GET', `/CreditNotes/${creditNote.CreditNoteID}`).body.CreditNotes[0]
      .Allocations[0].AllocationID;
    const deleted = send(au, 'DELETE', `/CreditNotes/${creditNote.CreditNoteID}/Allocations/${allocationId}`);
    expect(deleted.status).toBe(200);
    // Only the payment is left: 120.00 − 76.00 = 44.00 due, back to AUTHORISED.
    const invoice = send(au, 'GET', `/Invoices/${id}`).body.Invoices[0];
    expect(invoice).toMatchObject({
      Status: 'AUTHORISED',
      AmountPaid: 76,
      AmountCredited: 0,
      AmountDue: 44,
      CreditNotes: [],
    });
    expect(invoice.FullyPaidOnDate).toBeUndefined();
    expect(invoice.Payments.map((p: Wire) => p.Amount)).toEqual([76]);
    expect(send(au, 'GET', `/CreditNotes/${creditNote.CreditNoteID}`).body.CreditNotes[0]).toMatchObject({
      Status: 'AUTHORISED',
      RemainingCredit: 44,
    });
  });
});

describe('re-saving without unitdp=4 (reference §5.3 pitfall)', () => {
  it('re-rounds 4 dp unit amounts to 2 dp when an update omits unitdp=4', () => {
    const { au } = freshBooks();
    // 3 × 12.3456 = 37.0368 → 37.04, +10% GST 3.70 → 40.74.
    const created = createInvoice(
      au,
      auInvoice(au, {
        LineItems: [
          { Description: 'Tape', Quantity: 3, UnitAmount: 12.3456, AccountCode: '220', TaxType: 'OUTPUT' },
        ],
      }),
      '?unitdp=4',
    );
    expect(created.Total).toBe(40.74);
    // With unitdp=4 the lines survive a reference change.
    expect(update(au, created.InvoiceID, { Reference: 'a' }, '?unitdp=4').body.Invoices[0].Total).toBe(40.74);
    // Without it, 12.3456 becomes 12.35: 3 × 12.35 = 37.05, GST 3.705 → 3.71, total 40.76.
    const resaved = update(au, created.InvoiceID, { Reference: 'b' }).body.Invoices[0];
    expect(resaved.LineItems[0].UnitAmount).toBe(12.35);
    expect(resaved.Total).toBe(40.76);
  });

  it('recomputes every line when LineAmountTypes changes', () => {
    const { au } = freshBooks();
    // Exclusive 110.00 at 10% → 11.00 tax, 121.00; Inclusive → tax 110 − round2(100) = 10.00, total 110.00.
    const created = createInvoice(
      au,
      auInvoice(au, {
        LineItems: [
          { Description: 'Brace', Quantity: 1, UnitAmount: 110, AccountCode: '220', TaxType: 'OUTPUT' },
        ],
      }),
    );
    expect(created.Total).toBe(121);
    const inclusive = update(au, created.InvoiceID, { LineAmountTypes: 'Inclusive' }).body.Invoices[0];
    expect([inclusive.SubTotal, inclusive.TotalTax, inclusive.Total]).toEqual([100, 10, 110]);
  });
});
