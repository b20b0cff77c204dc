import { describe, expect, it } from 'vitest';
import type { TenantBooks } from './books';
import { auInvoice, FULL_SCOPES, freshBooks, NOW, send, validationMessages } from './test-support';

/** `POST /Accounts/{AccountID}`: a bookkeeper archives an account, or makes it active again. */

const SETTINGS_WRITE = new Set([...FULL_SCOPES, 'accounting.settings']);
const idOf = (books: TenantBooks, code: string) => books.accounts.find((a) => a.Code === code)!.AccountID;
const statusOf = (books: TenantBooks, code: string) => books.accounts.find((a) => a.Code === code)!.Status;
const post = (
  books: TenantBooks,
  code: string,
  body: unknown,
  scopes: ReadonlySet<string> = SETTINGS_WRITE,
) => send(books, 'POST', `/Accounts/${idOf(books, code)}`, body, { scopes });

const invoiceOn = (books: TenantBooks, accountCode: string) =>
  send(books, 'PUT', '/Invoices', {
    Invoices: [
      auInvoice(books, {
        LineItems: [
          {
            Description: 'Consult',
            Quantity: 1,
            UnitAmount: 100,
            AccountCode: accountCode,
            TaxType: 'OUTPUT',
          },
        ],
      }),
    ],
  });

describe('POST /Accounts/{AccountID}', () => {
  it('archives an account: it is listed as ARCHIVED and new invoice lines on it are refused', () => {
    const { au } = freshBooks();
    const later = new Date(NOW.getTime() + 60_000);
    const answer = send(
      au,
      'POST',
      `/Accounts/${idOf(au, '200')}`,
      { Status: 'ARCHIVED' },
      {
        scopes: SETTINGS_WRITE,
        now: later,
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.Accounts[0]).toMatchObject({ Code: '200', Status: 'ARCHIVED' });
    expect(answer.body.Accounts[0].UpdatedDateUTC).toBe(`/Date(${later.getTime()})/`);
    const listed = send(au, 'GET', '/Accounts').body.Accounts.find((a: { Code: string }) => a.Code === '200');
    expect(listed.Status).toBe('ARCHIVED');

    const refused = invoiceOn(au, '200');
    expect(refused.status).toBe(400);
    expect(validationMessages(refused)).toContain(
      "Account code '200' is not a valid code for this document.",
    );
  });

  it('makes an archived account active again (the spec wrapper form), and invoices may use it', () => {
    const { au } = freshBooks();
    expect(statusOf(au, '250')).toBe('ARCHIVED');
    expect(invoiceOn(au, '250').status).toBe(400);
    const answer = post(au, '250', { Accounts: [{ AccountID: idOf(au, '250'), Status: 'ACTIVE' }] });
    expect(answer.status).toBe(200);
    expect(answer.body.Accounts[0]).toMatchObject({ Code: '250', Status: 'ACTIVE' });
    expect(invoiceOn(au, '250').status).toBe(200);
  });

  it('needs accounting.settings: the read-only scope is refused and nothing changes', () => {
    const { au } = freshBooks();
    const answer = post(au, '200', { Status: 'ARCHIVED' }, FULL_SCOPES);
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('AuthorizationUnsuccessful');
    expect(statusOf(au, '200')).toBe('ACTIVE');
  });

  it('refuses to archive a system account', () => {
    const { au } = freshBooks();
    const answer = post(au, '860', { Status: 'ARCHIVED' });
    expect(answer.status).toBe(400);
    expect(validationMessages(answer)).toEqual(['Rounding is a system account and cannot be archived.']);
    expect(answer.body.Elements[0].AccountID).toBe(idOf(au, '860'));
    expect(statusOf(au, '860')).toBe('ACTIVE');
  });

  it('refuses DELETED by POST, a missing Status and a changed Code; an unknown Status is unreadable', () => {
    const { au } = freshBooks();
    expect(validationMessages(post(au, '200', { Status: 'DELETED' }))).toEqual([
      'An account is deleted with DELETE /Accounts/{AccountID}, not by its Status.',
    ]);
    expect(validationMessages(post(au, '200', { Name: 'Sales' }))).toEqual([
      'Status is required: ACTIVE or ARCHIVED.',
    ]);
    expect(validationMessages(post(au, '200', { Code: '201', Status: 'ARCHIVED' }))).toEqual([
      "Only an account's Status can be changed here; Code must stay '200'.",
    ]);
    const unreadable = post(au, '200', { Status: 'GONE' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.Type).toBe('PostDataInvalidException');
    expect(statusOf(au, '200')).toBe('ACTIVE');
  });

  it('answers 404 for an unknown id and NoDataProcessed for an empty body', () => {
    const { au, uk } = freshBooks();
    const other = send(
      au,
      'POST',
      `/Accounts/${idOf(uk, '200')}`,
      { Status: 'ARCHIVED' },
      {
        scopes: SETTINGS_WRITE,
      },
    );
    expect(other.status).toBe(404);
    const empty = send(au, 'POST', `/Accounts/${idOf(au, '200')}`, undefined, { scopes: SETTINGS_WRITE });
    expect(empty.status).toBe(400);
    expect(empty.body.Type).toBe('NoDataProcessedException');
  });

  it('archiving twice is accepted and changes nothing more', () => {
    const { au } = freshBooks();
    post(au, '200', { Status: 'ARCHIVED' });
    const before = au.accounts.find((a) => a.Code === '200')!.UpdatedDateUTC;
    const again = send(
      au,
      'POST',
      `/Accounts/${idOf(au, '200')}`,
      { Status: 'ARCHIVED' },
      {
        scopes: SETTINGS_WRITE,
        now: new Date(NOW.getTime() + 120_000),
      },
    );
    expect(again.status).toBe(200);
    expect(au.accounts.find((a) => a.Code === '200')!.UpdatedDateUTC).toBe(before);
  });
});
