import { createHash } from 'node:crypto';
import { handleAccounting } from './accounting';
import { problem } from './errors';
import { type FaultAction, faultRefusal } from './faults';
import type { EmulatorRequest, EmulatorResponse } from './http';
import { json, text } from './http';
import { IDEMPOTENCY_KEY_MAX } from './idempotency';
import { refusalHeaders } from './limits';
import type { EmulatorState } from './state';
import { toXml } from './xml';

export interface ApiOutcome {
  response: EmulatorResponse;
  /** Close the socket without answering (a fault: the write was committed, the answer lost). */
  drop?: boolean;
}

const WRITE_METHODS = new Set(['PUT', 'POST', 'PATCH']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One Accounting API call, in Xero's order: authentication → tenant → rate limits →
 * idempotency → the accounting handler. Rate limits come before idempotency, so a replay
 * still spends quota (reference: xero-api.md §2.2).
 */
export async function handleApiCall(
  state: EmulatorState,
  request: EmulatorRequest,
  faults: FaultAction[],
): Promise<ApiOutcome> {
  const auth = state.identity.checkAccessToken(request.headers.authorization);
  if (!auth.ok) return { response: problem(401, auth.detail) };

  const tenantId = String(request.headers['xero-tenant-id'] ?? '');
  const connected = state.identity
    .connectionsOf(auth.claims.userId, auth.claims.clientId)
    .some((c) => c.tenantId === tenantId);
  const books = state.books.get(tenantId);
  if (!connected || !books) return { response: problem(403, 'AuthenticationUnsuccessful') };

  const rateLimited = faults.find((f) => f.type === 'rate-limit');
  const admission = rateLimited ? faultRefusal(rateLimited) : state.limiter.admit(tenantId);
  if (!admission.ok) {
    // Retry-After only with the minute and day limits; X-Rate-Limit-Problem always.
    return {
      response: text(429, 'Rate limit exceeded', {
        ...state.limiter.headers(tenantId),
        ...refusalHeaders(admission),
      }),
    };
  }

  try {
    const delay = faults.find((f) => f.type === 'delay');
    if (delay) await sleep(delay.ms);
    const response = await idempotent(state, request, auth.claims.clientId, tenantId, () => {
      const outage = faults.find((f) => f.type === 'status');
      if (outage) return outageResponse(outage.status);
      // ProviderName is the app's name, which is also what `createdByMyApp` compares.
      const providerName = state.identity.clients.get(auth.claims.clientId)?.name ?? auth.claims.clientId;
      return handleAccounting(
        { request, scopes: auth.claims.scopes, now: state.clock.now(), providerName },
        books,
      );
    });
    const withHeaders = { ...response, headers: { ...response.headers, ...state.limiter.headers(tenantId) } };
    return {
      response: negotiate(withHeaders, request),
      drop: faults.some((f) => f.type === 'drop-after-commit'),
    };
  } finally {
    admission.release();
  }
}

/**
 * Keys are kept per app (client id), not per app and organisation, as Xero keeps them. The
 * organisation is part of what makes two requests "the same": a key reused on another tenant, even
 * with an identical method, path, query and body, is a different request (400), never a replay of
 * the other organisation's answer.
 */
async function idempotent(
  state: EmulatorState,
  request: EmulatorRequest,
  clientId: string,
  tenantId: string,
  run: () => EmulatorResponse,
): Promise<EmulatorResponse> {
  const key = request.headers['idempotency-key'];
  if (!WRITE_METHODS.has(request.method) || key === undefined) return safely(run);
  const keyText = Array.isArray(key) ? key.join(',') : key;
  if (keyText.trim() === '' || keyText.length > IDEMPOTENCY_KEY_MAX) {
    return json(400, {
      Title: 'Bad Request',
      Status: 400,
      Detail: `Idempotency Key must be between 1 and ${IDEMPOTENCY_KEY_MAX} characters.`,
    });
  }
  const fingerprint = createHash('sha256')
    .update(`${tenantId}\n${request.method} ${request.path}?${request.query.toString()}\n${request.rawBody}`)
    .digest('hex');
  const outcome = state.idempotency.begin(clientId, keyText, fingerprint);
  if (outcome.kind === 'replay') return outcome.response;
  if (outcome.kind === 'mismatch') {
    // Assumption: Xero's wording is known, its envelope is not; problem-details like its 401/403.
    return json(400, {
      Title: 'Bad Request',
      Status: 400,
      Detail: `Idempotency Key: ${keyText} is used with a different request.`,
    });
  }
  const response = safely(run);
  outcome.settle(response);
  return response;
}

/** A bug in the emulator answers 500 (and is cached like any error) rather than hanging a key. */
function safely(run: () => EmulatorResponse): EmulatorResponse {
  try {
    return run();
  } catch (error) {
    console.error('[xero-emulator] accounting handler failed', error);
    return outageResponse(500);
  }
}

const isProblemDetails = (body: object): boolean => 'Title' in body && 'Detail' in body && 'Status' in body;

function outageResponse(status: 500 | 503): EmulatorResponse {
  if (status === 503) return text(503, 'The Xero API is currently offline for maintenance.');
  return json(500, {
    ErrorNumber: 500,
    Type: 'UnhandledException',
    Message:
      'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.',
  });
}

/**
 * JSON only for callers that ask for it; Xero's default answer is XML, for the Accounting API's
 * errors (400 ValidationException, PostDataInvalid, QueryParseException, 500) as for its data.
 * Plain-text answers (404, 503, 429) stay text. Problem-details bodies (`Title`/`Status`/`Detail`:
 * 401, 403 and the idempotency-key 400) come from Xero's gateway rather than the Accounting API and
 * stay JSON (assumption, see the README).
 */
function negotiate(response: EmulatorResponse, request: EmulatorRequest): EmulatorResponse {
  const accept = String(request.headers.accept ?? '').toLowerCase();
  if (accept.includes('application/json') || typeof response.body !== 'object') return response;
  if (isProblemDetails(response.body)) return response;
  return {
    ...response,
    headers: { ...response.headers, 'content-type': 'text/xml; charset=utf-8' },
    body: toXml(response.body),
  };
}
