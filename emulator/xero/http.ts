import type { IncomingHttpHeaders } from 'node:http';

/** A request as the emulator's handlers see it, after the HTTP layer has read it whole. */
export interface EmulatorRequest {
  method: string;
  /** Path below the handler's mount point, e.g. `/Invoices/INV-0001` below `/api.xro/2.0`. */
  path: string;
  query: URLSearchParams;
  /** Node's lower-cased header map. */
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/**
 * Every value of a query parameter, its NAME matched case-insensitively as Xero's (.NET) model
 * binding does: `unitDp=4`, `SummarizeErrors=false`, `ids=` and `Where=` all count.
 */
export function queryValues(query: URLSearchParams, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of query) if (key.toLowerCase() === wanted) values.push(value);
  return values;
}

/** The first value of a query parameter (name matched case-insensitively), if any. */
export const queryValue = (query: URLSearchParams, name: string): string | undefined =>
  queryValues(query, name)[0];

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON, a string as text/plain (Xero's 404s are plain text). */
  body?: string | object;
}

export function json(status: number, body: object, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, body, headers };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, body, headers };
}
