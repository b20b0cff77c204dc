import type { TenantBooks } from './books';
import type { AccountingCall } from './contract';
import { handleAccounting } from './index';
import { createSeedBooks } from './seed';

/** Helpers for this folder's tests: build AccountingCalls and read Xero's answers. */

export const NOW = new Date('2026-05-20T01:00:00.000Z');

export const FULL_SCOPES: ReadonlySet<string> = new Set([
  'accounting.invoices',
  'accounting.payments',
  'accounting.contacts',
  'accounting.settings.read',
]);

export function freshBooks(now: Date = NOW): { au: TenantBooks; uk: TenantBooks } {
  const [au, uk] = createSeedBooks(now);
  if (!au || !uk) throw new Error('seed must hold two organisations');
  return { au, uk };
}

export interface SendOptions {
  scopes?: ReadonlySet<string>;
  headers?: Record<string, string>;
  now?: Date;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read Xero's loosely-typed JSON.
export type Wire = any;

export interface Answer {
  status: number;
  body: Wire;
  text: string;
}

export function buildCall(
  method: string,
  target: string,
  body: unknown,
  options: SendOptions = {},
): AccountingCall {
  const [path = '', search = ''] = target.split('?');
  return {
    request: {
      method,
      path,
      query: new URLSearchParams(search),
      headers: { accept: 'application/json', ...options.headers },
      rawBody: options.raw ?? (body === undefined ? '' : JSON.stringify(body)),
    },
    scopes: options.scopes ?? FULL_SCOPES,
    now: options.now ?? NOW,
    providerName: 'Practice Sync for Xero',
  };
}

export function send(
  books: TenantBooks,
  method: string,
  target: string,
  body?: unknown,
  options?: SendOptions,
): Answer {
  const response = handleAccounting(buildCall(method, target, body, options), books);
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  return {
    status: response.status,
    body: typeof response.body === 'string' ? undefined : response.body,
    text,
  };
}

/** The ValidationErrors messages of every failed element of a 400 ValidationException. */
export function validationMessages(answer: Answer): string[] {
  return (answer.body?.Elements ?? []).flatMap((e: Wire) =>
    (e.ValidationErrors ?? []).map((v: Wire) => v.Message),
  );
}

export function contactId(books: TenantBooks, name: string): string {
  const contact = books.contacts.find((c) => c.Name === name);
  if (!contact) throw new Error(`no seeded contact ${name}`);
  return contact.ContactID;
}

/** A minimal valid AUTHORISED sales invoice for the AU clinic. */
export function auInvoice(
  books: TenantBooks,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    Type: 'ACCREC',
    Contact: { ContactID: contactId(books, 'Walk-in patient') },
    Date: '2026-05-18',
    DueDate: '2026-06-01',
    LineAmountTypes: 'Exclusive',
    Status: 'AUTHORISED',
    LineItems: [
      {
        Description: 'Initial consultation',
        Quantity: 1,
        UnitAmount: 120,
        AccountCode: '210',
        TaxType: 'EXEMPTOUTPUT',
      },
    ],
    ...overrides,
  };
}

/** Creates one invoice (PUT) and returns its wire form; throws if Xero refused it. */
export function createInvoice(books: TenantBooks, invoice: Record<string, unknown>, query = ''): Wire {
  const answer = send(books, 'PUT', `/Invoices${query}`, { Invoices: [invoice] });
  if (answer.status !== 200) throw new Error(`invoice refused: ${answer.text}`);
  return answer.body.Invoices[0];
}

/** Deep copy of the mutable parts of the books, to prove a refused request changed nothing. */
export function documentsOf(books: TenantBooks): string {
  return JSON.stringify({
    contacts: books.contacts,
    invoices: books.invoices,
    creditNotes: books.creditNotes,
    payments: books.payments,
    numbering: books.numbering,
  });
}
