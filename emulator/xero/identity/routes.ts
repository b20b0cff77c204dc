import type { EmulatorRequest, EmulatorResponse } from '../http';
import { json, queryValue, text } from '../http';
import { authorizeErrorPage, consentPage } from './pages';
import { checkRequestedScopes } from './scopes';
import type { IdentityStore, TokenError, TokenSet } from './store';

/** How the consent screen behaves: a person clicks, or (for scripted tests) it approves at once. */
export interface ConsentSettings {
  autoApprove: boolean;
  /** Organisations chosen by auto-approval; all of the user's when empty. */
  autoApproveTenantIds: string[];
  userId: string;
}

const html = (status: number, body: string): EmulatorResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});

const redirect = (location: string): EmulatorResponse => ({ status: 302, headers: { location }, body: '' });

const AUTHORIZE_FIELDS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
] as const;

const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

type AuthorizeParams = Record<(typeof AUTHORIZE_FIELDS)[number], string>;

type Validated =
  | { ok: true; params: AuthorizeParams; scopes: string[] }
  | { ok: false; page: EmulatorResponse };

function validateAuthorize(identity: IdentityStore, source: URLSearchParams): Validated {
  const params = Object.fromEntries(AUTHORIZE_FIELDS.map((f) => [f, source.get(f) ?? ''])) as AuthorizeParams;
  const fail = (error: string): Validated => ({ ok: false, page: html(400, authorizeErrorPage(error)) });
  const client = identity.clients.get(params.client_id);
  if (!client) return fail('unauthorized_client: Unknown client or client not enabled');
  if (!client.redirectUris.includes(params.redirect_uri))
    return fail('invalid_request: Invalid redirect_uri');
  if (params.response_type !== 'code') return fail('unsupported_response_type');
  // The challenge must look like what S256 produces: 32 bytes of SHA-256 in unpadded base64url.
  if (!S256_CHALLENGE.test(params.code_challenge) || params.code_challenge_method !== 'S256') {
    return fail('invalid_request: code_challenge with code_challenge_method=S256 is required');
  }
  const scopes = checkRequestedScopes(params.scope, client.createdAt);
  if (!scopes.ok) return fail(scopes.error);
  return { ok: true, params, scopes: scopes.scopes };
}

function redirectWithCode(
  identity: IdentityStore,
  params: AuthorizeParams,
  scopes: string[],
  userId: string,
  tenantIds: string[],
): EmulatorResponse {
  const code = identity.approve({
    clientId: params.client_id,
    redirectUri: params.redirect_uri,
    codeChallenge: params.code_challenge,
    scopes,
    userId,
    tenantIds,
  });
  const target = new URL(params.redirect_uri);
  target.searchParams.set('code', code);
  target.searchParams.set('scope', scopes.join(' '));
  if (params.state) target.searchParams.set('state', params.state);
  target.searchParams.set('session_state', crypto.randomUUID());
  return redirect(target.toString());
}

export function authorize(
  identity: IdentityStore,
  consent: ConsentSettings,
  request: EmulatorRequest,
): EmulatorResponse {
  const checked = validateAuthorize(identity, request.query);
  if (!checked.ok) return checked.page;
  const user = identity.users.get(consent.userId)!;
  if (consent.autoApprove) {
    const chosen = consent.autoApproveTenantIds.length > 0 ? consent.autoApproveTenantIds : user.tenantIds;
    return redirectWithCode(identity, checked.params, checked.scopes, user.userId, chosen);
  }
  return html(200, renderConsent(identity, user.userId, checked.params, checked.scopes));
}

function renderConsent(
  identity: IdentityStore,
  userId: string,
  params: AuthorizeParams,
  scopes: string[],
  error?: string,
): string {
  const user = identity.users.get(userId)!;
  return consentPage({
    appName: identity.clients.get(params.client_id)!.name,
    userEmail: user.email,
    scopes,
    organisations: user.tenantIds.map((tenantId) => ({
      tenantId,
      name: identity.tenantName(tenantId) ?? tenantId,
    })),
    hiddenFields: params,
    ...(error ? { error } : {}),
  });
}

/** The consent form's post: "Allow access" connects the ticked organisations; "Cancel" denies. */
export function submitConsent(
  identity: IdentityStore,
  consent: ConsentSettings,
  request: EmulatorRequest,
): EmulatorResponse {
  const form = new URLSearchParams(request.rawBody);
  const checked = validateAuthorize(identity, form);
  if (!checked.ok) return checked.page;
  const { params, scopes } = checked;
  if (form.get('decision') !== 'allow') {
    const target = new URL(params.redirect_uri);
    target.searchParams.set('error', 'access_denied');
    if (params.state) target.searchParams.set('state', params.state);
    return redirect(target.toString());
  }
  const user = identity.users.get(consent.userId)!;
  const chosen = form.getAll('tenantId').filter((id) => user.tenantIds.includes(id));
  if (chosen.length === 0) {
    return html(
      200,
      renderConsent(identity, user.userId, params, scopes, 'Choose at least one organisation.'),
    );
  }
  return redirectWithCode(identity, params, scopes, user.userId, chosen);
}

const tokenError = (
  error: TokenError['error'] | 'unsupported_grant_type' | 'invalid_request',
  description?: string,
) => json(400, description ? { error, error_description: description } : { error });

function readForm(request: EmulatorRequest): URLSearchParams | null {
  const type = request.headers['content-type'] ?? '';
  if (request.method !== 'POST' || !type.startsWith('application/x-www-form-urlencoded')) return null;
  return new URLSearchParams(request.rawBody);
}

/** `POST /connect/token`: code exchange with PKCE, and refresh with rotation. */
export function token(identity: IdentityStore, request: EmulatorRequest): EmulatorResponse {
  const form = readForm(request);
  if (!form) return tokenError('invalid_request', 'expected a form-encoded POST');
  const clientId = form.get('client_id') ?? '';
  // A PKCE app has no secret: Basic credentials or an unknown id are both an invalid client.
  const grantType = form.get('grant_type');
  if (!identity.clients.has(clientId) || request.headers.authorization || form.has('client_secret')) {
    // Any failed exchange spends the code, this one included (see IdentityStore.spendCode).
    if (grantType === 'authorization_code') identity.spendCode(form.get('code') ?? '');
    return tokenError('invalid_client');
  }
  let result: TokenSet | TokenError;
  if (grantType === 'authorization_code') {
    result = identity.exchangeCode({
      clientId,
      code: form.get('code') ?? '',
      redirectUri: form.get('redirect_uri'),
      codeVerifier: form.get('code_verifier'),
    });
  } else if (grantType === 'refresh_token') {
    result = identity.refresh(clientId, form.get('refresh_token') ?? '');
  } else {
    return tokenError('unsupported_grant_type');
  }
  if ('error' in result) return tokenError(result.error, result.error_description);
  return json(200, result, { 'cache-control': 'no-store' });
}

/** `POST /connect/revocation`: ends the grant and removes every connection of that user and app. */
export function revocation(identity: IdentityStore, request: EmulatorRequest): EmulatorResponse {
  const form = readForm(request);
  if (!form) return tokenError('invalid_request', 'expected a form-encoded POST');
  const clientId = form.get('client_id') ?? '';
  if (!identity.clients.has(clientId)) return tokenError('invalid_client');
  const tokenValue = form.get('token');
  if (!tokenValue) return tokenError('invalid_request', 'token is required');
  identity.revoke(clientId, tokenValue);
  return text(200, '');
}

/** `GET /connections[?authEventId=]` and `DELETE /connections/{id}`. */
export function connections(identity: IdentityStore, request: EmulatorRequest): EmulatorResponse {
  const auth = identity.checkAccessToken(request.headers.authorization);
  if (!auth.ok) {
    return json(401, { Type: null, Title: 'Unauthorized', Status: 401, Detail: auth.detail, Extensions: {} });
  }
  const { userId, clientId } = auth.claims;
  const id = request.path.replace(/^\/+/, '');
  if (request.method === 'GET' && id === '') {
    const eventId = queryValue(request.query, 'authEventId'); // name in any case, as on api.xero.com
    const list = identity
      .connectionsOf(userId, clientId)
      .filter((c) => !eventId || c.authEventId === eventId)
      .map(({ userId: _u, clientId: _c, ...publicFields }) => publicFields);
    return json(200, list);
  }
  if (request.method === 'DELETE' && id !== '') {
    const connection = identity.connections.get(id);
    if (!connection || connection.userId !== userId || connection.clientId !== clientId) {
      return text(404, "The resource you're looking for cannot be found");
    }
    identity.connections.delete(id);
    return { status: 204 };
  }
  return text(404, "The resource you're looking for cannot be found");
}
