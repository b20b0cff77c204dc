import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiCall } from './api';
import { handleControl } from './control';
import { faultRefusal } from './faults';
import type { EmulatorRequest, EmulatorResponse } from './http';
import { text } from './http';
import { authorize, connections, revocation, submitConsent, token } from './identity/routes';
import { refusalHeaders } from './limits';
import { type EmulatorOptions, EmulatorState } from './state';

/** Xero's 3.5 MB request ceiling (reference: xero-api.md §2.3). */
const MAX_BODY_BYTES = 3.5 * 1024 * 1024;

/**
 * Xero's GETs fail beyond its URL length limit, whose number is not documented (reference §2.3:
 * "up to the URL length limit", "retrieve in a batch of 40"). Assumption (stricter reading): a URL
 * longer than 4,096 characters is refused with 414, counted as the URL would be against Xero:
 * `https://api.xero.com` followed by the path and query exactly as sent (percent-encoded).
 */
export const MAX_URL_LENGTH = 4096;
const XERO_API_ORIGIN = 'https://api.xero.com';

/** The length of the URL a request to api.xero.com would have had. */
export const xeroUrlLength = (requestTarget: string): number => XERO_API_ORIGIN.length + requestTarget.length;

export interface XeroEmulator {
  /** `http://127.0.0.1:<port>`; Xero's paths hang off it. */
  url: string;
  port: number;
  state: EmulatorState;
  close(): Promise<void>;
}

export interface StartOptions extends EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
}

/** Starts the emulator on loopback. It only ever listens on 127.0.0.1. */
export async function startXeroEmulator(options: StartOptions = {}): Promise<XeroEmulator> {
  let url = '';
  let port = 0; // known once listening, before any request can arrive
  const state = new EmulatorState(() => url, options);
  const server = createServer((req, res) => {
    void route(state, port, req, res).catch((error: unknown) => {
      console.error('[xero-emulator] unhandled error', error);
      if (!res.headersSent) send(res, text(500, 'Emulator error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(
  state: EmulatorState,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const raw = await readBody(req);
  if (raw === null) return send(res, text(413, 'Request Entity Too Large'));
  const full = new URL(req.url ?? '/', 'http://127.0.0.1');
  const request = (mount: string): EmulatorRequest => ({
    method: (req.method ?? 'GET').toUpperCase(),
    path: full.pathname.slice(mount.length) || '/',
    query: full.searchParams,
    headers: req.headers,
    rawBody: raw,
  });
  const path = full.pathname;
  const method = (req.method ?? 'GET').toUpperCase();

  if (path.startsWith('/__emulator/')) return send(res, handleControl(state, request('/__emulator'), port));

  // Refused at the front door: before authentication, rate limits and injected faults.
  const onApiHost =
    path.startsWith('/api.xro/2.0/') || path === '/connections' || path.startsWith('/connections/');
  if (onApiHost && xeroUrlLength(req.url ?? '/') > MAX_URL_LENGTH) {
    return send(res, text(414, 'Request-URI Too Long'));
  }

  const faults = state.faults.take(method, path);
  const outage = faults.find((f) => f.type === 'status');
  const delay = faults.find((f) => f.type === 'delay');
  const rateLimited = faults.find((f) => f.type === 'rate-limit');
  const drop = faults.some((f) => f.type === 'drop-after-commit');

  if (path.startsWith('/api.xro/2.0/')) {
    const outcome = await handleApiCall(state, request('/api.xro/2.0'), faults);
    if (outcome.drop) return void req.socket.destroy();
    return send(res, outcome.response);
  }

  // Identity endpoints: the faults apply around them too (a lost token response matters most).
  // A 429 here has no quota behind it: X-Rate-Limit-Problem, and Retry-After for minute/day only.
  if (rateLimited?.type === 'rate-limit') {
    return send(res, text(429, 'Rate limit exceeded', refusalHeaders(faultRefusal(rateLimited))));
  }
  if (delay?.type === 'delay') await new Promise((r) => setTimeout(r, delay.ms));
  if (outage?.type === 'status') return send(res, text(outage.status, 'Service Unavailable'));
  let response: EmulatorResponse;
  if (method === 'GET' && path === '/identity/connect/authorize') {
    response = authorize(state.identity, state.consent, request(path));
  } else if (method === 'POST' && path === '/identity/connect/authorize/consent') {
    response = submitConsent(state.identity, state.consent, request(path));
  } else if (path === '/connect/token') {
    response = token(state.identity, request(path));
  } else if (path === '/connect/revocation') {
    response = revocation(state.identity, request(path));
  } else if (path === '/connections' || path.startsWith('/connections/')) {
    response = connections(state.identity, request('/connections'));
  } else {
    response = text(404, "The resource you're looking for cannot be found");
  }
  if (drop) return void req.socket.destroy();
  send(res, response);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let body = '';
  if (typeof response.body === 'object' && response.body !== null) {
    body = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (typeof response.body === 'string') {
    body = response.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  res.writeHead(response.status, headers);
  res.end(body);
}
