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
import { ZERO_GUID } from './wire';

const payment = (invoiceId: string, over: Record<string, unknown> = {}) => ({
  Invoice: { InvoiceID: invoiceId },
  Account: { Code: '090' },
  Date: '2026-05-19',
  Amount: 50,
  ...over,
});

function refused(books: TenantBooks, body: Record<string, unknown>): string[] {
  const before = documentsOf(books);
  const answer = send(books, 'PUT', '/Payments', { Payments: [body] });
  expect(answer.status).toBe(400);
  expect(documentsOf(books)).toBe(before);
  return validationMessages(answer);
}

describe('creating payments', () => {
  it('applies a payment to an AUTHORISED invoice', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    const answer = send(au, 'PUT', '/Payments', {
      Payments: [payment(invoice.InvoiceID, { Reference: 'EFTPOS 1234' })],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Payments[0]).toMatchObject({
      Amount: 50,
      BankAmount: 50,
      Reference: 'EFTPOS 1234',
      PaymentType: 'ACCRECPAYMENT',
      Status: 'AUTHORISED',
      IsReconciled: false,
      Date: `/Date(${Date.UTC(2026, 4, 19)}+0000)/`,
      UpdatedDateUTC: `/Date(${NOW.getTime()})/`,
      Account: { Code: '090' },
      Invoice: { InvoiceID: invoice.InvoiceID, InvoiceNumber: 'INV-0001' },
      StatusAttributeString: 'OK',
    });
    // 120.00 − 50.00 = 70.00 still due.
    expect(send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0]).toMatchObject({
      AmountPaid: 50,
      AmountDue: 70,
      Status: 'AUTHORISED',
    });
  });

  it('accepts a single Payment object on POST /Payments, the invoice by number, and a clearing account', () => {
    const { au } = freshBooks();
    createInvoice(au, auInvoice(au));
    const answer = send(au, 'POST', '/Payments', {
      Invoice: { InvoiceNumber: 'INV-0001' },
      Account: { Code: '615' },
      Date: '2026-05-19',
      Amount: 120,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Payments[0].Account.Code).toBe('615');
    expect(au.invoices[0]?.Status).toBe('PAID');
  });

  it('only pays AUTHORISED documents', () => {
    const { au } = freshBooks();
    const draft = createInvoice(au, auInvoice(au, { Status: 'DRAFT' }));
    expect(refused(au, payment(draft.InvoiceID))).toEqual([
      'Payments can only be made against Authorised documents',
    ]);
    const paid = createInvoice(au, auInvoice(au));
    send(au, 'PUT', '/Payments', { Payments: [payment(paid.InvoiceID, { Amount: 120 })] });
    // A PAID invoice gets both messages, as Xero often sends them together.
    expect(refused(au, payment(paid.InvoiceID, { Amount: 1 }))).toEqual([
      'Payments can only be made against Authorised documents',
      'Payment amount exceeds the amount outstanding on this document',
    ]);
  });

  it('refuses more than the amount due, and non-positive amounts', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    expect(refused(au, payment(invoice.InvoiceID, { Amount: 120.01 }))).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
    ]);
    expect(refused(au, payment(invoice.InvoiceID, { Amount: 0 }))).toEqual([
      'Payment amounts must be positive amounts',
    ]);
    expect(refused(au, payment(invoice.InvoiceID, { Amount: -5 }))).toEqual([
      'Payment amounts must be positive amounts',
    ]);
    expect(refused(au, payment(invoice.InvoiceID, { Amount: '-0.01' }))).toEqual([
      'Payment amounts must be positive amounts',
    ]);
  });

  it('refuses a negative refund on a credit note with the same message', () => {
    const { au } = freshBooks();
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
              UnitAmount: 40,
              AccountCode: '210',
              TaxType: 'EXEMPTOUTPUT',
            },
          ],
        },
      ],
    }).body.CreditNotes[0];
    expect(
      refused(au, {
        CreditNote: { CreditNoteID: creditNote.CreditNoteID },
        Account: { Code: '090' },
        Date: '2026-05-19',
        Amount: -10,
      }),
    ).toEqual(['Payment amounts must be positive amounts']);
  });

  it('refuses an Amount with more than 2 decimal places instead of rounding it', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    expect(refused(au, payment(invoice.InvoiceID, { Amount: 10.005 }))).toEqual([
      'The payment Amount must not have more than 2 decimal places.',
    ]);
    // Trailing zeros are not decimals: 10.50 is 10.5.
    expect(
      send(au, 'PUT', '/Payments', { Payments: [payment(invoice.InvoiceID, { Amount: 10.5 })] }).status,
    ).toBe(200);
  });

  it('refuses a payment dated before its invoice or credit note', () => {
    const { au } = freshBooks();
    // The invoice is dated 2026-05-18.
    const invoice = createInvoice(au, auInvoice(au));
    expect(refused(au, payment(invoice.InvoiceID, { Date: '2026-05-17' }))).toEqual([
      'The payment date 2026-05-17 cannot be earlier than the invoice date 2026-05-18.',
    ]);
    expect(
      send(au, 'PUT', '/Payments', { Payments: [payment(invoice.InvoiceID, { Date: '2026-05-18' })] }).status,
    ).toBe(200);
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
              UnitAmount: 40,
              AccountCode: '210',
              TaxType: 'EXEMPTOUTPUT',
            },
          ],
        },
      ],
    }).body.CreditNotes[0];
    expect(
      refused(au, {
        CreditNote: { CreditNoteID: creditNote.CreditNoteID },
        Account: { Code: '090' },
        Date: '2026-05-18',
        Amount: 10,
      }),
    ).toEqual(['The payment date 2026-05-18 cannot be earlier than the credit note date 2026-05-19.']);
  });

  it('finds the invoice or credit note by number case-insensitively', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-7' }));
    const paid = send(au, 'PUT', '/Payments', {
      Payments: [
        { Invoice: { InvoiceNumber: ' pms-7 ' }, Account: { Code: '090' }, Date: '2026-05-19', Amount: 5 },
      ],
    });
    expect(paid.status).toBe(200);
    expect(paid.body.Payments[0].Invoice.InvoiceID).toBe(invoice.InvoiceID);
    send(au, 'PUT', '/CreditNotes', {
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
              UnitAmount: 40,
              AccountCode: '210',
              TaxType: 'EXEMPTOUTPUT',
            },
          ],
        },
      ],
    });
    const refund = send(au, 'PUT', '/Payments', {
      Payments: [
        {
          CreditNote: { CreditNoteNumber: 'cn-0001' },
          Account: { Code: '090' },
          Date: '2026-05-19',
          Amount: 5,
        },
      ],
    });
    expect(refund.status).toBe(200);
    expect(refund.body.Payments[0].CreditNote.CreditNoteNumber).toBe('CN-0001');
  });

  it('needs a bank account or one with payments enabled', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    expect(refused(au, payment(invoice.InvoiceID, { Account: { Code: '200' } }))).toEqual([
      'Account type is invalid for making a payment to/from',
    ]);
    expect(refused(au, payment(invoice.InvoiceID, { Account: { Code: '999' } }))).toEqual([
      "The account with Code '999' could not be found.",
    ]);
    const savings = au.accounts.find((a) => a.Code === '091');
    expect(
      send(au, 'PUT', '/Payments', {
        Payments: [payment(invoice.InvoiceID, { Account: { AccountID: savings?.AccountID } })],
      }).status,
    ).toBe(200);
  });

  it('needs a document, a Date and an Amount', () => {
    const { au } = freshBooks();
    expect(refused(au, { Account: { Code: '090' }, Date: '2026-05-19', Amount: 5 })).toEqual([
      'A payment must be made against an Invoice or a Credit Note.',
    ]);
    const invoice = createInvoice(au, auInvoice(au));
    expect(refused(au, payment(invoice.InvoiceID, { Date: undefined, Amount: undefined }))).toEqual([
      'Date is required.',
      'Amount is required.',
    ]);
    expect(refused(au, payment('11111111-2222-4333-8444-555555555555'))).toEqual([
      "The invoice with InvoiceID '11111111-2222-4333-8444-555555555555' could not be found.",
    ]);
  });

  it('refuses payments dated on or before the lock date', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    au.organisation.PeriodLockDate = '2026-05-19';
    expect(refused(au, payment(invoice.InvoiceID))[0]).toMatch(/lock date of 2026-05-19/);
  });

  it('creates the valid payments of a mixed batch (summarizeErrors=false)', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    const answer = send(au, 'PUT', '/Payments?summarizeErrors=false', {
      Payments: [
        payment(invoice.InvoiceID, { Amount: 100 }),
        payment(invoice.InvoiceID, { Amount: 100 }),
        payment(invoice.InvoiceID, { Amount: 20 }),
      ],
    });
    expect(answer.status).toBe(200);
    // 120 due: 100 fits, the next 100 exceeds the remaining 20, the last 20 fits.
    expect(answer.body.Payments.map((p: Wire) => p.StatusAttributeString)).toEqual(['OK', 'ERROR', 'OK']);
    expect(answer.body.Payments[1].PaymentID).toBe(ZERO_GUID);
    expect(answer.body.Payments[1].HasValidationErrors).toBe(true);
    expect(au.invoices[0]?.Status).toBe('PAID');
  });
});

describe('deleting payments', () => {
  function paidInvoice() {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    const paid = send(au, 'PUT', '/Payments', { Payments: [payment(invoice.InvoiceID, { Amount: 120 })] })
      .body.Payments[0];
    return { au, invoice, paid };
  }

  it('deletes with {"Status":"DELETED"}: the invoice goes back from PAID to AUTHORISED', () => {
    const { au, invoice, paid } = paidInvoice();
    const answer = send(au, 'POST', `/Payments/${paid.PaymentID}`, { Status: 'DELETED' });
    expect(answer.status).toBe(200);
    expect(answer.body.Payments[0]).toMatchObject({ PaymentID: paid.PaymentID, Status: 'DELETED' });
    expect(send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0]).toMatchObject({
      Status: 'AUTHORISED',
      AmountDue: 120,
    });
    // The deleted payment stays readable, with its status.
    expect(send(au, 'GET', `/Payments/${paid.PaymentID}`).body.Payments[0].Status).toBe('DELETED');
  });

  it('accepts the wrapped form {"Payments":[{"Status":"DELETED"}]}', () => {
    const { au, paid } = paidInvoice();
    expect(
      send(au, 'POST', `/Payments/${paid.PaymentID}`, { Payments: [{ Status: 'DELETED' }] }).status,
    ).toBe(200);
    expect(au.payments[0]?.Status).toBe('DELETED');
  });

  it('cannot edit a payment, delete it twice, or delete a reconciled one', () => {
    const { au, paid } = paidInvoice();
    const edit = send(au, 'POST', `/Payments/${paid.PaymentID}`, { Amount: 100 });
    expect(validationMessages(edit)[0]).toMatch(/^Payments cannot be updated/);
    send(au, 'POST', `/Payments/${paid.PaymentID}`, { Status: 'DELETED' });
    expect(
      validationMessages(send(au, 'POST', `/Payments/${paid.PaymentID}`, { Status: 'DELETED' })),
    ).toEqual(['This payment has already been deleted.']);

    const { au: other } = freshBooks();
    const invoice = createInvoice(other, auInvoice(other));
    const reconciled = send(other, 'PUT', '/Payments', {
      Payments: [payment(invoice.InvoiceID, { IsReconciled: true })],
    }).body.Payments[0];
    expect(
      validationMessages(send(other, 'POST', `/Payments/${reconciled.PaymentID}`, { Status: 'DELETED' })),
    ).toEqual(['This payment has been reconciled and cannot be deleted']);
  });

  it('refuses a PaymentID on create, and answers 404 for an unknown payment', () => {
    const { au, invoice, paid } = paidInvoice();
    expect(
      validationMessages(
        send(au, 'PUT', '/Payments', {
          Payments: [{ ...payment(invoice.InvoiceID), PaymentID: paid.PaymentID }],
        }),
      )[0],
    ).toMatch(/^Payments cannot be updated/);
    expect(
      send(au, 'POST', '/Payments/11111111-2222-4333-8444-555555555555', { Status: 'DELETED' }).status,
    ).toBe(404);
  });
});

describe('reading payments', () => {
  it('lists, filters, pages and gets by id', () => {
    const { au } = freshBooks();
    const a = createInvoice(au, auInvoice(au));
    const b = createInvoice(au, auInvoice(au, { Contact: { ContactID: contactId(au, 'HCF Health Fund') } }));
    send(au, 'PUT', '/Payments', {
      Payments: [payment(a.InvoiceID, { Amount: 10 }), payment(b.InvoiceID, { Amount: 20 })],
    });
    expect(send(au, 'GET', '/Payments').body.Payments).toHaveLength(2);
    const where = encodeURIComponent(`Invoice.InvoiceID == Guid("${b.InvoiceID}") && Amount > 15`);
    const filtered = send(au, 'GET', `/Payments?where=${where}`).body.Payments;
    expect(filtered.map((p: Wire) => p.Amount)).toEqual([20]);
    const page = send(au, 'GET', '/Payments?page=2&pageSize=1&order=Amount').body;
    expect(page.pagination).toEqual({ page: 2, pageSize: 1, pageCount: 2, itemCount: 2 });
    expect(page.Payments[0].Amount).toBe(20);
    expect(send(au, 'GET', `/Payments/${filtered[0].PaymentID}`).body.Payments[0].Invoice.InvoiceID).toBe(
      b.InvoiceID,
    );
    expect(send(au, 'GET', '/Payments/not-a-guid').status).toBe(404);
  });
});
