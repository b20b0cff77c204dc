import { z } from 'zod';
import { snapshotBooks } from './accounting';
import { faultSchema } from './faults';
import type { EmulatorRequest, EmulatorResponse } from './http';
import { json } from './http';
import { checkRequestedScopes, IDENTITY_SCOPES } from './identity/scopes';
import { XERO_LIMITS } from './limits';
import { DEMO_CLIENTS, type EmulatorState } from './state';

/** The emulator's own endpoints under `/__emulator/`, for tests and scripts. Never part of Xero. */

const DEFAULT_SCRIPT_SCOPES = [
  ...IDENTITY_SCOPES,
  'accounting.invoices',
  'accounting.payments',
  'accounting.contacts',
  'accounting.settings.read',
];

const clockBody = z.union([
  z.object({ advanceSeconds: z.number().nonnegative() }),
  z.object({ advanceMs: z.number().nonnegative() }),
  z.object({ set: z.iso.datetime() }),
]);

const tokensBody = z.object({
  clientId: z.string().default(DEMO_CLIENTS.current.clientId),
  scope: z.string().default(DEFAULT_SCRIPT_SCOPES.join(' ')),
  tenantIds: z.array(z.string()).optional(),
});

const consentBody = z.object({
  autoApprove: z.boolean(),
  tenantIds: z.array(z.string()).default([]),
});

const limitsBody = z
  .object({
    concurrent: z.number().int().positive(),
    perMinute: z.number().int().positive(),
    perDay: z.number().int().positive(),
    appPerMinute: z.number().int().positive(),
  })
  .partial();

const lockDatesBody = z.object({
  tenantId: z.string(),
  periodLockDate: z.iso.date().nullable().optional(),
  endOfYearLockDate: z.iso.date().nullable().optional(),
});

const badRequest = (message: string) => json(400, { error: message });

function parse<T>(schema: z.ZodType<T>, raw: string): { ok: true; value: T } | { ok: false; error: string } {
  let body: unknown;
  try {
    body = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, error: 'Body is not JSON' };
  }
  const result = schema.safeParse(body);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, error: z.prettifyError(result.error) };
}

/**
 * Control calls must come from this machine's own tools, not from a web page: a page can send a
 * form-typed POST to 127.0.0.1 without a CORS preflight, and a rebound DNS name reaches it with a
 * foreign Host. Requiring JSON forces a preflight (which fails: no CORS headers here), and the
 * Host must name the loopback address and port the emulator listens on.
 */
function refuseForeign(request: EmulatorRequest, port: number): EmulatorResponse | null {
  const host = (request.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return json(403, { error: `Host must be 127.0.0.1:${port} or localhost:${port}` });
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (request.method === 'POST' && type !== 'application/json') {
    return json(415, { error: 'Content-Type must be application/json' });
  }
  return null;
}

export function handleControl(
  state: EmulatorState,
  request: EmulatorRequest,
  port: number,
): EmulatorResponse {
  const refused = refuseForeign(request, port);
  if (refused) return refused;
  const route = `${request.method} ${request.path}`;
  switch (route) {
    case 'GET /state':
      return json(200, describeState(state));
    case 'POST /reset':
      state.reset();
      return json(200, { ok: true });
    case 'POST /faults': {
      const body = parse(z.object({ faults: z.array(faultSchema) }), request.rawBody);
      if (!body.ok) return badRequest(body.error);
      state.faults.set(body.value.faults);
      return json(200, { faults: state.faults.list() });
    }
    case 'POST /clock': {
      const body = parse(clockBody, request.rawBody);
      if (!body.ok) return badRequest(body.error);
      try {
        const v = body.value;
        if ('set' in v) state.clock.set(new Date(v.set));
        else state.clock.advance('advanceMs' in v ? v.advanceMs : v.advanceSeconds * 1000);
      } catch (error) {
        return badRequest((error as Error).message);
      }
      return json(200, { now: state.clock.now().toISOString() });
    }
    case 'POST /tokens': {
      const body = parse(tokensBody, request.rawBody);
      if (!body.ok) return badRequest(body.error);
      const { clientId, scope, tenantIds } = body.value;
      const client = state.identity.clients.get(clientId);
      if (!client) return badRequest(`Unknown client ${clientId}`);
      // The same scope rules as the authorize endpoint: no unknown names for any app, and no
      // broad scopes for an app created on or after 2 March 2026.
      const scopes = checkRequestedScopes(scope, client.createdAt);
      if (!scopes.ok) return badRequest(`Scopes not allowed for this app: ${scopes.error}`);
      const chosen = tenantIds ?? [...state.books.keys()];
      const missing = chosen.filter((id) => !state.books.has(id));
      if (missing.length > 0) return badRequest(`Unknown tenants: ${missing.join(', ')}`);
      return json(200, state.identity.grantDirectly(clientId, state.consent.userId, scopes.scopes, chosen));
    }
    case 'POST /consent': {
      const body = parse(consentBody, request.rawBody);
      if (!body.ok) return badRequest(body.error);
      // Auto-approval may only pick organisations the demo user could tick on the consent screen.
      const userTenants = state.identity.users.get(state.consent.userId)?.tenantIds ?? [];
      const foreign = body.value.tenantIds.filter((id) => !userTenants.includes(id));
      if (foreign.length > 0) return badRequest(`The demo user has no tenants ${foreign.join(', ')}`);
      state.consent.autoApprove = body.value.autoApprove;
      state.consent.autoApproveTenantIds = body.value.tenantIds;
      return json(200, {
        autoApprove: state.consent.autoApprove,
        tenantIds: state.consent.autoApproveTenantIds,
      });
    }
    case 'POST /limits': {
      const body = parse(limitsBody, request.rawBody);
      if (!body.ok) return badRequest(body.error);
      state.limiter.limits = { ...XERO_LIMITS, ...body.value };
      return json(200, state.limiter.limits);
    }
    case 'POST /lock-dates': {
      const body = parse(lockDatesBody, request.rawBody);
      if (!body.ok) return badRequest(body.error);
      const books = state.books.get(body.value.tenantId);
      if (!books) return badRequest(`Unknown tenant ${body.value.tenantId}`);
      if (body.value.periodLockDate !== undefined)
        books.organisation.PeriodLockDate = body.value.periodLockDate;
      if (body.value.endOfYearLockDate !== undefined) {
        books.organisation.EndOfYearLockDate = body.value.endOfYearLockDate;
      }
      return json(200, {
        periodLockDate: books.organisation.PeriodLockDate ?? null,
        endOfYearLockDate: books.organisation.EndOfYearLockDate ?? null,
      });
    }
    default:
      return json(404, { error: `No control endpoint ${route}` });
  }
}

function describeState(state: EmulatorState) {
  return {
    now: state.clock.now().toISOString(),
    tenants: [...state.books.values()].map((books) => snapshotBooks(books)),
    connections: [...state.identity.connections.values()],
    consent: state.consent,
    limits: state.limiter.limits,
    faults: state.faults.list(),
  };
}
