import { z } from 'zod';
import { snapshotBooks } from './accounting';
import { faultSchema } from './faults';
import type { EmulatorRequest, EmulatorResponse } from './http';
import { json } from './http';
import { GRANULAR_SCOPES, IDENTITY_SCOPES } from './identity/scopes';
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

export function handleControl(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
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
      if (!state.identity.clients.has(clientId)) return badRequest(`Unknown client ${clientId}`);
      const scopes = scope.split(' ').filter(Boolean);
      const unknown = scopes.filter((s) => ![...IDENTITY_SCOPES, ...GRANULAR_SCOPES].includes(s as never));
      if (unknown.length > 0 && clientId === DEMO_CLIENTS.current.clientId) {
        return badRequest(`Scopes not allowed for this app: ${unknown.join(' ')}`);
      }
      const chosen = tenantIds ?? [...state.books.keys()];
      const missing = chosen.filter((id) => !state.books.has(id));
      if (missing.length > 0) return badRequest(`Unknown tenants: ${missing.join(', ')}`);
      return json(200, state.identity.grantDirectly(clientId, state.consent.userId, scopes, chosen));
    }
    case 'POST /consent': {
      const body = parse(consentBody, request.rawBody);
      if (!body.ok) return badRequest(body.error);
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
