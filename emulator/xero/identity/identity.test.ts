import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_TENANTS } from '../accounting/seed';
import type { XeroEmulator } from '../server';
import {
  advanceClock,
  api,
  authorizeCode,
  authorizeUrl,
  CLIENT_ID,
  control,
  form,
  pkcePair,
  REDIRECT_URI,
  scriptTokens,
  startTestEmulator,
  type TokenSet,
} from '../test-support/harness';

let xero: XeroEmulator;
beforeAll(async () => {
  xero = await startTestEmulator();
});
afterAll(() => xero.close());
beforeEach(async () => {
  await control(xero, 'reset', {});
});

const AU = SEED_TENANTS.auClinic.tenantId;
const UK = SEED_TENANTS.ukAudiology.tenantId;
const MINUTES = 60;
const DAYS = 24 * 60 * MINUTES;

function exchange(code: string, verifier: string, overrides: Record<string, string> = {}) {
  return form(xero, '/connect/token', {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
    ...overrides,
  });
}

/** The verifier with its last character changed (always a change, unlike appending a fixed "A"). */
const otherVerifier = (v: string) => `${v.slice(0, -1)}${v.endsWith('A') ? 'B' : 'A'}`;

function refresh(refreshToken: string, clientId: string = CLIENT_ID) {
  return form(xero, '/connect/token', {
    grant_type: 'refresh_token',
    client_id: clientId,
    refresh_token: refreshToken,
  });
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}

describe('authorize', () => {
  const valid = () => {
    const { challenge } = pkcePair();
    return {
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'openid offline_access accounting.invoices',
      state: 'xyz',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
  };

  it('shows a consent screen listing the user’s organisations with Allow access', async () => {
    const response = await fetch(authorizeUrl(xero, valid()));
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('Allow access');
    expect(html).toContain(SEED_TENANTS.auClinic.name);
    expect(html).toContain(SEED_TENANTS.ukAudiology.name);
  });

  it.each([
    ['an unknown client id', { client_id: 'nobody' }, 'unauthorized_client'],
    ['an unregistered redirect URI', { redirect_uri: 'https://evil.example/cb' }, 'redirect_uri'],
    ['no PKCE challenge', { code_challenge: '' }, 'code_challenge'],
    ['a challenge shorter than S256 output', { code_challenge: 'a'.repeat(42) }, 'code_challenge'],
    ['a challenge longer than S256 output', { code_challenge: 'a'.repeat(44) }, 'code_challenge'],
    ['a padded challenge', { code_challenge: `${'a'.repeat(43)}=` }, 'code_challenge'],
    ['a challenge in plain base64', { code_challenge: `${'a'.repeat(42)}+` }, 'code_challenge'],
    ['the plain PKCE method', { code_challenge_method: 'plain' }, 'S256'],
    ['an unknown scope', { scope: 'openid accounting.everything' }, 'invalid_scope'],
    [
      'broad scopes on an app created after 2 March 2026',
      { scope: 'offline_access accounting.transactions' },
      'unauthorized_client',
    ],
    ['a response type other than code', { response_type: 'token' }, 'unsupported_response_type'],
  ])('answers %s with an error page, not a redirect', async (_label, change, message) => {
    const response = await fetch(authorizeUrl(xero, { ...valid(), ...change }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain(message);
  });

  it('registers exactly the redirect URIs it was started with, for both demo apps', async () => {
    const other = 'https://ppppoooonnnnmmmmllllkkkkjjjjiiii.chromiumapp.org/';
    const second = await startTestEmulator({ redirectUris: [other] });
    try {
      for (const client_id of [CLIENT_ID, 'practice-sync-legacy']) {
        const scope = 'openid offline_access accounting.contacts';
        const accepted = await fetch(
          authorizeUrl(second, { ...valid(), client_id, scope, redirect_uri: other }),
          {
            redirect: 'manual',
          },
        );
        expect(accepted.status).toBe(200);
        const refused = await fetch(authorizeUrl(second, { ...valid(), client_id, scope }), {
          redirect: 'manual',
        });
        expect(refused.status).toBe(400);
        expect(await refused.text()).toContain('redirect_uri');
      }
    } finally {
      await second.close();
    }
  });

  it('refuses every authorize request when started without a redirect URI', async () => {
    const bare = await startTestEmulator({ redirectUris: [] });
    try {
      const response = await fetch(authorizeUrl(bare, valid()), { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    } finally {
      await bare.close();
    }
  });

  it('lets an app created before 2 March 2026 use the broad scopes', async () => {
    const { code } = await authorizeCode(xero, {
      clientId: 'practice-sync-legacy',
      scope: 'offline_access accounting.transactions accounting.contacts',
    });
    expect(code).toBeTruthy();
  });

  it('auto-approves for scripts and redirects with code, state and scope', async () => {
    const { redirect } = await authorizeCode(xero, { tenantIds: [UK] });
    expect(`${redirect.origin}/`).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe('state-123');
    expect(redirect.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
    const state = await (await control(xero, 'state')).json();
    expect(state.connections.map((c: { tenantId: string }) => c.tenantId)).toEqual([UK]);
  });

  it('redirects with error=access_denied when the user cancels', async () => {
    const params = valid();
    const response = await fetch(`${xero.url}/identity/connect/authorize/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, decision: 'deny' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('asks again when no organisation was ticked', async () => {
    const response = await fetch(`${xero.url}/identity/connect/authorize/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...valid(), decision: 'allow' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Choose at least one organisation.');
  });
});

describe('token endpoint: code exchange', () => {
  it('exchanges a code with the right verifier for 30-minute tokens carrying the auth event', async () => {
    const { code, verifier } = await authorizeCode(xero, { tenantIds: [AU] });
    const response = await exchange(code, verifier);
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenSet;
    expect(body).toMatchObject({ expires_in: 1800, token_type: 'Bearer' });
    expect(body.refresh_token).toBeTruthy();
    expect(body.id_token).toBeTruthy();
    const event = claims(body.access_token).authentication_event_id as string;
    const connections = await fetch(`${xero.url}/connections?authEventId=${event}`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    expect((await connections.json()).map((c: { tenantId: string }) => c.tenantId)).toEqual([AU]);
  });

  it.each([
    ['a wrong code_verifier', (v: string) => ({ code_verifier: otherVerifier(v) })],
    ['a missing code_verifier', () => ({ code_verifier: '' })],
    ['a too-short code_verifier', () => ({ code_verifier: 'short' })],
    ['a different redirect_uri', () => ({ redirect_uri: 'https://other.example/' })],
  ])('refuses %s with invalid_grant', async (_label, change) => {
    const { code, verifier } = await authorizeCode(xero);
    const response = await exchange(code, verifier, change(verifier));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_grant');
  });

  it.each([
    ['a wrong code_verifier', (v: string) => ({ code_verifier: otherVerifier(v) })],
    ['a different redirect_uri', () => ({ redirect_uri: 'https://other.example/' })],
    ['an unknown client id', () => ({ client_id: 'nobody' })],
  ])(
    'a failed attempt (%s) spends the code: the correct exchange then gets invalid_grant',
    async (_label, change) => {
      const { code, verifier } = await authorizeCode(xero);
      expect((await exchange(code, verifier, change(verifier))).status).toBe(400);
      const correct = await exchange(code, verifier);
      expect(correct.status).toBe(400);
      expect((await correct.json()).error).toBe('invalid_grant');
    },
  );

  it('presenting a used code again revokes the tokens that code produced', async () => {
    const { code, verifier } = await authorizeCode(xero);
    const tokens = (await (await exchange(code, verifier)).json()) as TokenSet;
    const auth = { headers: { Authorization: `Bearer ${tokens.access_token}` } };
    expect((await fetch(`${xero.url}/connections`, auth)).status).toBe(200);
    expect((await (await exchange(code, verifier)).json()).error).toBe('invalid_grant');
    expect((await fetch(`${xero.url}/connections`, auth)).status).toBe(401);
    expect((await (await refresh(tokens.refresh_token)).json()).error).toBe('invalid_grant');
  });

  it('accepts a code once only', async () => {
    const { code, verifier } = await authorizeCode(xero);
    expect((await exchange(code, verifier)).status).toBe(200);
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect((await again.json()).error).toBe('invalid_grant');
  });

  it('expires a code after 5 minutes', async () => {
    const { code, verifier } = await authorizeCode(xero);
    await advanceClock(xero, 5 * MINUTES + 1);
    expect((await (await exchange(code, verifier)).json()).error).toBe('invalid_grant');
  });

  it('answers invalid_client for an unknown client or a secret sent by a PKCE app', async () => {
    const { code, verifier } = await authorizeCode(xero);
    expect((await (await exchange(code, verifier, { client_id: 'nobody' })).json()).error).toBe(
      'invalid_client',
    );
    const basic = await form(
      xero,
      '/connect/token',
      {
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      },
      { Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:secret`).toString('base64')}` },
    );
    expect((await basic.json()).error).toBe('invalid_client');
  });

  it('answers unsupported_grant_type for other grants', async () => {
    const response = await form(xero, '/connect/token', {
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('unsupported_grant_type');
  });
});

describe('token endpoint: refresh', () => {
  it('rotates the refresh token on every use', async () => {
    const first = await scriptTokens(xero);
    const second = (await (await refresh(first.refresh_token)).json()) as TokenSet;
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
  });

  it('lets the previous refresh token be used again for 30 minutes, then refuses it', async () => {
    const first = await scriptTokens(xero);
    expect((await refresh(first.refresh_token)).status).toBe(200);
    await advanceClock(xero, 29 * MINUTES);
    expect((await refresh(first.refresh_token)).status).toBe(200);
    await advanceClock(xero, 2 * MINUTES);
    const late = await refresh(first.refresh_token);
    expect(late.status).toBe(400);
    expect((await late.json()).error).toBe('invalid_grant');
  });

  it('a lost response: retrying the parent within 30 minutes revokes the unused child it replaces', async () => {
    const parent = await scriptTokens(xero);
    const lost = (await (await refresh(parent.refresh_token)).json()) as TokenSet;
    await advanceClock(xero, 29 * MINUTES);
    const retried = await refresh(parent.refresh_token);
    expect(retried.status).toBe(200);
    const replacement = (await retried.json()) as TokenSet;
    const stale = await refresh(lost.refresh_token);
    expect(stale.status).toBe(400);
    expect((await stale.json()).error).toBe('invalid_grant');
    expect((await refresh(replacement.refresh_token)).status).toBe(200);
  });

  it('two copies of one token set: once one copy has used its new token, the other copy goes stale', async () => {
    const parent = await scriptTokens(xero);
    const copyA = (await (await refresh(parent.refresh_token)).json()) as TokenSet;
    expect((await refresh(copyA.refresh_token)).status).toBe(200);
    const copyB = await refresh(parent.refresh_token);
    expect(copyB.status).toBe(400);
    expect((await copyB.json()).error).toBe('invalid_grant');
  });

  it('expires a refresh token left unused for 60 days', async () => {
    const tokens = await scriptTokens(xero);
    await advanceClock(xero, 59 * DAYS);
    const stillGood = (await (await refresh(tokens.refresh_token)).json()) as TokenSet;
    expect(stillGood.refresh_token).toBeTruthy();
    await advanceClock(xero, 60 * DAYS + 1);
    expect((await (await refresh(stillGood.refresh_token)).json()).error).toBe('invalid_grant');
  });

  it('refuses a refresh token presented by another client', async () => {
    const tokens = await scriptTokens(xero);
    expect((await (await refresh(tokens.refresh_token, 'practice-sync-legacy')).json()).error).toBe(
      'invalid_grant',
    );
  });
});

describe('faults on identity endpoints', () => {
  it('a rate-limit fault on /connect/token answers 429 with Retry-After and the problem', async () => {
    const tokens = await scriptTokens(xero);
    await control(xero, 'faults', {
      faults: [
        {
          match: { path: '/connect/token' },
          action: { type: 'rate-limit', problem: 'minute', retryAfter: 12 },
        },
      ],
    });
    const limited = await refresh(tokens.refresh_token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('12');
    expect(limited.headers.get('x-rate-limit-problem')).toBe('minute');
    // The refused call did nothing: the refresh token was not rotated and still works.
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
  });

  it('a "concurrent" rate-limit fault there answers 429 without Retry-After', async () => {
    const tokens = await scriptTokens(xero);
    await control(xero, 'faults', {
      faults: [{ match: { path: '/connect/token' }, action: { type: 'rate-limit', problem: 'concurrent' } }],
    });
    const limited = await refresh(tokens.refresh_token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('x-rate-limit-problem')).toBe('concurrent');
  });
});

describe('revocation and connections', () => {
  it('revocation ends the grant and removes every connection', async () => {
    const tokens = await scriptTokens(xero, { tenantIds: [AU, UK] });
    const response = await form(xero, '/connect/revocation', {
      token: tokens.refresh_token,
      client_id: CLIENT_ID,
    });
    expect(response.status).toBe(200);
    expect((await (await control(xero, 'state')).json()).connections).toEqual([]);
    expect((await (await refresh(tokens.refresh_token)).json()).error).toBe('invalid_grant');
    const call = await api(xero, 'Organisation', { token: tokens.access_token, tenantId: AU });
    expect(call.status).toBe(401);
  });

  it('lists connections in Xero’s shape and filters them by authEventId', async () => {
    const older = await scriptTokens(xero, { tenantIds: [AU] });
    const newer = await scriptTokens(xero, { tenantIds: [UK] });
    const all = await (
      await fetch(`${xero.url}/connections`, { headers: { Authorization: `Bearer ${newer.access_token}` } })
    ).json();
    expect(all).toHaveLength(2);
    expect(Object.keys(all[0]).sort()).toEqual(
      [
        'authEventId',
        'createdDateUtc',
        'id',
        'tenantId',
        'tenantName',
        'tenantType',
        'updatedDateUtc',
      ].sort(),
    );
    const event = claims(older.access_token).authentication_event_id;
    const filtered = await (
      await fetch(`${xero.url}/connections?authEventId=${event}`, {
        headers: { Authorization: `Bearer ${older.access_token}` },
      })
    ).json();
    expect(filtered.map((c: { tenantId: string }) => c.tenantId)).toEqual([AU]);
    const anyCase = await (
      await fetch(`${xero.url}/connections?AUTHEVENTID=${event}`, {
        headers: { Authorization: `Bearer ${older.access_token}` },
      })
    ).json();
    expect(anyCase.map((c: { tenantId: string }) => c.tenantId)).toEqual([AU]);
  });

  it('deletes one connection with 204, and answers 404 for an unknown id', async () => {
    const tokens = await scriptTokens(xero, { tenantIds: [AU, UK] });
    const auth = { Authorization: `Bearer ${tokens.access_token}` };
    const list = await (await fetch(`${xero.url}/connections`, { headers: auth })).json();
    const au = list.find((c: { tenantId: string }) => c.tenantId === AU);
    expect(
      (await fetch(`${xero.url}/connections/${au.id}`, { method: 'DELETE', headers: auth })).status,
    ).toBe(204);
    expect(
      (await fetch(`${xero.url}/connections/${au.id}`, { method: 'DELETE', headers: auth })).status,
    ).toBe(404);
    // The organisation is no longer reachable with that token: 403, as Xero does for a removed tenant.
    expect((await api(xero, 'Organisation', { token: tokens.access_token, tenantId: AU })).status).toBe(403);
    expect((await api(xero, 'Organisation', { token: tokens.access_token, tenantId: UK })).status).toBe(200);
  });

  it('needs a valid bearer token for /connections', async () => {
    expect((await fetch(`${xero.url}/connections`)).status).toBe(401);
    expect(
      (await fetch(`${xero.url}/connections`, { headers: { Authorization: 'Bearer forged.token.here' } }))
        .status,
    ).toBe(401);
  });
});
