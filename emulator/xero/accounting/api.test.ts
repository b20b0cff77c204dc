import { describe, expect, it } from 'vitest';
import { auInvoice, createInvoice, documentsOf, freshBooks, send, type Wire } from './test-support';
import { ZERO_GUID } from './wire';

/** Cross-cutting behaviour: summarizeErrors, unreadable bodies, 404s and scopes. */

describe('summarizeErrors', () => {
  const batch = (au: ReturnType<typeof freshBooks>['au']) => ({
    Invoices: [
      auInvoice(au, { InvoiceNumber: 'OK-1' }),
      auInvoice(au, {
        InvoiceNumber: 'BAD-1',
        LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 5, AccountCode: '999' }],
      }),
      auInvoice(au, { InvoiceNumber: 'OK-2' }),
    ],
  });

  it('=false: answers 200 with every element, failures as ERROR with a zero GUID; valid ones are created', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Invoices?summarizeErrors=false', batch(au));
    expect(answer.status).toBe(200);
    const [first, second, third] = answer.body.Invoices;
    expect(first).toMatchObject({ InvoiceNumber: 'OK-1', StatusAttributeString: 'OK' });
    expect(first.InvoiceID).not.toBe(ZERO_GUID);
    expect(second).toMatchObject({
      InvoiceNumber: 'BAD-1',
      InvoiceID: ZERO_GUID,
      StatusAttributeString: 'ERROR',
      HasErrors: true,
      ValidationErrors: [{ Message: "Account code '999' is not a valid code for this document." }],
    });
    expect(second.LineItems[0].ValidationErrors).toEqual([
      { Message: "Account code '999' is not a valid code for this document." },
    ]);
    expect(third).toMatchObject({ InvoiceNumber: 'OK-2', StatusAttributeString: 'OK' });
    expect(au.invoices.map((i) => i.InvoiceNumber)).toEqual(['OK-1', 'OK-2']);
  });

  it('default: answers 400 ValidationException listing only the failures, yet creates the valid elements', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Invoices', batch(au));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(answer.body.Elements).toHaveLength(1);
    expect(answer.body.Elements[0]).toMatchObject({ InvoiceNumber: 'BAD-1', StatusAttributeString: 'ERROR' });
    // Xero still created the valid ones (reference §2.4), their ids unreported.
    expect(
      send(au, 'GET', '/Invoices')
        .body.Invoices.map((i: Wire) => i.InvoiceNumber)
        .sort(),
    ).toEqual(['OK-1', 'OK-2']);
  });

  it('sees earlier elements of the same batch (a repeated number fails the second time)', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [auInvoice(au, { InvoiceNumber: 'DUP' }), auInvoice(au, { InvoiceNumber: 'DUP' })],
    });
    expect(answer.body.Invoices.map((i: Wire) => i.StatusAttributeString)).toEqual(['OK', 'ERROR']);
  });

  it('reads summarizeErrors case-insensitively (False)', () => {
    const { au } = freshBooks();
    expect(send(au, 'PUT', '/Invoices?summarizeErrors=False', batch(au)).status).toBe(200);
  });
});

describe('unreadable bodies', () => {
  it('malformed JSON → PostDataInvalidException, nothing changed', () => {
    const { au } = freshBooks();
    const before = documentsOf(au);
    const answer = send(au, 'PUT', '/Invoices', undefined, { raw: '{"Invoices": [' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ ErrorNumber: 14, Type: 'PostDataInvalidException' });
    expect(answer.body.Message).toMatch(/^JSON request body could not be read, /);
    expect(documentsOf(au)).toBe(before);
  });

  it('a value of the wrong type fails the whole request, even the valid elements', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [
        auInvoice(au),
        auInvoice(au, { LineItems: [{ Description: 'x', Quantity: 'two', UnitAmount: 5 }] }),
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.Type).toBe('PostDataInvalidException');
    expect(answer.body.Message).toContain("Path 'Invoices[1].LineItems[0].Quantity'");
    expect(au.invoices).toHaveLength(0);
  });

  it('an unknown enum value or impossible date is unreadable too', () => {
    const { au } = freshBooks();
    expect(
      send(au, 'PUT', '/Invoices', { Invoices: [auInvoice(au, { Status: 'APPROVED' })] }).body.Type,
    ).toBe('PostDataInvalidException');
    expect(
      send(au, 'PUT', '/Invoices', { Invoices: [auInvoice(au, { Date: '2026-02-30' })] }).body.Type,
    ).toBe('PostDataInvalidException');
  });

  it('a missing wrapper → NoDataProcessedException naming the resource', () => {
    const { au } = freshBooks();
    const bare = send(au, 'PUT', '/Invoices', auInvoice(au));
    expect(bare.status).toBe(400);
    expect(bare.body).toEqual({
      ErrorNumber: 17,
      Type: 'NoDataProcessedException',
      Message:
        'No data has been processed for this endpoint. This endpoint is expecting Invoice data to be specifed in the request body.',
    });
    expect(send(au, 'PUT', '/Contacts', { Contact: { Name: 'x' } }).body.Message).toContain(
      'expecting Contact data',
    );
    expect(send(au, 'PUT', '/Invoices', { Invoices: [] }).body.Type).toBe('NoDataProcessedException');
    expect(send(au, 'PUT', '/Payments', undefined, { raw: '' }).body.Type).toBe('NoDataProcessedException');
  });
});

describe('404s', () => {
  it('answers plain text for unknown paths, methods and ids', () => {
    const { au } = freshBooks();
    for (const [method, path] of [
      ['GET', '/Nope'],
      ['GET', '/Invoices/11111111-2222-4333-8444-555555555555'],
      ['DELETE', '/Invoices'],
      ['PUT', '/Accounts'],
      ['GET', '/Invoices/a/b'],
      ['GET', '/'],
    ] as const) {
      const answer = send(au, method, path);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.text).toBe("The resource you're looking for cannot be found");
    }
  });

  it('matches resource names case-insensitively', () => {
    const { au } = freshBooks();
    expect(send(au, 'GET', '/invoices').status).toBe(200);
    expect(send(au, 'GET', '/TAXRATES').status).toBe(200);
  });

  it("never shows one tenant's documents to another", () => {
    const { au, uk } = freshBooks();
    const invoice = createInvoice(au, auInvoice(au));
    expect(send(uk, 'GET', `/Invoices/${invoice.InvoiceID}`).status).toBe(404);
    expect(send(uk, 'GET', '/Invoices/INV-0001').status).toBe(404);
    expect(send(uk, 'GET', '/Invoices').body.Invoices).toEqual([]);
  });
});

describe('scopes', () => {
  const scopes = (...names: string[]) => ({ scopes: new Set(names) });
  const status = (method: string, path: string, granted: string[], body?: unknown) => {
    const { au } = freshBooks();
    return send(au, method, path, body, scopes(...granted)).status;
  };

  it('answers 401 AuthorizationUnsuccessful without the needed scope', () => {
    const { au } = freshBooks();
    const answer = send(au, 'GET', '/Invoices', undefined, scopes('accounting.contacts'));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({
      Title: 'Unauthorized',
      Status: 401,
      Detail: 'AuthorizationUnsuccessful',
    });
  });

  it('invoices and credit notes: accounting.invoices (or .read for GET), or the broad accounting.transactions', () => {
    expect(status('GET', '/Invoices', ['accounting.invoices.read'])).toBe(200);
    expect(status('GET', '/CreditNotes', ['accounting.invoices.read'])).toBe(200);
    expect(status('GET', '/Invoices', ['accounting.transactions.read'])).toBe(200);
    expect(status('PUT', '/Invoices', ['accounting.invoices.read'], { Invoices: [{}] })).toBe(401);
    expect(status('PUT', '/Invoices', ['accounting.payments'], { Invoices: [{}] })).toBe(401);
    expect(status('PUT', '/Invoices', ['accounting.transactions'], { Invoices: [{}] })).toBe(400);
    expect(status('PUT', '/CreditNotes/CN-1/Allocations', ['accounting.payments'], {})).toBe(401);
    expect(status('DELETE', '/CreditNotes/CN-1/Allocations/x', ['accounting.invoices.read'])).toBe(401);
  });

  it('payments: accounting.payments (or .read for GET), or accounting.transactions', () => {
    expect(status('GET', '/Payments', ['accounting.payments.read'])).toBe(200);
    expect(status('GET', '/Payments', ['accounting.invoices'])).toBe(401);
    expect(status('PUT', '/Payments', ['accounting.invoices'], { Payments: [{}] })).toBe(401);
    expect(status('PUT', '/Payments', ['accounting.payments.read'], { Payments: [{}] })).toBe(401);
    expect(status('PUT', '/Payments', ['accounting.transactions'], { Payments: [{}] })).toBe(400);
  });

  it('contacts: accounting.contacts (or .read for GET)', () => {
    expect(status('GET', '/Contacts', ['accounting.contacts.read'])).toBe(200);
    expect(status('PUT', '/Contacts', ['accounting.contacts.read'], { Contacts: [{ Name: 'x' }] })).toBe(401);
    expect(status('PUT', '/Contacts', ['accounting.transactions'], { Contacts: [{ Name: 'x' }] })).toBe(401);
    expect(status('PUT', '/Contacts', ['accounting.contacts'], { Contacts: [{ Name: 'x' }] })).toBe(200);
  });

  it('settings: accounting.settings or accounting.settings.read', () => {
    for (const path of ['/Organisation', '/Accounts', '/TaxRates']) {
      expect(status('GET', path, ['accounting.settings.read'])).toBe(200);
      expect(status('GET', path, ['accounting.settings'])).toBe(200);
      expect(status('GET', path, ['accounting.invoices', 'accounting.contacts'])).toBe(401);
    }
  });

  it('checks the scope before looking the document up', () => {
    expect(status('GET', '/Invoices/11111111-2222-4333-8444-555555555555', ['accounting.contacts'])).toBe(
      401,
    );
  });
});
