import ky from 'ky';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SEED_TENANTS } from '../../emulator/xero/accounting/seed';
import type { XeroEmulator } from '../../emulator/xero/server';
import {
  advanceClock,
  CLIENT_ID,
  control,
  scriptTokens,
  startTestEmulator,
} from '../../emulator/xero/test-support/harness';
import { createServices } from '../../lib/background/services';
import { OAUTH_REDIRECT_URI } from '../../lib/config/extension-identity';
import { testDb } from '../../lib/testing/db';
import { memoryItem } from '../../lib/testing/memory-item';
import type { AuthFlow } from '../../lib/xero/auth-flow';
import { AuthFlowError } from '../../lib/xero/auth-flow';
import { XeroClient } from '../../lib/xero/client';
import { toStoredTokens } from '../../lib/xero/connection-store';
import { endpointsFor } from '../../lib/xero/endpoints';
import {
  XeroDisconnectedError,
  XeroForbiddenError,
  XeroNetworkError,
  XeroNotFoundError,
  XeroRateLimitError,
  XeroServerError,
  XeroUnauthorizedError,
  XeroValidationError,
} from '../../lib/xero/errors';
import { XeroOAuth } from '../../lib/xero/oauth';
import { organisationResponseSchema } from '../../lib/xero/organisation';

const AU = SEED_TENANTS.auClinic;
const UK = SEED_TENANTS.ukAudiology;

let xero: XeroEmulator;
beforeAll(async () => {
  xero = await startTestEmulator({ redirectUris: [OAUTH_REDIRECT_URI] });
});
afterAll(() => xero.close());
beforeEach(async () => {
  await control(xero, 'reset', {});
});

/** The extension's services, built as the background builds them, against the emulator. */
function wire(authFlow: AuthFlow = autoApprovingFlow()) {
  const refreshes: string[] = [];
  const services = createServices({
    env: { emulatorUrl: xero.url, defaultClientId: CLIENT_ID },
    db: testDb(),
    platform: { authFlow, connectAttempts: memoryItem() },
    http: ky.create({ hooks: { beforeRequest: [recordRefreshes(refreshes)] } }),
  });
  return { ...services, service: services.connection, store: services.connectionStore, refreshes };
}

/** Notes the refresh token of every refresh sent to Xero's token endpoint. */
function recordRefreshes(refreshes: string[]) {
  return async (request: Request) => {
    if (new URL(request.url).pathname !== '/connect/token') return;
    const form = new URLSearchParams(await request.clone().text());
    if (form.get('grant_type') === 'refresh_token') refreshes.push(form.get('refresh_token')!);
  };
}

/** Plays the browser's part: follows the authorize URL and hands back where Xero redirected. */
function autoApprovingFlow(mutate?: (redirect: URL) => void): AuthFlow {
  return {
    redirectUri: () => OAUTH_REDIRECT_URI,
    launch: async (url) => {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status !== 302) throw new AuthFlowError('failed', await response.text());
      const redirect = new URL(response.headers.get('location')!);
      mutate?.(redirect);
      return redirect.toString();
    },
  };
}

async function connectedWithScriptTokens(scope?: string, tenantIds = [AU.tenantId]) {
  const wired = wire();
  const tokens = await scriptTokens(xero, { tenantIds, ...(scope ? { scope } : {}) });
  await wired.store.save({
    id: 'current',
    status: 'connected',
    generation: crypto.randomUUID(),
    clientId: CLIENT_ID,
    authEventId: 'script',
    tokens: toStoredTokens(tokens, Date.now()),
    tenants: [],
    activeTenantId: tenantIds[0]!,
    connectedAt: Date.now(),
  });
  return { ...wired, tokens };
}

const organisation = (client: XeroClient, tenantId: string) =>
  client.get('Organisation', { tenantId, schema: organisationResponseSchema });

describe('connecting (PKCE flow against the emulator)', () => {
  it('connects the organisations chosen in this consent and reads the active one’s name', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [UK.tenantId] });
    const { service, store } = wire();
    const view = await service.connect();
    expect(view).toMatchObject({
      status: 'connected',
      activeTenantId: UK.tenantId,
      organisationName: UK.name,
    });
    const record = await store.load();
    expect(record?.tokens.refreshToken).toBeTruthy();
    expect(record?.tenants[0]?.organisation?.shortCode).toMatch(/^!/);
  });

  it('picks the organisation from this consent, not the first connection', async () => {
    const { service } = wire();
    await control(xero, 'consent', { autoApprove: true, tenantIds: [AU.tenantId] });
    await service.connect();
    await control(xero, 'consent', { autoApprove: true, tenantIds: [UK.tenantId] });
    const view = await service.connect();
    // Both are connected now (the first connection is AU), but this consent chose UK.
    expect(view.status === 'connected' && view.tenants.map((t) => t.tenantId).sort()).toEqual(
      [AU.tenantId, UK.tenantId].sort(),
    );
    expect(view).toMatchObject({ activeTenantId: UK.tenantId, organisationName: UK.name });
  });

  it('refuses a redirect whose state does not match, and stores nothing', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [] });
    const { service, store } = wire(autoApprovingFlow((r) => r.searchParams.set('state', 'forged')));
    await expect(service.connect()).rejects.toThrow(/wrong state/);
    expect(await store.load()).toBeUndefined();
  });

  it('reports a denied consent as cancelled', async () => {
    const denying: AuthFlow = {
      redirectUri: () => OAUTH_REDIRECT_URI,
      launch: async (url) => {
        const state = new URL(url).searchParams.get('state')!;
        return `${OAUTH_REDIRECT_URI}?error=access_denied&state=${state}`;
      },
    };
    const { service, store } = wire(denying);
    await expect(service.connect()).rejects.toMatchObject({ reason: 'cancelled' });
    expect(await store.load()).toBeUndefined();
  });

  it('verify notices an organisation disconnected in Xero and never picks another one silently', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [AU.tenantId, UK.tenantId] });
    const { service, store } = wire();
    await service.connect();
    await service.selectTenant(AU.tenantId);
    const record = await store.load();
    const au = record!.tenants.find((t) => t.tenantId === AU.tenantId)!;
    const removed = await fetch(`${xero.url}/connections/${au.connectionId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${record!.tokens.accessToken}` },
    });
    expect(removed.status).toBe(204);
    const view = await service.verify();
    expect(view).toMatchObject({ status: 'connected', activeTenantId: null, organisationName: null });
    expect(view.status === 'connected' && view.tenants.map((t) => t.tenantId)).toEqual([UK.tenantId]);
  });

  it('verify keeps showing the known state when Xero cannot be reached', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [AU.tenantId] });
    const { service } = wire();
    const connected = await service.connect();
    await control(xero, 'faults', {
      faults: [{ match: { path: '/connections' }, action: { type: 'status', status: 503 } }],
    });
    const checked = await service.verify();
    expect(checked).toEqual({
      ...connected,
      checkError: expect.stringContaining('Could not check with Xero'),
    });
  });

  it('finishes a consent whose organisations were not read yet on the next verify', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [UK.tenantId] });
    const { service, store } = wire();
    // Xero grants access, then stops answering before the organisations are read.
    await control(xero, 'faults', {
      faults: [{ match: { path: '/connections' }, action: { type: 'status', status: 503 } }],
    });
    await expect(service.connect()).rejects.toThrow();
    expect(await store.load()).toMatchObject({ status: 'pending' });
    expect(await service.view()).toMatchObject({ status: 'pending', connectAttempt: { inProgress: false } });
    // Still unreachable: the popup is told why, and nothing changes.
    await control(xero, 'faults', {
      faults: [{ match: { path: '/connections' }, action: { type: 'status', status: 503 } }],
    });
    expect(await service.verify()).toMatchObject({
      status: 'pending',
      checkError: expect.stringContaining('Could not check'),
    });
    expect(await service.verify()).toMatchObject({
      status: 'connected',
      activeTenantId: UK.tenantId,
      organisationName: UK.name,
    });
    // It went through in the end, so the earlier failure is no longer shown.
    expect((await service.view()).connectAttempt).toBeUndefined();
  });

  it('connects even when the organisation’s details cannot be read (name from the connection)', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [AU.tenantId] });
    const { service } = wire();
    await control(xero, 'faults', {
      faults: [{ match: { path: '/Organisation' }, action: { type: 'status', status: 500 } }],
    });
    expect(await service.connect()).toMatchObject({ status: 'connected', organisationName: AU.name });
  });

  it('keeps the last Connect failure for the next time the popup opens', async () => {
    const denying: AuthFlow = {
      redirectUri: () => OAUTH_REDIRECT_URI,
      launch: async (url) =>
        `${OAUTH_REDIRECT_URI}?error=access_denied&state=${new URL(url).searchParams.get('state')}`,
    };
    const { service } = wire(denying);
    await expect(service.connect()).rejects.toThrow();
    expect(await service.view()).toMatchObject({
      status: 'not-connected',
      connectAttempt: { inProgress: false, error: 'Access to Xero was not allowed.' },
    });
  });

  it('a rate-limited revocation changes nothing either (the grant would be left live in Xero)', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [AU.tenantId] });
    const { service, store } = wire();
    await service.connect();
    await control(xero, 'faults', {
      faults: [
        {
          match: { path: '/connect/revocation' },
          action: { type: 'rate-limit', problem: 'minute', retryAfter: 20 },
        },
      ],
    });
    await expect(service.disconnect()).rejects.toThrow(/did not confirm the disconnection/);
    expect(await store.load()).toMatchObject({ status: 'connected' });
    expect(await service.disconnect()).toMatchObject({ status: 'not-connected' });
  });

  it('refuses to disconnect while a Connect is waiting on Xero’s window', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [AU.tenantId] });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowFlow: AuthFlow = {
      redirectUri: () => OAUTH_REDIRECT_URI,
      launch: async (url) => {
        await held;
        return autoApprovingFlow().launch(url);
      },
    };
    const { service } = wire(slowFlow);
    const connecting = service.connect();
    await expect(service.disconnect()).rejects.toThrow(/under way/);
    expect(service.connect()).toBe(connecting); // a second click joins the same flow
    release();
    expect(await connecting).toMatchObject({ status: 'connected' });
  });

  it('connecting with another Xero app revokes the old app’s grant instead of orphaning it', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [AU.tenantId] });
    const { service, store, xeroApp } = wire();
    await service.connect();
    const oldRefresh = (await store.load())!.tokens.refreshToken;
    await xeroApp.save({ xeroClientId: 'practice-sync-legacy', scopeProfile: 'broad' });
    expect(await service.connect()).toMatchObject({ status: 'connected', activeTenantId: AU.tenantId });
    const state = await (await control(xero, 'state')).json();
    expect(state.connections.map((c: { clientId: string }) => c.clientId)).toEqual(['practice-sync-legacy']);
    const stale = new XeroOAuth(endpointsFor(xero.url)).refresh({
      clientId: CLIENT_ID,
      refreshToken: oldRefresh,
    });
    await expect(stale).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('a failed disconnect (Xero unreachable) changes nothing and says so', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [AU.tenantId] });
    const { service, store } = wire();
    await service.connect();
    await control(xero, 'faults', {
      faults: [{ match: { path: '/connect/revocation' }, action: { type: 'status', status: 503 } }],
    });
    await expect(service.disconnect()).rejects.toThrow(/did not confirm the disconnection/);
    expect(await store.load()).toMatchObject({ status: 'connected' });
    expect((await (await control(xero, 'state')).json()).connections).toHaveLength(1);
  });

  it('disconnect revokes the grant in Xero and forgets the tokens', async () => {
    await control(xero, 'consent', { autoApprove: true, tenantIds: [AU.tenantId] });
    const { service, store } = wire();
    await service.connect();
    expect(await service.disconnect()).toMatchObject({ status: 'not-connected', tenants: [] });
    expect(await store.load()).toBeUndefined();
    expect((await (await control(xero, 'state')).json()).connections).toEqual([]);
  });
});

describe('XeroClient against the emulator', () => {
  it('sends bearer, tenant and Accept headers and parses the answer', async () => {
    const { client } = await connectedWithScriptTokens();
    const body = await organisation(client, AU.tenantId);
    expect(body.Organisations[0]?.Name).toBe(AU.name);
  });

  it('refreshes once on an expired access token and retries', async () => {
    const { client, store, refreshes, tokens } = await connectedWithScriptTokens();
    await advanceClock(xero, 31 * 60); // the emulator's clock: the token is stale there, not here
    expect((await organisation(client, AU.tenantId)).Organisations[0]?.Name).toBe(AU.name);
    expect(refreshes).toEqual([tokens.refresh_token]);
    expect((await store.load())?.tokens.refreshToken).not.toBe(tokens.refresh_token);
  });

  it('uses the rotated refresh token next time (the old one dies 30 minutes after rotation)', async () => {
    const { client, refreshes, tokens } = await connectedWithScriptTokens();
    await advanceClock(xero, 31 * 60);
    await organisation(client, AU.tenantId);
    await advanceClock(xero, 31 * 60);
    await organisation(client, AU.tenantId);
    expect(refreshes).toHaveLength(2);
    expect(refreshes[0]).toBe(tokens.refresh_token);
    expect(refreshes[1]).not.toBe(refreshes[0]);
    // Had the client kept the first refresh token, Xero would now refuse it.
    const stale = new XeroOAuth(endpointsFor(xero.url)).refresh({
      clientId: CLIENT_ID,
      refreshToken: tokens.refresh_token,
    });
    await expect(stale).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('recovers from a lost refresh answer by retrying the same refresh token within Xero’s grace', async () => {
    const { client, store, refreshes, tokens } = await connectedWithScriptTokens();
    await advanceClock(xero, 31 * 60);
    // Xero rotates the token but the answer never arrives.
    await control(xero, 'faults', {
      faults: [{ match: { path: '/connect/token' }, action: { type: 'drop-after-commit' } }],
    });
    await expect(organisation(client, AU.tenantId)).rejects.toBeInstanceOf(XeroNetworkError);
    expect(await store.load()).toMatchObject({
      status: 'connected',
      tokens: { refreshToken: tokens.refresh_token },
    });
    // The next call retries with the stored (old) refresh token, which Xero still honours.
    expect((await organisation(client, AU.tenantId)).Organisations[0]?.Name).toBe(AU.name);
    expect(refreshes).toEqual([tokens.refresh_token, tokens.refresh_token]);
    expect((await store.load())?.tokens.refreshToken).not.toBe(tokens.refresh_token);
  });

  it('answers many concurrent 401s with one refresh', async () => {
    const { client, refreshes } = await connectedWithScriptTokens(undefined, [AU.tenantId]);
    await advanceClock(xero, 31 * 60);
    const names = await Promise.all(
      Array.from({ length: 5 }, () =>
        organisation(client, AU.tenantId).then((b) => b.Organisations[0]?.Name),
      ),
    );
    expect(names).toEqual(Array(5).fill(AU.name));
    expect(refreshes).toHaveLength(1);
  });

  it('turns a dead refresh token into "disconnected" and keeps the tenants', async () => {
    const { client, store } = await connectedWithScriptTokens();
    await advanceClock(xero, 61 * 24 * 3600);
    await expect(organisation(client, AU.tenantId)).rejects.toBeInstanceOf(XeroDisconnectedError);
    expect(await store.load()).toMatchObject({ status: 'disconnected', activeTenantId: AU.tenantId });
  });

  it('answers 403 for an organisation that is not connected as XeroForbiddenError', async () => {
    const { client } = await connectedWithScriptTokens(undefined, [AU.tenantId]);
    await expect(organisation(client, UK.tenantId)).rejects.toBeInstanceOf(XeroForbiddenError);
    await expect(organisation(client, '11111111-2222-3333-4444-555555555555')).rejects.toMatchObject({
      detail: 'AuthenticationUnsuccessful',
    });
  });

  it('reports a missing scope as XeroUnauthorizedError without refreshing (a refresh cannot add a scope)', async () => {
    const { client, refreshes } = await connectedWithScriptTokens('offline_access accounting.contacts');
    await expect(organisation(client, AU.tenantId)).rejects.toBeInstanceOf(XeroUnauthorizedError);
    await expect(organisation(client, AU.tenantId)).rejects.toThrow(/permission \(scope\)/);
    expect(refreshes).toEqual([]);
  });

  it('turns 429 into XeroRateLimitError with Retry-After and the problem', async () => {
    const { client } = await connectedWithScriptTokens();
    await control(xero, 'faults', {
      faults: [{ action: { type: 'rate-limit', problem: 'day', retryAfter: 7200 } }],
    });
    await expect(organisation(client, AU.tenantId)).rejects.toMatchObject({
      constructor: XeroRateLimitError,
      retryAfterSeconds: 7200,
      problem: 'day',
      retryable: true,
    });
  });

  it('reads a 429 from the token endpoint the same way as one from the API', async () => {
    const { tokens } = await connectedWithScriptTokens();
    await control(xero, 'faults', {
      faults: [
        {
          match: { path: '/connect/token' },
          action: { type: 'rate-limit', problem: 'minute', retryAfter: 12 },
        },
      ],
    });
    const refresh = new XeroOAuth(endpointsFor(xero.url)).refresh({
      clientId: CLIENT_ID,
      refreshToken: tokens.refresh_token,
    });
    await expect(refresh).rejects.toMatchObject({
      constructor: XeroRateLimitError,
      retryAfterSeconds: 12,
      problem: 'minute',
    });
  });

  it('turns 500/503 into a retryable XeroServerError with Xero’s message', async () => {
    const { client } = await connectedWithScriptTokens();
    await control(xero, 'faults', { faults: [{ action: { type: 'status', status: 500 } }] });
    const error = await organisation(client, AU.tenantId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XeroServerError);
    expect((error as XeroServerError).message).toContain('An error occurred in Xero');
  });

  it('turns a plain-text 404 into XeroNotFoundError', async () => {
    const { client } = await connectedWithScriptTokens();
    const error = await client
      .get('Invoices/00000000-0000-0000-0000-00000000abcd', { tenantId: AU.tenantId, schema: z.unknown() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XeroNotFoundError);
  });

  it('turns a ValidationException into XeroValidationError with Xero’s messages', async () => {
    const { client } = await connectedWithScriptTokens();
    const create = () =>
      client.put('Contacts', {
        tenantId: AU.tenantId,
        schema: z.unknown(),
        json: { Contacts: [{ Name: 'Jane Citizen', ContactNumber: 'PMS-1' }] },
        idempotencyKey: crypto.randomUUID(),
      });
    await create();
    const error = await create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XeroValidationError);
    expect((error as XeroValidationError).messages.join(' ')).toMatch(/already assigned|contact number/i);
  });

  it('refuses a write without an Idempotency-Key before sending anything', async () => {
    const { client } = await connectedWithScriptTokens();
    await expect(
      client.put('Contacts', {
        tenantId: AU.tenantId,
        schema: z.unknown(),
        json: { Contacts: [{ Name: 'X' }] },
      }),
    ).rejects.toThrow(/Idempotency-Key/);
  });

  it('reports a dropped connection as a retryable XeroNetworkError', async () => {
    const { client } = await connectedWithScriptTokens();
    await control(xero, 'faults', { faults: [{ action: { type: 'drop-after-commit' } }] });
    await expect(organisation(client, AU.tenantId)).rejects.toBeInstanceOf(XeroNetworkError);
  });

  it('gives up on a slow answer after the time-out its caller chose, as a retryable network error', async () => {
    const { session, endpoints } = await connectedWithScriptTokens();
    const client = new XeroClient({
      session,
      apiBase: endpoints.api,
      connectionsUrl: endpoints.connections,
      timeoutMs: 200,
    });
    await control(xero, 'faults', {
      faults: [{ match: { path: '/Organisation' }, action: { type: 'delay', ms: 2_000 } }],
    });
    const started = Date.now();
    await expect(organisation(client, AU.tenantId)).rejects.toBeInstanceOf(XeroNetworkError);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('rejects an answer of the wrong shape with a clear error', async () => {
    const { client } = await connectedWithScriptTokens();
    await expect(
      client.get('Organisation', {
        tenantId: AU.tenantId,
        schema: z.object({ Invoices: z.array(z.unknown()) }),
      }),
    ).rejects.toThrow(/Unexpected answer from Xero/);
  });
});
