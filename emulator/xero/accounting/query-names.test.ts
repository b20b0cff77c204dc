import { describe, expect, it } from 'vitest';
import { auInvoice, createInvoice, freshBooks, send, type Wire } from './test-support';
import { ZERO_GUID } from './wire';

/**
 * Xero binds query parameters by name case-insensitively (`SummarizeErrors=false` and `unitDp=4`
 * work). A client that writes `unitDp` must not have its 4 dp prices silently rounded.
 */

const fourDpLine = {
  Description: 'Therapy putty',
  Quantity: 3,
  UnitAmount: 4.3333,
  AccountCode: '220',
  TaxType: 'OUTPUT',
};

describe('query parameter names in any case', () => {
  it.each(['unitdp', 'unitDp', 'UnitDP', 'UNITDP'])(
    '%s=4 keeps 4 dp unit amounts on write and read',
    (name) => {
      const { au } = freshBooks();
      const created = createInvoice(au, auInvoice(au, { LineItems: [fourDpLine] }), `?${name}=4`);
      expect(created.LineItems[0].UnitAmount).toBe(4.3333);
      expect(created.LineItems[0].LineAmount).toBe(13);
      expect(au.invoices[0]?.LineItems[0]?.UnitAmount).toBe('4.3333');
      const read = send(au, 'GET', `/Invoices/${created.InvoiceID}?${name}=4`).body.Invoices[0];
      expect(read.LineItems[0].UnitAmount).toBe(4.3333);
    },
  );

  it.each(['summarizeErrors', 'SummarizeErrors', 'summarizeerrors', 'SUMMARIZEERRORS'])(
    '%s=false answers per element',
    (name) => {
      const { au } = freshBooks();
      const answer = send(au, 'PUT', `/Invoices?${name}=false`, {
        Invoices: [auInvoice(au, { LineItems: [{ ...fourDpLine, AccountCode: '999' }] })],
      });
      expect(answer.status).toBe(200);
      expect(answer.body.Invoices[0]).toMatchObject({ InvoiceID: ZERO_GUID, StatusAttributeString: 'ERROR' });
    },
  );

  it('where / Where / WHERE and order / Order filter and sort', () => {
    const { au } = freshBooks();
    for (const [where, order] of [
      ['where', 'order'],
      ['Where', 'Order'],
      ['WHERE', 'ORDER'],
    ]) {
      const names = send(
        au,
        'GET',
        `/Contacts?${where}=${encodeURIComponent('ContactNumber.StartsWith("FUND")')}&${order}=Name%20DESC`,
      ).body.Contacts.map((c: Wire) => c.Name);
      expect(names, where).toEqual(['icare NSW Workers Insurance', 'HCF Health Fund']);
    }
  });

  it('IDs / ids, InvoiceNumbers / invoicenumbers, ContactIDs / contactids, Statuses / statuses', () => {
    const { au } = freshBooks();
    const a = createInvoice(au, auInvoice(au, { InvoiceNumber: 'A-1' }));
    const b = createInvoice(au, auInvoice(au, { InvoiceNumber: 'B-1', Status: 'DRAFT' }));
    const numbers = (query: string) =>
      send(au, 'GET', `/Invoices?${query}`)
        .body.Invoices.map((i: Wire) => i.InvoiceNumber)
        .sort();
    expect(numbers(`ids=${a.InvoiceID}`)).toEqual(['A-1']);
    expect(numbers(`Ids=${b.InvoiceID}`)).toEqual(['B-1']);
    expect(numbers('invoicenumbers=A-1')).toEqual(['A-1']);
    expect(numbers('INVOICENUMBERS=B-1')).toEqual(['B-1']);
    expect(numbers('statuses=DRAFT')).toEqual(['B-1']);
    expect(numbers(`contactids=${a.Contact.ContactID}`)).toEqual(['A-1', 'B-1']);
    const walkIn = au.contacts.find((c) => c.ContactNumber === 'WALKIN')!;
    const contacts = send(au, 'GET', `/Contacts?ids=${walkIn.ContactID}`).body.Contacts;
    expect(contacts.map((c: Wire) => c.ContactID)).toEqual([walkIn.ContactID]);
  });

  it('page / Page / PAGE and pageSize / pagesize / PageSize page the list', () => {
    const { au } = freshBooks();
    for (const n of ['P-1', 'P-2', 'P-3']) createInvoice(au, auInvoice(au, { InvoiceNumber: n }));
    for (const [page, size] of [
      ['page', 'pageSize'],
      ['Page', 'pagesize'],
      ['PAGE', 'PageSize'],
    ]) {
      const answer = send(au, 'GET', `/Invoices?${page}=2&${size}=2&order=InvoiceNumber`).body;
      expect(answer.pagination, page).toEqual({ page: 2, pageSize: 2, pageCount: 2, itemCount: 3 });
      expect(answer.Invoices.map((i: Wire) => i.InvoiceNumber)).toEqual(['P-3']);
      expect(answer.Invoices[0].LineItems).toHaveLength(1);
    }
  });

  it('includeArchived, summaryOnly, searchTerm and createdByMyApp in any case', () => {
    const { au } = freshBooks();
    const all = send(au, 'GET', '/Contacts?IncludeArchived=true').body.Contacts;
    expect(all.some((c: Wire) => c.ContactStatus === 'ARCHIVED')).toBe(true);
    const summary = send(au, 'GET', '/Contacts?SUMMARYONLY=true').body.Contacts[0];
    expect(summary.Addresses).toBeUndefined();
    const found = send(au, 'GET', '/Contacts?searchterm=hcf').body.Contacts;
    expect(found.map((c: Wire) => c.Name)).toEqual(['HCF Health Fund']);
    createInvoice(au, auInvoice(au));
    expect(send(au, 'GET', '/Invoices?CreatedByMyApp=true').body.Invoices).toHaveLength(1);
  });

  it('repeated names in different cases are one parameter: list values are combined', () => {
    const { au } = freshBooks();
    createInvoice(au, auInvoice(au, { InvoiceNumber: 'R-1' }));
    createInvoice(au, auInvoice(au, { InvoiceNumber: 'R-2' }));
    const answer = send(au, 'GET', '/Invoices?InvoiceNumbers=R-1&invoicenumbers=R-2').body.Invoices;
    expect(answer.map((i: Wire) => i.InvoiceNumber).sort()).toEqual(['R-1', 'R-2']);
  });
});
