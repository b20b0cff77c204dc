import { describe, expect, it } from 'vitest';
import type { TenantBooks } from './books';
import {
  auInvoice,
  contactId,
  createInvoice,
  documentsOf,
  freshBooks,
  send,
  type Wire,
} from './test-support';
import { ZERO_GUID } from './wire';

/**
 * Xero answers a failed UPDATE element with the document's real id and HasErrors /
 * HasValidationErrors; only a failed brand-new create carries the all-zero GUID. A client must
 * therefore never read "non-zero id" as "saved": StatusAttributeString and the flags decide.
 */

const EDIT_REFUSED = 'This document cannot be edited as it has a payment or credit note allocated to it.';

function partPaid(au: TenantBooks): Wire {
  const invoice = createInvoice(au, auInvoice(au));
  const paid = send(au, 'PUT', '/Payments', {
    Payments: [
      {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Account: { Code: '090' },
        Date: '2026-05-19',
        Amount: 20,
        Reference: 'PMS-PAY-1',
      },
    ],
  });
  if (paid.status !== 200) throw new Error(paid.text);
  return invoice;
}

const newLines = [
  { Description: 'Changed', Quantity: 1, UnitAmount: 99, AccountCode: '210', TaxType: 'EXEMPTOUTPUT' },
];

describe('a failed update keeps its document id', () => {
  it('POST /Invoices/{id} on a part-paid invoice: the real InvoiceID, HasErrors, ERROR (summarizeErrors=false)', () => {
    const { au } = freshBooks();
    const invoice = partPaid(au);
    const before = documentsOf(au);
    const answer = send(au, 'POST', `/Invoices/${invoice.InvoiceID}?summarizeErrors=false`, {
      Invoices: [{ LineItems: newLines }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Invoices[0]).toMatchObject({
      InvoiceID: invoice.InvoiceID,
      StatusAttributeString: 'ERROR',
      HasErrors: true,
      ValidationErrors: [{ Message: EDIT_REFUSED }],
    });
    expect(documentsOf(au)).toBe(before);
  });

  it('the same refusal summarised: 400 ValidationException whose element carries the real InvoiceID', () => {
    const { au } = freshBooks();
    const invoice = partPaid(au);
    const answer = send(au, 'POST', `/Invoices/${invoice.InvoiceNumber}`, {
      Invoices: [{ Status: 'VOIDED' }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.Elements[0]).toMatchObject({ InvoiceID: invoice.InvoiceID, HasErrors: true });
  });

  it('a batch: a failed update by InvoiceID, by InvoiceNumber, a failed create and a success each get their own id', () => {
    const { au } = freshBooks();
    const paid = partPaid(au);
    const other = createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-2' }));
    createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-3' }));
    const third = partPaidByNumber(au, 'PMS-3');
    const answer = send(au, 'POST', '/Invoices?summarizeErrors=false', {
      Invoices: [
        { InvoiceID: paid.InvoiceID, LineItems: newLines },
        { InvoiceNumber: 'PMS-3', Reference: 'changed' },
        auInvoice(au, { InvoiceNumber: 'NEW-1', LineItems: [{ ...newLines[0], AccountCode: '999' }] }),
        { InvoiceID: other.InvoiceID, Reference: 'fine' },
      ],
    });
    const [byId, byNumber, create, ok] = answer.body.Invoices;
    expect(byId).toMatchObject({
      InvoiceID: paid.InvoiceID,
      StatusAttributeString: 'ERROR',
      HasErrors: true,
    });
    expect(byNumber).toMatchObject({ InvoiceID: third, StatusAttributeString: 'ERROR', HasErrors: true });
    expect(byNumber.ValidationErrors).toEqual([{ Message: EDIT_REFUSED }]);
    expect(create).toMatchObject({ InvoiceID: ZERO_GUID, StatusAttributeString: 'ERROR', HasErrors: true });
    expect(ok).toMatchObject({ InvoiceID: other.InvoiceID, StatusAttributeString: 'OK', HasErrors: false });
  });

  it('an element naming an InvoiceID that does not exist echoes that id with HasErrors', () => {
    const { au } = freshBooks();
    const missing = '0b6f8a52-3c2e-4e8b-9d1a-7f5e4c3b2a19';
    const answer = send(au, 'POST', '/Invoices?summarizeErrors=false', {
      Invoices: [{ InvoiceID: missing, Reference: 'x' }],
    });
    expect(answer.body.Invoices[0]).toMatchObject({
      InvoiceID: missing,
      StatusAttributeString: 'ERROR',
      HasErrors: true,
      ValidationErrors: [{ Message: `The invoice with InvoiceID '${missing}' could not be found.` }],
    });
  });

  it('POST /CreditNotes/{id} VOIDED while allocated: the real CreditNoteID with HasErrors', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    const creditNote = send(au, 'PUT', '/CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { ContactID: contactId(au, 'Walk-in patient') },
          Date: '2026-05-19',
          Status: 'AUTHORISED',
          LineItems: [
            {
              Description: 'Refund',
              Quantity: 1,
              UnitAmount: 20,
              AccountCode: '210',
              TaxType: 'EXEMPTOUTPUT',
            },
          ],
        },
      ],
    }).body.CreditNotes[0];
    send(au, 'PUT', `/CreditNotes/${creditNote.CreditNoteID}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 20, Date: '2026-05-19' }],
    });
    const answer = send(au, 'POST', `/CreditNotes/${creditNote.CreditNoteID}?summarizeErrors=false`, {
      CreditNotes: [{ Status: 'VOIDED' }],
    });
    expect(answer.body.CreditNotes[0]).toMatchObject({
      CreditNoteID: creditNote.CreditNoteID,
      StatusAttributeString: 'ERROR',
      HasErrors: true,
    });
  });

  it('a contact update refused (name taken): the real ContactID with HasValidationErrors; a failed create: zero', () => {
    const { au } = freshBooks();
    const fund = contactId(au, 'HCF Health Fund');
    const answer = send(au, 'POST', '/Contacts?summarizeErrors=false', {
      Contacts: [{ ContactID: fund, Name: 'Walk-in patient' }, { Name: 'Walk-in patient' }],
    });
    const [update, create] = answer.body.Contacts;
    expect(update).toMatchObject({
      ContactID: fund,
      StatusAttributeString: 'ERROR',
      HasValidationErrors: true,
    });
    expect(create).toMatchObject({
      ContactID: ZERO_GUID,
      StatusAttributeString: 'ERROR',
      HasValidationErrors: true,
    });
  });

  it('a refused payment deletion (reconciled): the real PaymentID with HasValidationErrors', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    const payment = send(au, 'PUT', '/Payments', {
      Payments: [
        {
          Invoice: { InvoiceID: invoice.InvoiceID },
          Account: { Code: '090' },
          Date: '2026-05-19',
          Amount: 20,
          IsReconciled: true,
        },
      ],
    }).body.Payments[0];
    const answer = send(au, 'POST', `/Payments/${payment.PaymentID}?summarizeErrors=false`, {
      Status: 'DELETED',
    });
    expect(answer.body.Payments[0]).toMatchObject({
      PaymentID: payment.PaymentID,
      StatusAttributeString: 'ERROR',
      HasValidationErrors: true,
      ValidationErrors: [{ Message: 'This payment has been reconciled and cannot be deleted' }],
    });
  });
});

/** Pays part of the invoice with that number and returns its id. */
function partPaidByNumber(au: TenantBooks, number: string): string {
  const invoice = au.invoices.find((i) => i.InvoiceNumber === number)!;
  const paid = send(au, 'PUT', '/Payments', {
    Payments: [
      { Invoice: { InvoiceNumber: number }, Account: { Code: '090' }, Date: '2026-05-19', Amount: 10 },
    ],
  });
  if (paid.status !== 200) throw new Error(paid.text);
  return invoice.InvoiceID;
}
