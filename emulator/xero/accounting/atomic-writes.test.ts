import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Serialize from './serialize';
import { auInvoice, contactId, createInvoice, documentsOf, freshBooks, send } from './test-support';

/**
 * A write that fails after a record was committed (here: building the answer throws, as an
 * amount too large for a JSON number once did) must leave the books as they were. The HTTP layer
 * turns the exception into a 500; the books must not keep a half-saved record.
 */
const failing = vi.hoisted(() => ({ wire: undefined as string | undefined }));

vi.mock('./serialize', async (importOriginal) => {
  const actual = await importOriginal<typeof Serialize>();
  const trap =
    <A extends unknown[], R>(name: string, wire: (...args: A) => R) =>
    (...args: A): R => {
      if (failing.wire === name) throw new RangeError(`Amount too large to send exactly (${name})`);
      return wire(...args);
    };
  return {
    ...actual,
    invoiceWire: trap('invoiceWire', actual.invoiceWire),
    creditNoteWire: trap('creditNoteWire', actual.creditNoteWire),
    paymentWire: trap('paymentWire', actual.paymentWire),
    allocationWire: trap('allocationWire', actual.allocationWire),
  };
});

afterEach(() => {
  failing.wire = undefined;
});

/** Sends a write whose answer cannot be built; expects the exception and unchanged books. */
function failsAtomically(
  books: ReturnType<typeof freshBooks>['au'],
  wire: string,
  write: () => unknown,
): void {
  const before = documentsOf(books);
  failing.wire = wire;
  expect(write).toThrow(RangeError);
  failing.wire = undefined;
  expect(documentsOf(books)).toBe(before);
}

describe('a write whose answer cannot be built changes nothing', () => {
  it('PUT /Invoices: the new invoice and the next number are rolled back', () => {
    const { au } = freshBooks();
    failsAtomically(au, 'invoiceWire', () => send(au, 'PUT', '/Invoices', { Invoices: [auInvoice(au)] }));
    expect(au.invoices).toHaveLength(0);
    // The number was not spent.
    expect(createInvoice(au, auInvoice(au)).InvoiceNumber).toBe('INV-0001');
  });

  it('a batch: elements committed before the failing one are rolled back too', () => {
    const { au } = freshBooks();
    const existing = createInvoice(au, auInvoice(au));
    failsAtomically(au, 'invoiceWire', () =>
      send(au, 'POST', '/Invoices', {
        Invoices: [{ InvoiceID: existing.InvoiceID, Reference: 'changed' }, auInvoice(au)],
      }),
    );
    expect(au.invoices).toHaveLength(1);
    expect(au.invoices[0]?.Reference).toBeUndefined();
  });

  it('PUT /CreditNotes', () => {
    const { au } = freshBooks();
    failsAtomically(au, 'creditNoteWire', () =>
      send(au, 'PUT', '/CreditNotes', {
        CreditNotes: [
          {
            Type: 'ACCRECCREDIT',
            Contact: { ContactID: contactId(au, 'Walk-in patient') },
            Date: '2026-05-19',
            Status: 'AUTHORISED',
            LineItems: [
              { Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '210', TaxType: 'EXEMPTOUTPUT' },
            ],
          },
        ],
      }),
    );
    expect(au.creditNotes).toHaveLength(0);
  });

  it('PUT /Payments: the payment and the invoice going PAID are rolled back', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    failsAtomically(au, 'paymentWire', () =>
      send(au, 'PUT', '/Payments', {
        Payments: [
          {
            Invoice: { InvoiceID: invoice.InvoiceID },
            Account: { Code: '090' },
            Date: '2026-05-19',
            Amount: 120,
          },
        ],
      }),
    );
    expect(au.payments).toHaveLength(0);
    expect(au.invoices[0]?.Status).toBe('AUTHORISED');
  });

  it('PUT /CreditNotes/{id}/Allocations: the allocation and both balances are rolled back', () => {
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
            { Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '210', TaxType: 'EXEMPTOUTPUT' },
          ],
        },
      ],
    }).body.CreditNotes[0];
    failsAtomically(au, 'allocationWire', () =>
      send(au, 'PUT', `/CreditNotes/${creditNote.CreditNoteID}/Allocations`, {
        Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 10, Date: '2026-05-20' }],
      }),
    );
    expect(au.creditNotes[0]?.Allocations).toEqual([]);
    expect(au.creditNotes[0]?.Status).toBe('AUTHORISED');
  });
});
