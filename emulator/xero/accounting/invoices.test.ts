import { describe, expect, it } from 'vitest';
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

const line = (over: Record<string, unknown> = {}) => ({
  Description: 'Standard consultation',
  Quantity: 1,
  UnitAmount: 95,
  AccountCode: '210',
  TaxType: 'EXEMPTOUTPUT',
  ...over,
});

/** PUT one invoice and return Xero's messages for it (expects a refusal). */
function refusal(books: ReturnType<typeof freshBooks>['au'], invoice: Record<string, unknown>): string[] {
  const before = documentsOf(books);
  const answer = send(books, 'PUT', '/Invoices', { Invoices: [invoice] });
  expect(answer.status).toBe(400);
  expect(answer.body.Type).toBe('ValidationException');
  expect(documentsOf(books)).toBe(before); // nothing changed
  return validationMessages(answer);
}

describe('creating invoices', () => {
  it('returns the invoice in Xero wire format', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Invoices', {
      Invoices: [auInvoice(au, { Reference: 'Visit 2026-05-18' })],
    });
    expect(answer.status).toBe(200);
    const invoice = answer.body.Invoices[0];
    expect(invoice).toMatchObject({
      Type: 'ACCREC',
      InvoiceNumber: 'INV-0001',
      Reference: 'Visit 2026-05-18',
      Status: 'AUTHORISED',
      LineAmountTypes: 'Exclusive',
      CurrencyCode: 'AUD',
      DateString: '2026-05-18T00:00:00',
      Date: `/Date(${Date.UTC(2026, 4, 18)}+0000)/`,
      DueDateString: '2026-06-01T00:00:00',
      DueDate: `/Date(${Date.UTC(2026, 5, 1)}+0000)/`,
      UpdatedDateUTC: `/Date(${NOW.getTime()})/`,
      SubTotal: 120,
      TotalTax: 0,
      Total: 120,
      AmountDue: 120,
      AmountPaid: 0,
      AmountCredited: 0,
      Payments: [],
      CreditNotes: [],
      HasAttachments: false,
      StatusAttributeString: 'OK',
      Contact: { ContactID: contactId(au, 'Walk-in patient'), Name: 'Walk-in patient' },
    });
    expect(invoice.InvoiceID).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(invoice.LineItems[0].LineItemID).toMatch(/^[0-9a-f-]{36}$/);
    expect(invoice.FullyPaidOnDate).toBeUndefined();
  });

  it('auto-numbers from the next number and skips numbers taken by hand', () => {
    const { au } = freshBooks();
    expect(createInvoice(au, auInvoice(au)).InvoiceNumber).toBe('INV-0001');
    expect(createInvoice(au, auInvoice(au, { InvoiceNumber: 'INV-0002' })).InvoiceNumber).toBe('INV-0002');
    expect(createInvoice(au, auInvoice(au)).InvoiceNumber).toBe('INV-0003');
    expect(createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-000123' })).InvoiceNumber).toBe(
      'PMS-000123',
    );
    expect(createInvoice(au, auInvoice(au)).InvoiceNumber).toBe('INV-0004');
  });

  it('defaults Date to today in the organisation timezone', () => {
    const { au } = freshBooks();
    // 2026-05-19T20:00Z is already 20 May in Sydney (UTC+10).
    const answer = send(
      au,
      'PUT',
      '/Invoices',
      { Invoices: [auInvoice(au, { Date: undefined, Status: 'DRAFT' })] },
      { now: new Date('2026-05-19T20:00:00Z') },
    );
    expect(answer.body.Invoices[0].DateString).toBe('2026-05-20T00:00:00');
  });

  it('accepts YYYY-MM-DDT00:00:00 dates', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(
      au,
      auInvoice(au, { Date: '2026-05-18T00:00:00', DueDate: '2026-06-01T00:00:00' }),
    );
    expect(invoice.DateString).toBe('2026-05-18T00:00:00');
  });

  it('refuses a repeated ACCREC InvoiceNumber: "Invoice # must be unique."', () => {
    const { au } = freshBooks();
    createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-1' }));
    expect(refusal(au, auInvoice(au, { InvoiceNumber: 'pms-1' }))).toEqual(['Invoice # must be unique.']);
  });

  it('reports the duplicate with a zero GUID and ERROR under summarizeErrors=false', () => {
    const { au } = freshBooks();
    createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-1' }));
    const before = documentsOf(au);
    const answer = send(au, 'PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [auInvoice(au, { InvoiceNumber: 'PMS-1' })],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Invoices[0]).toMatchObject({
      InvoiceID: ZERO_GUID,
      StatusAttributeString: 'ERROR',
      HasErrors: true,
      ValidationErrors: [{ Message: 'Invoice # must be unique.' }],
    });
    expect(documentsOf(au)).toBe(before);
  });

  it('does not require unique numbers on bills (ACCPAY)', () => {
    const { au } = freshBooks();
    const bill = (n: string) =>
      auInvoice(au, {
        Type: 'ACCPAY',
        InvoiceNumber: n,
        LineItems: [line({ AccountCode: '453', TaxType: 'INPUT', UnitAmount: 40 })],
      });
    createInvoice(au, bill('SUP-77'));
    const second = createInvoice(au, bill('SUP-77'));
    expect(second.InvoiceNumber).toBe('SUP-77');
    // 40.00 + 10% GST on expenses.
    expect(second.Total).toBe(44);
  });

  it('refuses a TaxType meant for the other side of the ledger', () => {
    const { au } = freshBooks();
    expect(refusal(au, auInvoice(au, { LineItems: [line({ TaxType: 'INPUT' })] }))).toEqual([
      'The TaxType code INPUT does not exist or cannot be used for this type of transaction.',
    ]);
  });

  it("refuses a TaxType that cannot apply to the account's Class, in Xero's words", () => {
    const { au } = freshBooks();
    // OUTPUT applies to revenue (so passes the sales check) but not to expenses (CanApplyToExpenses false).
    expect(
      refusal(au, auInvoice(au, { LineItems: [line({ AccountCode: '429', TaxType: 'OUTPUT' })] })),
    ).toEqual(["The TaxType code 'OUTPUT' cannot be used with account code '429'."]);
    // A bill: INPUT applies to expenses but not to the REVENUE account 200.
    expect(
      refusal(
        au,
        auInvoice(au, { Type: 'ACCPAY', LineItems: [line({ AccountCode: '200', TaxType: 'INPUT' })] }),
      ),
    ).toEqual(["The TaxType code 'INPUT' cannot be used with account code '200'."]);
    // BAS Excluded applies to every class, so it is fine on the rounding account (LIABILITY) and on 429.
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ AccountCode: '429', TaxType: 'BASEXCLUDED' })] }),
    );
    expect(invoice.LineItems[0]).toMatchObject({ AccountCode: '429', TaxType: 'BASEXCLUDED' });
  });

  it('refuses a DueDate before the Date, on creation and on update', () => {
    const { au } = freshBooks();
    expect(refusal(au, auInvoice(au, { Date: '2026-05-18', DueDate: '2026-05-17' }))).toEqual([
      'The due date 2026-05-17 cannot be earlier than the invoice date 2026-05-18.',
    ]);
    // The same day is fine.
    const { InvoiceID: id } = createInvoice(au, auInvoice(au, { Date: '2026-05-18', DueDate: '2026-05-18' }));
    const before = documentsOf(au);
    const moved = send(au, 'POST', `/Invoices/${id}`, { Invoices: [{ Date: '2026-05-19' }] });
    expect(moved.status).toBe(400);
    expect(validationMessages(moved)).toEqual([
      'The due date 2026-05-18 cannot be earlier than the invoice date 2026-05-19.',
    ]);
    expect(documentsOf(au)).toBe(before);
  });
});

describe('contact resolution', () => {
  it('finds the contact by ContactNumber or by Name', () => {
    const { au } = freshBooks();
    const byNumber = createInvoice(au, auInvoice(au, { Contact: { ContactNumber: 'FUND-HCF' } }));
    expect(byNumber.Contact.Name).toBe('HCF Health Fund');
    const byName = createInvoice(au, auInvoice(au, { Contact: { Name: 'hcf health fund' } }));
    expect(byName.Contact.ContactID).toBe(contactId(au, 'HCF Health Fund'));
  });

  it('refuses an unknown ContactID or ContactNumber (with or without a Name); no contact is created', () => {
    const { au } = freshBooks();
    expect(
      refusal(au, auInvoice(au, { Contact: { ContactID: '11111111-2222-4333-8444-555555555555' } })),
    ).toEqual(["The contact with ContactID '11111111-2222-4333-8444-555555555555' could not be found."]);
    expect(refusal(au, auInvoice(au, { Contact: { ContactNumber: 'PMS-404' } }))).toEqual([
      "The contact with ContactNumber 'PMS-404' could not be found.",
    ]);
    expect(
      refusal(au, auInvoice(au, { Contact: { ContactNumber: 'PMS-404', Name: 'Nobody Known' } })),
    ).toEqual(["The contact with ContactNumber 'PMS-404' could not be found."]);
  });

  it('creates a new bare contact from a Name that matches none, as Xero does', () => {
    const { au } = freshBooks();
    const contactsBefore = au.contacts.length;
    const invoice = createInvoice(au, auInvoice(au, { Contact: { Name: '  Nobody Known ' } }));
    expect(invoice.Contact).toMatchObject({ Name: 'Nobody Known', ContactStatus: 'ACTIVE' });
    expect(invoice.Contact.ContactID).toMatch(/^[0-9a-f-]{36}$/);
    expect(au.contacts).toHaveLength(contactsBefore + 1);
    const contact = send(au, 'GET', `/Contacts/${invoice.Contact.ContactID}`).body.Contacts[0];
    expect(contact).toMatchObject({ Name: 'Nobody Known', IsCustomer: true, ContactStatus: 'ACTIVE' });
    expect(contact.ContactNumber).toBeUndefined();
    expect(contact.EmailAddress).toBeUndefined();
    // The next document naming it (in any case) finds it rather than creating another.
    const again = createInvoice(au, auInvoice(au, { Contact: { Name: 'NOBODY KNOWN' } }));
    expect(again.Contact.ContactID).toBe(invoice.Contact.ContactID);
    expect(au.contacts).toHaveLength(contactsBefore + 1);
  });

  it('creates one contact for a Name repeated within a batch, and none for a refused document', () => {
    const { au } = freshBooks();
    const contactsBefore = au.contacts.length;
    const answer = send(au, 'PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [
        auInvoice(au, {
          Contact: { Name: 'Refused Person' },
          LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '999' }],
        }),
        auInvoice(au, { Contact: { Name: 'Batch Person' } }),
        auInvoice(au, { Contact: { Name: 'batch person' } }),
      ],
    });
    const [refused, first, second] = answer.body.Invoices;
    expect(refused.StatusAttributeString).toBe('ERROR');
    expect(first.Contact.ContactID).toBe(second.Contact.ContactID);
    expect(au.contacts.map((c) => c.Name).slice(contactsBefore)).toEqual(['Batch Person']);
  });

  it('still refuses a new Name that matches only an archived contact', () => {
    const { au } = freshBooks();
    expect(refusal(au, auInvoice(au, { Contact: { Name: 'Margaret Chen (moved away)' } }))).toEqual([
      'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.',
    ]);
  });

  it('needs one of ContactID, ContactNumber, Name', () => {
    const { au } = freshBooks();
    const message =
      'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber';
    expect(refusal(au, auInvoice(au, { Contact: {} }))).toEqual([message]);
    expect(refusal(au, auInvoice(au, { Contact: undefined }))).toEqual([message]);
  });

  it('refuses to invoice an archived contact', () => {
    const { au } = freshBooks();
    expect(refusal(au, auInvoice(au, { Contact: { ContactNumber: 'PMS-0009' } }))).toEqual([
      'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.',
    ]);
  });

  it('matches ContactNumber case-insensitively and trimmed, like its uniqueness', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au, { Contact: { ContactNumber: ' fund-hcf ' } }));
    expect(invoice.Contact.ContactID).toBe(contactId(au, 'HCF Health Fund'));
  });
});

describe('accounts, tax types and completeness', () => {
  it('refuses unknown, archived, bank and system account codes', () => {
    const { au } = freshBooks();
    for (const code of ['999', '250', '090', '610', '820']) {
      expect(refusal(au, auInvoice(au, { LineItems: [line({ AccountCode: code })] }))).toEqual([
        `Account code '${code}' is not a valid code for this document.`,
      ]);
    }
  });

  it('accepts the rounding account 860 for an adjustment line', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(
      au,
      auInvoice(au, {
        LineItems: [
          line(),
          line({ Description: 'Rounding', UnitAmount: -0.01, AccountCode: '860', TaxType: 'BASEXCLUDED' }),
        ],
      }),
    );
    expect(invoice.Total).toBe(94.99);
  });

  it('refuses deleted tax rates and display names sent as codes', () => {
    const { au } = freshBooks();
    expect(refusal(au, auInvoice(au, { LineItems: [line({ TaxType: 'TAX001' })] }))).toEqual([
      'The TaxType code TAX001 does not exist or cannot be used for this type of transaction.',
    ]);
    expect(refusal(au, auInvoice(au, { LineItems: [line({ TaxType: 'GST on Income' })] }))).toEqual([
      'The TaxType code GST on Income does not exist or cannot be used for this type of transaction.',
    ]);
  });

  it("takes the account's default tax rate when TaxType is omitted", () => {
    const { au } = freshBooks();
    // Account 220 defaults to OUTPUT (GST 10%): 50.00 → tax 5.00.
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line({ AccountCode: '220', TaxType: undefined, UnitAmount: 50 })] }),
    );
    expect(invoice.LineItems[0].TaxType).toBe('OUTPUT');
    expect(invoice.TotalTax).toBe(5);
  });

  it('needs a DueDate and complete lines for AUTHORISED, not for DRAFT', () => {
    const { au } = freshBooks();
    const incomplete = {
      DueDate: undefined,
      LineItems: [{ Description: 'Consult', Quantity: 1, UnitAmount: 80 }],
    };
    expect(refusal(au, auInvoice(au, incomplete))).toEqual([
      'Due Date is required when the invoice status is AUTHORISED.',
      'Each line item must have an account code when the invoice is AUTHORISED.',
    ]);
    const draft = createInvoice(au, auInvoice(au, { ...incomplete, Status: 'DRAFT' }));
    expect(draft.Status).toBe('DRAFT');
    expect(draft.Total).toBe(80);
  });

  it('accepts description-only lines', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(
      au,
      auInvoice(au, { LineItems: [line(), { Description: 'Thank you for your visit' }] }),
    );
    expect(invoice.LineItems).toHaveLength(2);
    expect(invoice.Total).toBe(95);
  });

  it('supports discounts on sales invoices only', () => {
    const { au } = freshBooks();
    expect(
      refusal(
        au,
        auInvoice(au, {
          Type: 'ACCPAY',
          LineItems: [line({ AccountCode: '453', TaxType: 'INPUT', DiscountRate: 10 })],
        }),
      ),
    ).toEqual(['Discounts are not supported on bills (ACCPAY).']);
  });

  it('refuses a foreign currency, a bad Url and an empty line list', () => {
    const { au } = freshBooks();
    expect(refusal(au, auInvoice(au, { CurrencyCode: 'USD' }))).toEqual([
      'The currency USD is not enabled for this organisation.',
    ]);
    expect(refusal(au, auInvoice(au, { Url: 'not a url' }))).toEqual([
      "The Url 'not a url' is not a valid URL.",
    ]);
    expect(refusal(au, auInvoice(au, { LineItems: [] }))).toEqual([
      'The invoice must have at least one line item.',
    ]);
  });

  it('refuses a negative total', () => {
    const { au } = freshBooks();
    expect(refusal(au, auInvoice(au, { LineItems: [line({ UnitAmount: -5 })] }))).toEqual([
      'The total of the invoice cannot be negative.',
    ]);
  });

  it('warns, and does not mark as sent, when SentToContact is set on a draft', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Invoices', {
      Invoices: [auInvoice(au, { Status: 'DRAFT', SentToContact: true })],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Invoices[0]).toMatchObject({
      StatusAttributeString: 'WARNING',
      SentToContact: false,
      Warnings: [{ Message: 'Only AUTHORISED invoices may have SentToContact updated.' }],
    });
  });
});

describe('updating invoices', () => {
  it('updates by InvoiceID in the body and keeps LineItemIDs sent back', () => {
    const { au } = freshBooks();
    const created = createInvoice(au, auInvoice(au));
    const lineId = created.LineItems[0].LineItemID;
    const answer = send(au, 'POST', '/Invoices', {
      Invoices: [
        {
          InvoiceID: created.InvoiceID,
          Reference: 'Updated',
          LineItems: [{ ...line({ UnitAmount: 130 }), LineItemID: lineId }, line({ Description: 'Extra' })],
        },
      ],
    });
    expect(answer.status).toBe(200);
    const updated = answer.body.Invoices[0];
    expect(updated.InvoiceID).toBe(created.InvoiceID);
    expect(updated.LineItems[0].LineItemID).toBe(lineId);
    expect(updated.LineItems[1].LineItemID).not.toBe(lineId);
    expect(updated.Total).toBe(225); // 130 + 95
    expect(au.invoices).toHaveLength(1);
  });

  it('updates through POST /Invoices when the body names an existing ACCREC InvoiceNumber', () => {
    const { au } = freshBooks();
    const created = createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-9' }));
    const answer = send(au, 'POST', '/Invoices', {
      Invoices: [{ InvoiceNumber: 'PMS-9', Reference: 'via number' }],
    });
    expect(answer.body.Invoices[0]).toMatchObject({ InvoiceID: created.InvoiceID, Reference: 'via number' });
    expect(au.invoices).toHaveLength(1);
  });

  it('updates through POST /Invoices/{InvoiceNumber}', () => {
    const { au } = freshBooks();
    const created = createInvoice(au, auInvoice(au));
    const answer = send(au, 'POST', '/Invoices/INV-0001', { Invoices: [{ Reference: 'by path number' }] });
    expect(answer.body.Invoices[0]).toMatchObject({
      InvoiceID: created.InvoiceID,
      Reference: 'by path number',
    });
  });

  it('finds an invoice by number case-insensitively, as uniqueness and InvoiceNumbers= do', () => {
    const { au } = freshBooks();
    const created = createInvoice(au, auInvoice(au, { InvoiceNumber: 'PMS-42' }));
    expect(send(au, 'GET', '/Invoices/pms-42').body.Invoices[0].InvoiceID).toBe(created.InvoiceID);
    expect(send(au, 'GET', '/Invoices?InvoiceNumbers=pms-42').body.Invoices).toHaveLength(1);
    const updated = send(au, 'POST', '/Invoices/Pms-42', { Invoices: [{ Reference: 'lower-case path' }] });
    expect(updated.body.Invoices[0]).toMatchObject({
      InvoiceID: created.InvoiceID,
      Reference: 'lower-case path',
    });
    // ...and since the look-up finds it, creating it again is the duplicate it always was.
    expect(refusal(au, auInvoice(au, { InvoiceNumber: ' pms-42 ' }))).toEqual(['Invoice # must be unique.']);
    expect(au.invoices).toHaveLength(1);
  });

  it('refuses an InvoiceID on PUT, an unknown InvoiceID on POST, and an unknown LineItemID', () => {
    const { au } = freshBooks();
    const created = createInvoice(au, auInvoice(au));
    expect(refusal(au, { ...auInvoice(au), InvoiceID: created.InvoiceID })[0]).toMatch(
      /InvoiceID cannot be specified/,
    );
    const unknown = send(au, 'POST', '/Invoices', {
      Invoices: [{ InvoiceID: '11111111-2222-4333-8444-555555555555' }],
    });
    expect(validationMessages(unknown)).toEqual([
      "The invoice with InvoiceID '11111111-2222-4333-8444-555555555555' could not be found.",
    ]);
    const badLine = send(au, 'POST', `/Invoices/${created.InvoiceID}`, {
      Invoices: [{ LineItems: [{ ...line(), LineItemID: '11111111-2222-4333-8444-555555555555' }] }],
    });
    expect(validationMessages(badLine)).toEqual([
      "The line item with LineItemID '11111111-2222-4333-8444-555555555555' does not exist on this invoice.",
    ]);
  });

  it('answers 404 for an unknown id or number, and for an id of another tenant', () => {
    const { au, uk } = freshBooks();
    const created = createInvoice(au, auInvoice(au));
    expect(send(au, 'GET', '/Invoices/INV-9999').status).toBe(404);
    expect(send(uk, 'GET', `/Invoices/${created.InvoiceID}`).status).toBe(404);
    expect(send(uk, 'POST', `/Invoices/${created.InvoiceID}`, { Invoices: [{ Reference: 'x' }] }).text).toBe(
      "The resource you're looking for cannot be found",
    );
  });
});

describe('lock dates', () => {
  it('refuses documents dated on or before the lock date, and changes to them', () => {
    const { au } = freshBooks();
    const earlier = createInvoice(au, auInvoice(au, { Date: '2026-03-31', DueDate: '2026-04-14' }));
    au.organisation.PeriodLockDate = '2026-03-31';
    const message =
      "The date must be after the organisation's lock date of 2026-03-31; documents dated on or before it cannot be created or changed.";
    expect(refusal(au, auInvoice(au, { Date: '2026-03-31' }))).toEqual([message]);
    expect(createInvoice(au, auInvoice(au, { Date: '2026-04-01' })).DateString).toBe('2026-04-01T00:00:00');
    const voiding = send(au, 'POST', `/Invoices/${earlier.InvoiceID}`, { Invoices: [{ Status: 'VOIDED' }] });
    expect(validationMessages(voiding)).toEqual([message]);
    // The end-of-year lock date counts too, whichever is later.
    au.organisation.EndOfYearLockDate = '2026-04-30';
    expect(refusal(au, auInvoice(au, { Date: '2026-04-15' }))[0]).toContain('2026-04-30');
  });
});

describe('reading invoices', () => {
  function seedThree() {
    const { au } = freshBooks();
    const a = createInvoice(
      au,
      auInvoice(au, { InvoiceNumber: 'A-1', Reference: 'Knee rehab', Status: 'DRAFT' }),
      '',
    );
    const b = createInvoice(
      au,
      auInvoice(au, { InvoiceNumber: 'A-2', Contact: { ContactNumber: 'FUND-HCF' } }),
    );
    const c = createInvoice(
      au,
      auInvoice(au, { InvoiceNumber: 'A-3', LineItems: [line({ UnitAmount: 5000 })] }),
    );
    return { au, a, b, c };
  }
  const numbers = (answer: { body: Wire }) => answer.body.Invoices.map((i: Wire) => i.InvoiceNumber);

  it('filters by IDs, InvoiceNumbers, ContactIDs and Statuses', () => {
    const { au, a, c } = seedThree();
    expect(numbers(send(au, 'GET', `/Invoices?IDs=${a.InvoiceID},${c.InvoiceID}`)).sort()).toEqual([
      'A-1',
      'A-3',
    ]);
    expect(numbers(send(au, 'GET', '/Invoices?InvoiceNumbers=A-2,A-3')).sort()).toEqual(['A-2', 'A-3']);
    expect(numbers(send(au, 'GET', `/Invoices?ContactIDs=${contactId(au, 'HCF Health Fund')}`))).toEqual([
      'A-2',
    ]);
    expect(numbers(send(au, 'GET', '/Invoices?Statuses=DRAFT'))).toEqual(['A-1']);
    expect(
      numbers(
        send(au, 'GET', `/Invoices?ContactIDs=${contactId(au, 'Walk-in patient')}&Statuses=AUTHORISED`),
      ),
    ).toEqual(['A-3']);
  });

  it('filters with where and sorts with order', () => {
    const { au } = seedThree();
    const where = encodeURIComponent('AmountDue > 1000 and DueDate > DateTime(2026, 01, 01)');
    expect(numbers(send(au, 'GET', `/Invoices?where=${where}`))).toEqual(['A-3']);
    expect(numbers(send(au, 'GET', '/Invoices?order=InvoiceNumber DESC'))).toEqual(['A-3', 'A-2', 'A-1']);
    const bad = send(au, 'GET', `/Invoices?where=${encodeURIComponent('Total >')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      ErrorNumber: 16,
      Type: 'QueryParseException',
      Message: 'Expression expected',
    });
  });

  it('searches InvoiceNumber and Reference case-insensitively', () => {
    const { au } = seedThree();
    expect(numbers(send(au, 'GET', '/Invoices?searchTerm=knee'))).toEqual(['A-1']);
    expect(numbers(send(au, 'GET', '/Invoices?searchTerm=a-'))).toHaveLength(3);
  });

  it('pages (with line items) and summarises unpaged lists (without)', () => {
    const { au } = seedThree();
    const unpaged = send(au, 'GET', '/Invoices');
    expect(unpaged.body.pagination).toBeUndefined();
    expect(unpaged.body.Invoices.every((i: Wire) => i.LineItems.length === 0)).toBe(true);
    const page = send(au, 'GET', '/Invoices?page=2&pageSize=2&order=InvoiceNumber');
    expect(page.body.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, itemCount: 3 });
    expect(numbers(page)).toEqual(['A-3']);
    expect(page.body.Invoices[0].LineItems).toHaveLength(1);
    // pageSize is clamped to 1..1000; page below 1 is page 1.
    expect(send(au, 'GET', '/Invoices?page=1&pageSize=5000').body.pagination.pageSize).toBe(1000);
    expect(send(au, 'GET', '/Invoices?page=0&pageSize=0').body.pagination).toEqual({
      page: 1,
      pageSize: 1,
      pageCount: 3,
      itemCount: 3,
    });
    expect(send(au, 'GET', '/Invoices?page=1').body.pagination.pageSize).toBe(100);
  });

  it('summaryOnly leaves out lines and the payment collections', () => {
    const { au } = seedThree();
    const invoice = send(au, 'GET', '/Invoices?summaryOnly=true&page=1').body.Invoices[0];
    expect(invoice.LineItems).toBeUndefined();
    expect(invoice.Payments).toBeUndefined();
    expect(invoice.Total).toBeDefined();
  });

  it('honours If-Modified-Since and createdByMyApp', () => {
    const { au, a } = seedThree();
    const later = new Date(NOW.getTime() + 60_000);
    send(au, 'POST', `/Invoices/${a.InvoiceID}`, { Invoices: [{ Reference: 'touched' }] }, { now: later });
    const since = send(au, 'GET', '/Invoices', undefined, {
      headers: { 'if-modified-since': new Date(NOW.getTime() + 1000).toUTCString() },
    });
    expect(numbers(since)).toEqual(['A-1']);
    const isoNoZone = later.toISOString().slice(0, 19);
    expect(
      numbers(send(au, 'GET', '/Invoices', undefined, { headers: { 'if-modified-since': isoNoZone } })),
    ).toEqual(['A-1']);
    expect(numbers(send(au, 'GET', '/Invoices?createdByMyApp=true'))).toHaveLength(3);
    au.invoices[1] = { ...(au.invoices[1] as (typeof au.invoices)[number]), CreatedByApp: 'Another App' };
    expect(numbers(send(au, 'GET', '/Invoices?createdByMyApp=true'))).toHaveLength(2);
  });

  it('lists by default in UpdatedDateUTC order', () => {
    const { au, a } = seedThree();
    send(
      au,
      'POST',
      `/Invoices/${a.InvoiceID}`,
      { Invoices: [{ Reference: 'last' }] },
      { now: new Date(NOW.getTime() + 5000) },
    );
    expect(numbers(send(au, 'GET', '/Invoices')).at(-1)).toBe('A-1');
  });
});
