import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TENANTS } from './accounting/seed';
import type { XeroEmulator } from './server';
import { advanceClock, api, control, scriptTokens, startTestEmulator } from './test-support/harness';

let xero: XeroEmulator;
let token: string;
beforeAll(async () => {
  xero = await startTestEmulator();
});
afterAll(() => xero.close());
beforeEach(async () => {
  await control(xero, 'reset', {});
  token = (await scriptTokens(xero)).access_token;
});

const AU = SEED_TENANTS.auClinic.tenantId;
const UK = SEED_TENANTS.ukAudiology.tenantId;

const contact = (name: string) => ({ Contacts: [{ Name: name }] });

async function contactNames(tenantId: string): Promise<string[]> {
  const body = await (await api(xero, 'Contacts', { token, tenantId })).json();
  return body.Contacts.map((c: { Name: string }) => c.Name);
}

describe('authentication and tenant', () => {
  it('answers 401 problem details without a token or with a forged one', async () => {
    const none = await fetch(`${xero.url}/api.xro/2.0/Organisation`, {
      headers: { Accept: 'application/json', 'xero-tenant-id': AU },
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      Title: 'Unauthorized',
      Status: 401,
      Detail: 'AuthenticationUnsuccessful',
    });
    const forged = await api(xero, 'Organisation', { token: `${token.slice(0, -2)}xx`, tenantId: AU });
    expect(forged.status).toBe(401);
  });

  it('expires access tokens after 30 minutes with a TokenExpired detail', async () => {
    expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
    await advanceClock(xero, 30 * 60);
    const response = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(response.status).toBe(401);
    expect((await response.json()).Detail).toMatch(
      /^TokenExpired: token expired at \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/,
    );
  });

  it('answers 403 AuthenticationUnsuccessful for a missing, unknown or unconnected tenant', async () => {
    await control(xero, 'reset', {});
    const onlyAu = (await scriptTokens(xero, { tenantIds: [AU] })).access_token;
    for (const tenantId of [undefined, '00000000-0000-0000-0000-000000000001', UK]) {
      const response = await api(xero, 'Organisation', { token: onlyAu, ...(tenantId ? { tenantId } : {}) });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        Title: 'Forbidden',
        Status: 403,
        Detail: 'AuthenticationUnsuccessful',
      });
    }
    expect((await api(xero, 'Organisation', { token: onlyAu, tenantId: AU })).status).toBe(200);
  });

  it('answers XML unless the caller asks for JSON, as Xero does', async () => {
    const response = await api(xero, 'Organisation', { token, tenantId: AU, headers: { Accept: '*/*' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<Response><Id>');
    expect(xml).toContain(`<Organisations><Organisation><OrganisationID>`);
    expect(xml).toContain('<Addresses><Address>');
  });

  it("answers the API's errors in XML too when JSON was not asked for (ApiException)", async () => {
    const xmlOnly = { Accept: 'application/xml' };
    const invalid = await api(xero, 'Invoices', {
      token,
      tenantId: AU,
      method: 'PUT',
      headers: xmlOnly,
      body: {
        Invoices: [
          {
            Type: 'ACCREC',
            Contact: { Name: 'X' },
            LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '999' }],
          },
        ],
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('text/xml');
    const body = await invalid.text();
    expect(body).toMatch(
      /^<\?xml[^>]*>\n<ApiException><ErrorNumber>10<\/ErrorNumber><Type>ValidationException<\/Type>/,
    );
    expect(body).toContain(
      "<ValidationErrors><ValidationError><Message>Account code '999' is not a valid code for this document.</Message></ValidationError>",
    );
    const unreadable = await api(xero, 'Contacts', {
      token,
      tenantId: AU,
      method: 'PUT',
      headers: xmlOnly,
      body: '{',
    });
    expect(unreadable.status).toBe(400);
    expect(await unreadable.text()).toContain('<Type>PostDataInvalidException</Type>');
    const badWhere = await api(xero, `Contacts?where=${encodeURIComponent('Nope==1')}`, {
      token,
      tenantId: AU,
      headers: xmlOnly,
    });
    expect(badWhere.status).toBe(400);
    expect(await badWhere.text()).toContain('<Type>QueryParseException</Type>');
    await control(xero, 'faults', { faults: [{ action: { type: 'status', status: 500 } }] });
    const outage = await api(xero, 'Organisation', { token, tenantId: AU, headers: xmlOnly });
    expect(outage.status).toBe(500);
    expect(await outage.text()).toContain('<ApiException><ErrorNumber>500</ErrorNumber>');
  });

  it('without JSON asked for: 404 stays plain text, gateway problem details (401, 403) stay JSON', async () => {
    const xmlOnly = { Accept: 'application/xml' };
    const missing = await api(xero, 'Nonsense', { token, tenantId: AU, headers: xmlOnly });
    expect(missing.headers.get('content-type')).toContain('text/plain');
    const unauthorised = await api(xero, 'Organisation', { token: 'nope', tenantId: AU, headers: xmlOnly });
    expect(unauthorised.status).toBe(401);
    expect((await unauthorised.json()).Detail).toBe('AuthenticationUnsuccessful');
    const forbidden = await api(xero, 'Organisation', { token, tenantId: 'x', headers: xmlOnly });
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).Detail).toBe('AuthenticationUnsuccessful');
    const put = (name: string) =>
      api(xero, 'Contacts', {
        token,
        tenantId: AU,
        method: 'PUT',
        body: contact(name),
        headers: { ...xmlOnly, 'Idempotency-Key': 'xml-key' },
      });
    expect(await (await put('Xml One')).text()).toMatch(/^<\?xml/);
    const reused = await put('Xml Two');
    expect(reused.status).toBe(400);
    expect((await reused.json()).Detail).toBe('Idempotency Key: xml-key is used with a different request.');
  });

  it('JSON for any Accept that lists application/json', async () => {
    const response = await api(xero, 'Organisation', {
      token,
      tenantId: AU,
      headers: { Accept: 'text/plain, Application/JSON;q=0.9' },
    });
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('answers plain-text 404 for an unknown path', async () => {
    const response = await api(xero, 'Nonsense', { token, tenantId: AU });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toBe("The resource you're looking for cannot be found");
  });
});

describe('URL length', () => {
  /** A GET /Invoices?InvoiceNumbers=… whose URL against api.xero.com is exactly `length` long. */
  function invoicesUrlOfLength(length: number): string {
    const prefix = '/api.xro/2.0/Invoices?InvoiceNumbers=';
    const fill = length - 'https://api.xero.com'.length - prefix.length;
    const numbers: string[] = [];
    let used = 0;
    while (used + 'PMS-000000,'.length <= fill) {
      numbers.push(`PMS-${String(numbers.length).padStart(6, '0')}`);
      used += 'PMS-000000,'.length;
    }
    const text = `${numbers.join(',')},${'X'.repeat(fill - used)}`;
    expect(`https://api.xero.com${prefix}${text}`).toHaveLength(length);
    return `Invoices?InvoiceNumbers=${text}`;
  }

  it('answers a URL of 4,096 characters (as against api.xero.com) and refuses 4,097 with a plain 414', async () => {
    const fits = await api(xero, invoicesUrlOfLength(4096), { token, tenantId: AU });
    expect(fits.status).toBe(200);
    const tooLong = await api(xero, invoicesUrlOfLength(4097), { token, tenantId: AU });
    expect(tooLong.status).toBe(414);
    expect(tooLong.headers.get('content-type')).toContain('text/plain');
    expect(await tooLong.text()).toBe('Request-URI Too Long');
  });

  it('refuses before anything else: no token needed, no quota spent, no fault consumed', async () => {
    await control(xero, 'faults', { faults: [{ action: { type: 'status', status: 503 } }] });
    const tooLong = await api(xero, invoicesUrlOfLength(5000), { token: 'not a token', tenantId: AU });
    expect(tooLong.status).toBe(414);
    const next = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(next.status).toBe(503);
    await control(xero, 'faults', { faults: [] });
    const after = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(after.headers.get('x-minlimit-remaining')).toBe('58');
  });

  it('counts the URL percent-encoded, as sent', async () => {
    // 40 quoted numbers in a where filter: each " is %22 on the wire.
    const where = Array.from({ length: 40 }, (_, i) => `InvoiceNumber=="PMS-${i}"`).join(' OR ');
    const encoded = encodeURIComponent(where);
    expect(`https://api.xero.com/api.xro/2.0/Invoices?where=${encoded}`.length).toBeLessThanOrEqual(4096);
    expect((await api(xero, `Invoices?where=${encoded}`, { token, tenantId: AU })).status).toBe(200);
    const many = Array.from({ length: 120 }, (_, i) => `InvoiceNumber=="PMS-${i}"`).join(' OR ');
    expect(
      (await api(xero, `Invoices?where=${encodeURIComponent(many)}`, { token, tenantId: AU })).status,
    ).toBe(414);
  });
});

describe('rate limits', () => {
  it('reports the remaining quotas on every response', async () => {
    const response = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(response.headers.get('x-minlimit-remaining')).toBe('59');
    expect(response.headers.get('x-daylimit-remaining')).toBe('4999');
    expect(response.headers.get('x-appminlimit-remaining')).toBe('9999');
  });

  it('allows 60 calls a minute per tenant, then 429 with Retry-After; the window is fixed', async () => {
    for (let i = 0; i < 60; i++)
      expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
    const limited = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(limited.headers.get('x-minlimit-remaining')).toBe('0');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another tenant has its own window.
    expect((await api(xero, 'Organisation', { token, tenantId: UK })).status).toBe(200);
    // A caller that waits out Retry-After is not held back any further.
    await advanceClock(xero, retryAfter);
    expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
  });

  it('calling again before Retry-After has passed extends the minute block to a full 60 seconds', async () => {
    for (let i = 0; i < 60; i++)
      expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
    const limited = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(10);
    await advanceClock(xero, 10);
    const early = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(early.status).toBe(429);
    expect(early.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(early.headers.get('retry-after')).toBe('60');
    // The first Retry-After has passed, but the block now runs from the early call.
    await advanceClock(xero, retryAfter - 10);
    const stillBlocked = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(stillBlocked.status).toBe(429);
    expect(stillBlocked.headers.get('retry-after')).toBe('60');
    // Other tenants are not affected; honouring the new Retry-After lets the caller in.
    expect((await api(xero, 'Organisation', { token, tenantId: UK })).status).toBe(200);
    await advanceClock(xero, 60);
    expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
  });

  it('a day-limit 429 is only refused: calling again does not extend it', async () => {
    await control(xero, 'limits', { perDay: 3 });
    for (let i = 0; i < 3; i++)
      expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
    const first = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(first.headers.get('x-rate-limit-problem')).toBe('day');
    await advanceClock(xero, 60);
    const again = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(again.headers.get('x-rate-limit-problem')).toBe('day');
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(
      Number(first.headers.get('retry-after')) - 59,
    );
  });

  it('allows 5,000 calls a day per tenant, then 429 "day" with a Retry-After of hours', async () => {
    for (let i = 0; i < 5000; i++) {
      if (i > 0 && i % 60 === 0) await advanceClock(xero, 60);
      const response = await api(xero, 'Organisation', { token, tenantId: AU });
      if (response.status !== 200) throw new Error(`call ${i} answered ${response.status}`);
      await response.arrayBuffer();
      if (i % 1000 === 999) token = (await scriptTokens(xero)).access_token; // tokens last 30 minutes
    }
    await advanceClock(xero, 60);
    const limited = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('day');
    expect(limited.headers.get('x-daylimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3600);
  }, 60_000);

  it('allows 5 concurrent calls per tenant; the 6th gets 429 "concurrent"', async () => {
    await control(xero, 'faults', {
      faults: [{ match: { path: '/Organisation' }, times: 5, action: { type: 'delay', ms: 400 } }],
    });
    const slow = Array.from({ length: 5 }, () => api(xero, 'Organisation', { token, tenantId: AU }));
    await new Promise((r) => setTimeout(r, 100));
    const sixth = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('x-rate-limit-problem')).toBe('concurrent');
    // Xero sends Retry-After with the minute and day limits only: nothing to wait a minute for.
    expect(sixth.headers.get('retry-after')).toBeNull();
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
  });

  it('limits the app to 10,000 calls a minute across tenants (limits adjustable for the Starter tier)', async () => {
    await control(xero, 'limits', { appPerMinute: 3 });
    expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
    expect((await api(xero, 'Organisation', { token, tenantId: UK })).status).toBe(200);
    expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
    const limited = await api(xero, 'Organisation', { token, tenantId: UK });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-problem')).toBe('appminute');
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('x-appminlimit-remaining')).toBe('0');
  });
});

describe('idempotency', () => {
  const put = (key: string | undefined, body: unknown) =>
    api(xero, 'Contacts?summarizeErrors=false', {
      token,
      tenantId: AU,
      method: 'PUT',
      body,
      ...(key === undefined ? {} : { headers: { 'Idempotency-Key': key } }),
    });

  it('replays the first answer for the same key and request, creating nothing twice', async () => {
    const first = await put('key-1', contact('Ada Lovelace'));
    const second = await put('key-1', contact('Ada Lovelace'));
    expect(first.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    expect((await contactNames(AU)).filter((n) => n === 'Ada Lovelace')).toHaveLength(1);
  });

  it('answers 400 when a key is reused for a different request', async () => {
    await put('key-2', contact('Grace Hopper'));
    const reused = await put('key-2', contact('Someone Else'));
    expect(reused.status).toBe(400);
    expect((await reused.json()).Detail).toBe('Idempotency Key: key-2 is used with a different request.');
    expect(await contactNames(AU)).not.toContain('Someone Else');
  });

  it('still replays at 5 minutes 59 seconds', async () => {
    const first = await (await put('key-359', contact('Ada Byron'))).json();
    await advanceClock(xero, 5 * 60 + 59);
    token = (await scriptTokens(xero)).access_token;
    const replay = await (await put('key-359', contact('Ada Byron'))).json();
    expect(replay).toEqual(first);
    expect(replay.Contacts[0].StatusAttributeString).toBe('OK');
  });

  it('forgets a key after 6 minutes: the request is processed again', async () => {
    await put('key-3', contact('Mary Somerville'));
    await advanceClock(xero, 6 * 60);
    token = (await scriptTokens(xero)).access_token;
    const again = await put('key-3', contact('Mary Somerville'));
    const body = await again.json();
    expect(body.Contacts[0].StatusAttributeString).toBe('ERROR');
    expect(body.Contacts[0].ValidationErrors[0].Message).toContain('already assigned to another contact');
  });

  it('refuses an empty key and a key longer than 128 characters', async () => {
    expect((await put('', contact('A'))).status).toBe(400);
    expect((await put('k'.repeat(129), contact('B'))).status).toBe(400);
    expect((await put('k'.repeat(128), contact('C'))).status).toBe(200);
    expect(await contactNames(AU)).not.toContain('A');
  });

  it('keys are per app: a key reused on another organisation with a different request is a 400', async () => {
    await put('key-4', contact('Caroline Herschel'));
    const other = await api(xero, 'Contacts', {
      token,
      tenantId: UK,
      method: 'PUT',
      body: contact('William Herschel'),
      headers: { 'Idempotency-Key': 'key-4' },
    });
    expect(other.status).toBe(400);
    expect((await other.json()).Detail).toBe('Idempotency Key: key-4 is used with a different request.');
    expect(await contactNames(UK)).not.toContain('William Herschel');
  });

  it("the same key and identical request on another organisation never replays the first one's answer", async () => {
    const first = await put('key-4b', contact('Caroline Herschel'));
    expect(first.status).toBe(200);
    const ukPut = () =>
      api(xero, 'Contacts?summarizeErrors=false', {
        token,
        tenantId: UK,
        method: 'PUT',
        body: contact('Caroline Herschel'),
        headers: { 'Idempotency-Key': 'key-4b' },
      });
    const other = await ukPut();
    expect(other.status).toBe(400);
    expect(await contactNames(UK)).not.toContain('Caroline Herschel');
    // With its own key the UK request is processed as usual.
    const fresh = await api(xero, 'Contacts?summarizeErrors=false', {
      token,
      tenantId: UK,
      method: 'PUT',
      body: contact('Caroline Herschel'),
      headers: { 'Idempotency-Key': 'key-4c' },
    });
    expect(fresh.status).toBe(200);
    expect(await contactNames(UK)).toContain('Caroline Herschel');
  });

  it('another app has its own keys', async () => {
    await put('key-4d', contact('Caroline Herschel'));
    const legacy = (
      await scriptTokens(xero, {
        clientId: 'practice-sync-legacy',
        scope: 'offline_access accounting.transactions accounting.contacts',
      })
    ).access_token;
    const fromLegacy = await api(xero, 'Contacts?summarizeErrors=false', {
      token: legacy,
      tenantId: AU,
      method: 'PUT',
      body: contact('John Herschel'),
      headers: { 'Idempotency-Key': 'key-4d' },
    });
    expect(fromLegacy.status).toBe(200);
    expect(await contactNames(AU)).toContain('John Herschel');
  });

  it('caches an error too: a replay after a 500 gets the 500 even once Xero is well', async () => {
    await control(xero, 'faults', {
      faults: [{ match: { method: 'PUT' }, action: { type: 'status', status: 500 } }],
    });
    expect((await put('key-5', contact('Emmy Noether'))).status).toBe(500);
    expect((await put('key-5', contact('Emmy Noether'))).status).toBe(500);
    expect((await put('key-6', contact('Emmy Noether'))).status).toBe(200);
  });

  it('spends quota on a replay (rate limits are checked first)', async () => {
    await put('key-7', contact('Hypatia'));
    const replay = await put('key-7', contact('Hypatia'));
    expect(replay.headers.get('x-minlimit-remaining')).toBe('58');
  });
});

describe('faults', () => {
  it('injects 503 for the next matching call only', async () => {
    await control(xero, 'faults', {
      faults: [{ match: { path: '/Organisation' }, action: { type: 'status', status: 503 } }],
    });
    expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(503);
    expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
  });

  it('injects a 429 with the given problem and Retry-After', async () => {
    await control(xero, 'faults', {
      faults: [{ action: { type: 'rate-limit', problem: 'minute', retryAfter: 22 } }],
    });
    const response = await api(xero, 'Organisation', { token, tenantId: AU });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('22');
    expect(response.headers.get('x-rate-limit-problem')).toBe('minute');
  });

  it('a rate-limit fault: Retry-After (default 30) for minute and day, none for concurrent and appminute', async () => {
    await control(xero, 'faults', {
      faults: [
        { times: 1, action: { type: 'rate-limit', problem: 'day' } },
        { match: { path: '/Contacts' }, action: { type: 'rate-limit', problem: 'concurrent' } },
        { match: { path: '/Accounts' }, action: { type: 'rate-limit', problem: 'appminute' } },
      ],
    });
    const day = await api(xero, 'Organisation', { token, tenantId: AU });
    expect([day.status, day.headers.get('retry-after'), day.headers.get('x-rate-limit-problem')]).toEqual([
      429,
      '30',
      'day',
    ]);
    for (const [path, problem] of [
      ['Contacts', 'concurrent'],
      ['Accounts', 'appminute'],
    ]) {
      const response = await api(xero, path!, { token, tenantId: AU });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBeNull();
      expect(response.headers.get('x-rate-limit-problem')).toBe(problem);
    }
  });

  it('refuses a Retry-After on a concurrent or appminute fault, which Xero never sends', async () => {
    const response = await control(xero, 'faults', {
      faults: [{ action: { type: 'rate-limit', problem: 'concurrent', retryAfter: 5 } }],
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain('retryAfter');
  });

  it('drops the connection after committing a write: the contact exists though no answer came', async () => {
    await control(xero, 'faults', {
      faults: [{ match: { method: 'PUT' }, action: { type: 'drop-after-commit' } }],
    });
    await expect(
      api(xero, 'Contacts', {
        token,
        tenantId: AU,
        method: 'PUT',
        body: contact('Lost Answer'),
        headers: { 'Idempotency-Key': 'k-drop' },
      }),
    ).rejects.toThrow();
    expect(await contactNames(AU)).toContain('Lost Answer');
    // The retry with the same key within 6 minutes gets the committed answer, not a duplicate.
    const retry = await api(xero, 'Contacts', {
      token,
      tenantId: AU,
      method: 'PUT',
      body: contact('Lost Answer'),
      headers: { 'Idempotency-Key': 'k-drop' },
    });
    expect(retry.status).toBe(200);
    expect((await retry.json()).Contacts[0].Name).toBe('Lost Answer');
    expect((await contactNames(AU)).filter((n) => n === 'Lost Answer')).toHaveLength(1);
  });

  it('slows answers down', async () => {
    await control(xero, 'faults', { faults: [{ action: { type: 'delay', ms: 300 } }] });
    const started = performance.now();
    expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a probabilistic fault fires on a seeded, repeatable fraction of matching calls until cleared', async () => {
    const rules = {
      faults: [
        {
          match: { method: 'GET', path: '/api.xro/2.0/Contacts' },
          probability: 0.3,
          seed: 7,
          action: { type: 'status', status: 503 },
        },
      ],
    };
    const run = async () => {
      await control(xero, 'limits', { perMinute: 1000 });
      const set = await control(xero, 'faults', rules);
      expect((await set.json()).faults).toEqual([{ ...rules.faults[0], matched: 0, fired: 0 }]);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        statuses.push((await api(xero, 'Contacts', { token, tenantId: AU })).status);
        // Other paths neither fire nor move the rule's generator.
        expect((await api(xero, 'Organisation', { token, tenantId: AU })).status).toBe(200);
      }
      return statuses;
    };
    const first = await run();
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(4);
    expect(failed).toBeLessThan(24);
    expect(first.filter((s) => s !== 503).every((s) => s === 200)).toBe(true);
    const state = await (await control(xero, 'state')).json();
    expect(state.faults[0]).toMatchObject({ probability: 0.3, seed: 7, matched: 40, fired: failed });
    // Set again (here after a reset): the same calls fail.
    await control(xero, 'reset', {});
    token = (await scriptTokens(xero)).access_token;
    expect(await run()).toEqual(first);
    // An empty list clears it.
    expect(await (await control(xero, 'faults', { faults: [] })).json()).toEqual({ faults: [] });
    for (let i = 0; i < 10; i++)
      expect((await api(xero, 'Contacts', { token, tenantId: AU })).status).toBe(200);
  });

  it('refuses a malformed fault with a clear error', async () => {
    const response = await control(xero, 'faults', { faults: [{ action: { type: 'explode' } }] });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBeTruthy();
  });
});

/** A GET with a chosen Host header (fetch does not let a caller set one). */
function getWithHost(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: xero.port, path, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('control endpoints', () => {
  it('refuses a POST that is not JSON with 415, and changes nothing', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await fetch(`${xero.url}/__emulator/clock`, {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: JSON.stringify({ advanceSeconds: 3600 }),
      });
      expect(response.status).toBe(415);
      expect((await response.json()).error).toContain('application/json');
    }
    const state = await (await control(xero, 'state')).json();
    expect(Math.abs(Date.parse(state.now) - Date.now())).toBeLessThan(5000);
  });

  it('answers only to its own loopback Host (no DNS rebinding)', async () => {
    expect(await getWithHost('/__emulator/state', `127.0.0.1:${xero.port}`)).toBe(200);
    expect(await getWithHost('/__emulator/state', `localhost:${xero.port}`)).toBe(200);
    expect(await getWithHost('/__emulator/state', `attacker.example:${xero.port}`)).toBe(403);
    expect(await getWithHost('/__emulator/state', `127.0.0.1:${xero.port + 1}`)).toBe(403);
    expect(await getWithHost('/__emulator/state', '127.0.0.1')).toBe(403);
  });

  it('tokens: refuses unknown scopes for every app', async () => {
    for (const clientId of ['practice-sync-demo', 'practice-sync-legacy']) {
      const response = await control(xero, 'tokens', {
        clientId,
        scope: 'offline_access accounting.everything',
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toContain('accounting.everything');
    }
  });

  it('consent: refuses organisations the demo user does not have', async () => {
    const response = await control(xero, 'consent', {
      autoApprove: true,
      tenantIds: [AU, '00000000-0000-0000-0000-000000000001'],
    });
    expect(response.status).toBe(400);
    expect((await (await control(xero, 'state')).json()).consent.autoApproveTenantIds).toEqual([]);
  });

  it('reset forgets documents, connections and the clock', async () => {
    await api(xero, 'Contacts', {
      token,
      tenantId: AU,
      method: 'PUT',
      body: contact('Temporary'),
      headers: { 'Idempotency-Key': 'k' },
    });
    await advanceClock(xero, 3600);
    await control(xero, 'reset', {});
    const state = await (await control(xero, 'state')).json();
    expect(state.connections).toEqual([]);
    expect(Math.abs(Date.parse(state.now) - Date.now())).toBeLessThan(5000);
    token = (await scriptTokens(xero)).access_token;
    expect(await contactNames(AU)).not.toContain('Temporary');
  });

  it('lock dates: documents dated on or before the lock date are refused', async () => {
    const set = await control(xero, 'lock-dates', { tenantId: AU, periodLockDate: '2026-06-30' });
    expect(await set.json()).toEqual({ periodLockDate: '2026-06-30', endOfYearLockDate: null });
    const invoice = (date: string) => ({
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { ContactNumber: 'WALKIN' },
          Date: date,
          DueDate: date,
          Status: 'DRAFT',
          LineItems: [
            {
              Description: 'Consultation',
              Quantity: 1,
              UnitAmount: 85,
              AccountCode: '200',
              TaxType: 'OUTPUT',
            },
          ],
        },
      ],
    });
    const send = (date: string) =>
      api(xero, 'Invoices?summarizeErrors=false', {
        token,
        tenantId: AU,
        method: 'PUT',
        body: invoice(date),
      });
    const locked = await (await send('2026-06-30')).json();
    expect(locked.Invoices[0].StatusAttributeString).toBe('ERROR');
    expect(locked.Invoices[0].ValidationErrors[0].Message).toContain('lock date of 2026-06-30');
    expect((await (await send('2026-07-01')).json()).Invoices[0].StatusAttributeString).toBe('OK');
    // null clears a lock date; GET /Organisation shows what is set.
    await control(xero, 'lock-dates', { tenantId: AU, endOfYearLockDate: '2026-06-30' });
    const org = async () =>
      (await (await api(xero, 'Organisation', { token, tenantId: AU })).json()).Organisations[0];
    expect((await org()).EndOfYearLockDate).toBe(`/Date(${Date.UTC(2026, 5, 30)}+0000)/`);
    const cleared = await control(xero, 'lock-dates', {
      tenantId: AU,
      periodLockDate: null,
      endOfYearLockDate: null,
    });
    expect(await cleared.json()).toEqual({ periodLockDate: null, endOfYearLockDate: null });
    expect((await org()).PeriodLockDate).toBeUndefined();
    expect((await (await send('2026-06-30')).json()).Invoices[0].StatusAttributeString).toBe('OK');
  });

  it('createdByMyApp tells the registered apps apart', async () => {
    const legacy = (
      await scriptTokens(xero, { clientId: 'practice-sync-legacy', scope: 'accounting.transactions' })
    ).access_token;
    const create = (bearer: string, number: string) =>
      api(xero, 'Invoices', {
        token: bearer,
        tenantId: AU,
        method: 'PUT',
        body: {
          Invoices: [
            {
              Type: 'ACCREC',
              InvoiceNumber: number,
              Contact: { ContactNumber: 'WALKIN' },
              LineItems: [{ Description: 'Consultation', Quantity: 1, UnitAmount: 85, AccountCode: '200' }],
            },
          ],
        },
      });
    expect((await create(token, 'MINE-1')).status).toBe(200);
    expect((await create(legacy, 'THEIRS-1')).status).toBe(200);
    const mine = await (await api(xero, 'Invoices?createdByMyApp=true', { token, tenantId: AU })).json();
    expect(mine.Invoices.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual(['MINE-1']);
  });

  it('the clock only moves forward', async () => {
    const response = await control(xero, 'clock', { set: '2001-01-01T00:00:00Z' });
    expect(response.status).toBe(400);
  });

  it('tokens: a token-endpoint-shaped set for scripts, refusing broad scopes for the current app', async () => {
    const set = await scriptTokens(xero, { tenantIds: [UK] });
    expect(Object.keys(set).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    const broad = await control(xero, 'tokens', { scope: 'offline_access accounting.transactions' });
    expect(broad.status).toBe(400);
  });
});
