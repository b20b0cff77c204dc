import { createHash, randomBytes } from 'node:crypto';
import { startXeroEmulator, type XeroEmulator } from '../server';
import { DEMO_CLIENTS, type EmulatorOptions } from '../state';

/** Helpers for tests that talk to a real emulator over loopback. */

export const CLIENT_ID = DEMO_CLIENTS.current.clientId;

/**
 * The redirect URI the emulator's own tests register and use: shaped like a Chrome extension's
 * (`https://<32 letters a-p>.chromiumapp.org/`) but not the extension's, which its integration
 * and end-to-end tests pass in themselves.
 */
export const REDIRECT_URI = 'https://aaaabbbbccccddddeeeeffffgggghhhh.chromiumapp.org/';

/** An emulator on a free port; `redirectUris` defaults to this file's REDIRECT_URI. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<XeroEmulator> {
  return startXeroEmulator({ redirectUris: [REDIRECT_URI], ...options, port: 0 });
}

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  id_token?: string;
  scope: string;
}

export async function control(xero: XeroEmulator, path: string, body?: unknown): Promise<Response> {
  return fetch(`${xero.url}/__emulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
}

export async function scriptTokens(
  xero: XeroEmulator,
  body: { scope?: string; tenantIds?: string[]; clientId?: string } = {},
): Promise<TokenSet> {
  const response = await control(xero, 'tokens', body);
  if (!response.ok) throw new Error(`tokens: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenSet;
}

export async function advanceClock(xero: XeroEmulator, seconds: number): Promise<void> {
  await control(xero, 'clock', { advanceSeconds: seconds });
}

export function api(
  xero: XeroEmulator,
  path: string,
  init: {
    token: string;
    tenantId?: string;
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
  },
): Promise<Response> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${init.token}`,
    Accept: 'application/json',
    ...(init.tenantId ? { 'xero-tenant-id': init.tenantId } : {}),
    ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...init.headers,
  };
  return fetch(`${xero.url}/api.xro/2.0/${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
}

export function form(
  xero: XeroEmulator,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(`${xero.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(xero: XeroEmulator, params: Record<string, string>): string {
  const url = new URL(`${xero.url}/identity/connect/authorize`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** Runs the authorize step with auto-approval on and returns the code Xero redirected with. */
export async function authorizeCode(
  xero: XeroEmulator,
  options: { scope?: string; tenantIds?: string[]; clientId?: string } = {},
): Promise<{ code: string; verifier: string; redirect: URL }> {
  await control(xero, 'consent', { autoApprove: true, tenantIds: options.tenantIds ?? [] });
  const { verifier, challenge } = pkcePair();
  const response = await fetch(
    authorizeUrl(xero, {
      response_type: 'code',
      client_id: options.clientId ?? CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope:
        options.scope ??
        'openid profile email offline_access accounting.invoices accounting.settings.read accounting.contacts',
      state: 'state-123',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }),
    { redirect: 'manual' },
  );
  if (response.status !== 302) throw new Error(`authorize: ${response.status} ${await response.text()}`);
  const redirect = new URL(response.headers.get('location')!);
  return { code: redirect.searchParams.get('code')!, verifier, redirect };
}
