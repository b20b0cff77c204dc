import type { KyInstance } from 'ky';
import { z } from 'zod';
import type { AccountingRequest } from './accounting/api';
import {
  type XeroError,
  XeroForbiddenError,
  XeroHttpError,
  XeroNetworkError,
  XeroNotFoundError,
  XeroResponseError,
  XeroServerError,
  XeroUnauthorizedError,
  XeroValidationError,
} from './errors';
import { API_TIMEOUT_MS, EMPTY_BODY, rateLimitError, readBody, xeroHttp } from './http';
import type { XeroSession } from './session';

/** The remaining-quota headers Xero puts on every Accounting API answer. */
export interface RateLimitReading {
  tenantId: string;
  minuteRemaining?: number;
  dayRemaining?: number;
  appMinuteRemaining?: number;
}

export interface RequestOptions<T> {
  tenantId: string;
  schema: z.ZodType<T>;
  searchParams?: Record<string, string | number | boolean>;
  /** Required on writes: Xero replays the first answer for a repeated key within 6 minutes. */
  idempotencyKey?: string;
  json?: unknown;
}

export interface XeroClientDeps {
  session: Pick<XeroSession, 'accessToken' | 'accessTokenAfterRejection'>;
  /** Accounting API base, e.g. https://api.xero.com/api.xro/2.0 */
  apiBase: string;
  connectionsUrl: string;
  http?: KyInstance;
  /** How long one call may take before it fails as a network error; 60 s unless shortened. */
  timeoutMs?: number;
  onRateLimitReading?: (reading: RateLimitReading) => void;
}

const connectionSchema = z.object({
  id: z.string(),
  authEventId: z.string().nullish(),
  tenantId: z.string(),
  tenantType: z.string(),
  tenantName: z.string().nullish(),
  createdDateUtc: z.string().nullish(),
  updatedDateUtc: z.string().nullish(),
});
export type XeroConnection = z.infer<typeof connectionSchema>;

/** Problem-details keys come PascalCase from Xero, lowercase in some captures. */
const problemSchema = z.looseObject({}).transform((o: Record<string, unknown>) => {
  const pick = (k: string) => o[k] ?? o[k.toLowerCase()];
  return { detail: typeof pick('Detail') === 'string' ? (pick('Detail') as string) : undefined };
});

/**
 * Calls Xero's REST API with ky: bearer token, `xero-tenant-id`, `Accept: application/json`.
 * A 401 gets one refresh and one retry. Every other failure becomes a typed XeroError
 * carrying Xero's own message; answers are checked with zod before anyone uses them.
 */
export class XeroClient {
  private readonly http: KyInstance;

  constructor(private readonly deps: XeroClientDeps) {
    this.http = xeroHttp(deps.timeoutMs ?? API_TIMEOUT_MS, deps.http);
  }

  get<T>(path: string, options: RequestOptions<T>): Promise<T> {
    return this.request('GET', path, options);
  }

  put<T>(path: string, options: RequestOptions<T>): Promise<T> {
    return this.request('PUT', path, options);
  }

  post<T>(path: string, options: RequestOptions<T>): Promise<T> {
    return this.request('POST', path, options);
  }

  /** The organisations this grant reaches; with `authEventId`, only those from one consent. */
  async connections(authEventId?: string): Promise<XeroConnection[]> {
    const url = new URL(this.deps.connectionsUrl);
    if (authEventId) url.searchParams.set('authEventId', authEventId);
    const response = await this.send(url.toString(), 'GET', {});
    return parseBody(z.array(connectionSchema), await readJson(response), 'connections');
  }

  async deleteConnection(connectionId: string): Promise<void> {
    await this.send(`${this.deps.connectionsUrl}/${encodeURIComponent(connectionId)}`, 'DELETE', {});
  }

  /**
   * One Accounting API request as the sync engine stores it: the body is sent byte for byte (a
   * retried batch must be identical for Xero's idempotency cache), extra headers such as
   * If-Modified-Since are passed on. Every write but DELETE needs its Idempotency-Key.
   */
  async accounting<T>(request: AccountingRequest<T>): Promise<T> {
    if (request.method !== 'GET' && request.method !== 'DELETE' && !request.idempotencyKey) {
      throw new Error(`Every Xero write needs an Idempotency-Key (${request.method} ${request.path})`);
    }
    const url = new URL(`${this.deps.apiBase}/${request.path.replace(/^\//, '')}`);
    for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...request.headers, 'xero-tenant-id': request.tenantId };
    if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
    const response = await this.send(
      url.toString(),
      request.method,
      headers,
      undefined,
      request.tenantId,
      request.body ?? undefined,
    );
    return parseBody(request.schema, await readJson(response), request.path);
  }

  private async request<T>(method: string, path: string, options: RequestOptions<T>): Promise<T> {
    if (method !== 'GET' && !options.idempotencyKey) {
      throw new Error(`Every Xero write needs an Idempotency-Key (${method} ${path})`);
    }
    const url = new URL(`${this.deps.apiBase}/${path.replace(/^\//, '')}`);
    for (const [k, v] of Object.entries(options.searchParams ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { 'xero-tenant-id': options.tenantId };
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const response = await this.send(url.toString(), method, headers, options.json, options.tenantId);
    return parseBody(options.schema, await readJson(response), path);
  }

  private async send(
    url: string,
    method: string,
    headers: Record<string, string>,
    json?: unknown,
    tenantId?: string,
    body?: string,
  ): Promise<Response> {
    let token = await this.deps.session.accessToken();
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetch(
        url,
        method,
        { ...headers, Authorization: `Bearer ${token}` },
        json,
        body,
      );
      if (tenantId) this.reportLimits(tenantId, response);
      // One refresh and retry for a rejected token; a missing scope (AuthorizationUnsuccessful)
      // is not cured by refreshing, and refreshing for it would rotate the token on every call.
      if (response.status === 401 && attempt === 0 && !(await lacksScope(response))) {
        token = await this.deps.session.accessTokenAfterRejection(token);
        continue;
      }
      if (response.ok) return response;
      throw await errorFromResponse(response, url);
    }
  }

  private async fetch(
    url: string,
    method: string,
    headers: Record<string, string>,
    json?: unknown,
    body?: string,
  ) {
    try {
      return await this.http(url, {
        method,
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        ...(json === undefined ? {} : { json }),
        ...(body === undefined ? {} : { body }),
      });
    } catch (error) {
      throw new XeroNetworkError(error);
    }
  }

  private reportLimits(tenantId: string, response: Response): void {
    if (!this.deps.onRateLimitReading) return;
    const number = (name: string) => {
      const value = response.headers.get(name);
      return value === null || !/^\d+$/.test(value) ? undefined : Number.parseInt(value, 10);
    };
    this.deps.onRateLimitReading({
      tenantId,
      minuteRemaining: number('x-minlimit-remaining'),
      dayRemaining: number('x-daylimit-remaining'),
      appMinuteRemaining: number('x-appminlimit-remaining'),
    });
  }
}

async function lacksScope(response: Response): Promise<boolean> {
  const body = await readBody(response.clone()).catch(() => EMPTY_BODY);
  return /AuthorizationUnsuccessful/.test(body.text);
}

async function readJson(response: Response): Promise<unknown> {
  const body = await readBody(response);
  if (body.kind === 'text') {
    throw new XeroResponseError(`Xero answered with something other than JSON: ${body.text.slice(0, 80)}`);
  }
  return body.kind === 'json' ? body.value : undefined;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new XeroResponseError(`Unexpected answer from Xero for ${what}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

const validationBodySchema = z.looseObject({
  Message: z.string().optional(),
  Detail: z.string().optional(),
  Elements: z
    .array(
      z.looseObject({
        ValidationErrors: z.array(z.looseObject({ Message: z.string() })).optional(),
        LineItems: z
          .array(
            z.looseObject({ ValidationErrors: z.array(z.looseObject({ Message: z.string() })).optional() }),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** Reads every message Xero put in a 400: element errors, line errors, or the top-level message. */
export function validationMessages(body: unknown): string[] {
  const parsed = validationBodySchema.safeParse(body);
  if (!parsed.success) return [];
  const messages = (parsed.data.Elements ?? []).flatMap((element) => [
    ...(element.ValidationErrors ?? []).map((e) => e.Message),
    ...(element.LineItems ?? []).flatMap((line) => (line.ValidationErrors ?? []).map((e) => e.Message)),
  ]);
  if (messages.length > 0) return [...new Set(messages)];
  const top = parsed.data.Detail ?? parsed.data.Message;
  return top ? [top] : [];
}

async function errorFromResponse(response: Response, url: string): Promise<XeroError> {
  const read = await readBody(response).catch(() => EMPTY_BODY);
  const text = read.text;
  const body = read.kind === 'json' ? read.value : text;
  const detail = () =>
    (typeof body === 'object' && body ? problemSchema.parse(body).detail : undefined) ?? text;
  switch (response.status) {
    case 400:
      return new XeroValidationError(validationMessages(body), body);
    case 401:
      return new XeroUnauthorizedError(detail());
    case 403:
      return new XeroForbiddenError(detail());
    case 404:
      return new XeroNotFoundError(new URL(url).pathname);
    case 429:
      return rateLimitError(response);
    default:
      if (response.status >= 500) {
        const message = typeof body === 'object' && body ? (validationMessages(body)[0] ?? text) : text;
        return new XeroServerError(response.status, message.slice(0, 300));
      }
      return new XeroHttpError(response.status, text.slice(0, 300));
  }
}
