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

/**
 * Undoing what a sync engine pushed: payment deletion, allocation deletion, credit-note void and
 * delete, invoice void and delete — each also behind a lock date. (The happy paths of most of these
 * are in payments / credit-notes / invoice-status tests; these pin the rest.)
 */

const LOCKED =
  "The date must be after the organisation's lock date of 2026-05-19; documents dated on or before it cannot be created or changed.";

function creditNote(books: TenantBooks, over: Record<string, unknown> = {}): Wire {
  const answer = send(books, 'PUT', '/CreditNotes', {
    CreditNotes: [
      {
        Type: 'ACCRECCREDIT',
        CreditNoteNumber: 'CN-PMS-1',
        Contact: { ContactID: contactId(books, 'Walk-in patient') },
        Date: '2026-05-19',
        Status: 'AUTHORISED',
        LineItems: [
          { Description: 'Refund', Quantity: 1, UnitAmount: 30, AccountCode: '210', TaxType: 'EXEMPTOUTPUT' },
        ],
        ...over,
      },
    ],
  });
  if (answer.status !== 200) throw new Error(answer.text);
  return answer.body.CreditNotes[0];
}

function payment(
  books: TenantBooks,
  target: Record<string, unknown>,
  amount: number,
  date = '2026-05-19',
): Wire {
  const answer = send(books, 'PUT', '/Payments', {
    Payments: [{ ...target, Account: { Code: '090' }, Date: date, Amount: amount }],
  });
  if (answer.status !== 200) throw new Error(answer.text);
  return answer.body.Payments[0];
}

/** An invoice (120.00, dated 2026-05-18) with 20.00 of a 30.00 credit note allocated to it on 2026-05-20. */
function allocated() {
  const { au } = freshBooks();
  const invoice = createInvoice(au, auInvoice(au));
  const credit = creditNote(au);
  const put = send(au, 'PUT', `/CreditNotes/${credit.CreditNoteID}/Allocations`, {
    Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 20, Date: '2026-05-20' }],
  });
  if (put.status !== 200) throw new Error(put.text);
  const allocationId = send(au, 'GET', `/CreditNotes/${credit.CreditNoteID}`).body.CreditNotes[0]
    .Allocations[0].AllocationID;
  return { au, invoice, credit, allocationId };
}

const lock = (books: TenantBooks, date: string | null) => {
  books.organisation.PeriodLockDate = date;
};

describe('credit notes: void and delete', () => {
  it('voids only once its allocations are deleted; the invoice owes again', () => {
    const { au, invoice, credit, allocationId } = allocated();
    const refused = send(au, 'POST', `/CreditNotes/${credit.CreditNoteID}`, {
      CreditNotes: [{ Status: 'VOIDED' }],
    });
    expect(validationMessages(refused)).toEqual([
      'The status VOIDED cannot be applied to the credit note because it has payments or allocations against it.',
    ]);
    expect(send(au, 'DELETE', `/CreditNotes/${credit.CreditNoteID}/Allocations/${allocationId}`).status).toBe(
      200,
    );
    const voided = send(au, 'POST', `/CreditNotes/CN-PMS-1`, { CreditNotes: [{ Status: 'VOIDED' }] });
    expect(voided.status).toBe(200);
    expect(voided.body.CreditNotes[0]).toMatchObject({
      Status: 'VOIDED',
      RemainingCredit: 0,
      Allocations: [],
    });
    expect(send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0]).toMatchObject({
      AmountCredited: 0,
      AmountDue: 120,
      CreditNotes: [],
    });
    // VOIDED is final.
    const again = send(au, 'POST', `/CreditNotes/${credit.CreditNoteID}`, {
      CreditNotes: [{ Status: 'AUTHORISED' }],
    });
    expect(validationMessages(again)).toEqual(['Credit Note not of valid status for modification']);
  });

  it('refuses voiding while a refund is paid out of it; deleting the refund allows it', () => {
    const { au } = freshBooks();
    const credit = creditNote(au);
    const refund = payment(au, { CreditNote: { CreditNoteID: credit.CreditNoteID } }, 30);
    expect(send(au, 'GET', `/CreditNotes/${credit.CreditNoteID}`).body.CreditNotes[0].Status).toBe('PAID');
    const refused = send(au, 'POST', `/CreditNotes/${credit.CreditNoteID}`, {
      CreditNotes: [{ Status: 'VOIDED' }],
    });
    expect(refused.status).toBe(400);
    expect(send(au, 'POST', `/Payments/${refund.PaymentID}`, { Status: 'DELETED' }).status).toBe(200);
    const reopened = send(au, 'GET', `/CreditNotes/${credit.CreditNoteID}`).body.CreditNotes[0];
    expect(reopened).toMatchObject({ Status: 'AUTHORISED', RemainingCredit: 30, Payments: [] });
    expect(reopened.FullyPaidOnDate).toBeUndefined();
    const voided = send(au, 'POST', `/CreditNotes/${credit.CreditNoteID}`, {
      CreditNotes: [{ Status: 'VOIDED' }],
    });
    expect(voided.body.CreditNotes[0].Status).toBe('VOIDED');
  });

  it('deletes DRAFT and SUBMITTED credit notes, never AUTHORISED ones (void those)', () => {
    const { au } = freshBooks();
    const submitted = creditNote(au, { CreditNoteNumber: 'CN-S', Status: 'SUBMITTED' });
    expect(
      send(au, 'POST', `/CreditNotes/${submitted.CreditNoteID}`, { CreditNotes: [{ Status: 'DELETED' }] })
        .body.CreditNotes[0].Status,
    ).toBe('DELETED');
    const authorised = creditNote(au, { CreditNoteNumber: 'CN-A' });
    const refused = send(au, 'POST', `/CreditNotes/${authorised.CreditNoteID}`, {
      CreditNotes: [{ Status: 'DELETED' }],
    });
    expect(validationMessages(refused)).toEqual(['Credit Note not of valid status for modification']);
    // A deleted credit note cannot be refunded or allocated.
    const refund = send(au, 'PUT', '/Payments', {
      Payments: [
        {
          CreditNote: { CreditNoteID: submitted.CreditNoteID },
          Account: { Code: '090' },
          Date: '2026-05-19',
          Amount: 1,
        },
      ],
    });
    expect(validationMessages(refund)).toContain('Payments can only be made against Authorised documents');
  });
});

describe('allocations: deletion', () => {
  it('answers 404 for an unknown allocation, or one of another credit note', () => {
    const { au, credit, allocationId } = allocated();
    const other = creditNote(au, { CreditNoteNumber: 'CN-OTHER' });
    expect(
      send(
        au,
        'DELETE',
        `/CreditNotes/${credit.CreditNoteID}/Allocations/3f9a4b1c-2d3e-4f50-8a6b-7c8d9e0f1a2b`,
      ).status,
    ).toBe(404);
    expect(send(au, 'DELETE', `/CreditNotes/${other.CreditNoteID}/Allocations/${allocationId}`).status).toBe(
      404,
    );
    expect(au.creditNotes.find((c) => c.CreditNoteID === credit.CreditNoteID)?.Allocations).toHaveLength(1);
  });

  it('brings a fully credited invoice back from PAID, and the credit note with it', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(
      au,
      auInvoice(au, {
        LineItems: [
          { Description: 'x', Quantity: 1, UnitAmount: 30, AccountCode: '210', TaxType: 'EXEMPTOUTPUT' },
        ],
      }),
    );
    const credit = creditNote(au);
    send(au, 'PUT', `/CreditNotes/${credit.CreditNoteID}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 30, Date: '2026-05-20' }],
    });
    expect(send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0].Status).toBe('PAID');
    const allocationId = send(au, 'GET', `/CreditNotes/${credit.CreditNoteID}`).body.CreditNotes[0]
      .Allocations[0].AllocationID;
    send(au, 'DELETE', `/CreditNotes/${credit.CreditNoteID}/Allocations/${allocationId}`);
    expect(send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0]).toMatchObject({
      Status: 'AUTHORISED',
      AmountDue: 30,
    });
    expect(send(au, 'GET', `/CreditNotes/${credit.CreditNoteID}`).body.CreditNotes[0]).toMatchObject({
      Status: 'AUTHORISED',
      RemainingCredit: 30,
    });
  });
});

describe('behind a lock date', () => {
  it('refuses deleting a payment dated on or before it', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    const paid = payment(au, { Invoice: { InvoiceID: invoice.InvoiceID } }, 20);
    lock(au, '2026-05-19');
    const before = documentsOf(au);
    const answer = send(au, 'POST', `/Payments/${paid.PaymentID}`, { Status: 'DELETED' });
    expect(validationMessages(answer)).toEqual([LOCKED]);
    expect(documentsOf(au)).toBe(before);
    lock(au, null);
    expect(send(au, 'POST', `/Payments/${paid.PaymentID}`, { Status: 'DELETED' }).status).toBe(200);
  });

  it('refuses allocating, and deleting an allocation, dated on or before it', () => {
    const { au, invoice, credit, allocationId } = allocated();
    lock(au, '2026-05-20');
    const deleting = send(au, 'DELETE', `/CreditNotes/${credit.CreditNoteID}/Allocations/${allocationId}`);
    expect(deleting.status).toBe(400);
    expect(validationMessages(deleting)[0]).toContain('lock date of 2026-05-20');
    const adding = send(au, 'PUT', `/CreditNotes/${credit.CreditNoteID}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 0.5, Date: '2026-05-20' }],
    });
    expect(validationMessages(adding)).toEqual([LOCKED.replace('2026-05-19', '2026-05-20')]);
    lock(au, '2026-05-19');
    // An allocation dated after the lock date is fine even though both documents are dated on it.
    expect(send(au, 'DELETE', `/CreditNotes/${credit.CreditNoteID}/Allocations/${allocationId}`).status).toBe(
      200,
    );
  });

  it('refuses voiding or deleting documents dated on or before it, and moving a document into it', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au, { Date: '2026-05-19' }));
    const draft = createInvoice(
      au,
      auInvoice(au, { Date: '2026-05-19', Status: 'DRAFT', InvoiceNumber: 'D-1' }),
    );
    const later = createInvoice(
      au,
      auInvoice(au, { Date: '2026-05-25', DueDate: '2026-06-25', InvoiceNumber: 'L-1' }),
    );
    const credit = creditNote(au);
    lock(au, '2026-05-19');
    const messages = (path: string, body: object) => validationMessages(send(au, 'POST', path, body));
    expect(messages(`/Invoices/${invoice.InvoiceID}`, { Invoices: [{ Status: 'VOIDED' }] })).toEqual([
      LOCKED,
    ]);
    expect(messages(`/Invoices/${draft.InvoiceID}`, { Invoices: [{ Status: 'DELETED' }] })).toEqual([LOCKED]);
    expect(messages(`/CreditNotes/${credit.CreditNoteID}`, { CreditNotes: [{ Status: 'VOIDED' }] })).toEqual([
      LOCKED,
    ]);
    expect(messages(`/Invoices/${later.InvoiceID}`, { Invoices: [{ Date: '2026-05-19' }] })).toEqual([
      LOCKED,
    ]);
    // After the lock date nothing changes: the later invoice can still be voided.
    expect(
      send(au, 'POST', `/Invoices/${later.InvoiceID}`, { Invoices: [{ Status: 'VOIDED' }] }).status,
    ).toBe(200);
  });
});
