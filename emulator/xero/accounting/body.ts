import { noDataProcessed, postDataInvalid } from '../errors';
import type { EmulatorResponse } from '../http';
import { type Decimal, dec } from './decimal';
import { parseRequestDate } from './wire';

/**
 * Reading request bodies the way Xero's deserialiser does. A body that cannot be read at all
 * (malformed JSON, a value of the wrong JSON type, an unknown enum value, an unparseable date)
 * fails the whole request with PostDataInvalidException; a body without the expected
 * `{"Invoices": [...]}` wrapper is a NoDataProcessedException. Everything else is a per-element
 * validation error, decided by the resource modules.
 */

export type Json = Record<string, unknown>;

/** Thrown while reading a body; the router turns it into the response it carries. */
export class BodyError extends Error {
  constructor(readonly response: EmulatorResponse) {
    super('request body rejected');
  }
}

const invalid = (message: string): BodyError => new BodyError(postDataInvalid(message));

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw invalid(`the JSON is malformed: ${(error as Error).message}`);
  }
}

/**
 * The elements of `{"<Plural>": [...]}`. `singular` names the resource in Xero's
 * NoDataProcessedException message ("expecting Contact data").
 */
export function readElements(raw: string, plural: string, singular: string): Json[] {
  const body = parseJsonBody(raw);
  if (!isObject(body)) {
    if (body === undefined || Array.isArray(body)) throw new BodyError(noDataProcessed(singular));
    throw invalid(`expected an object with a '${plural}' array.`);
  }
  const list = body[plural];
  if (list === undefined || list === null) throw new BodyError(noDataProcessed(singular));
  if (!Array.isArray(list)) throw invalid(`'${plural}' must be an array. Path '${plural}'.`);
  if (list.length === 0) throw new BodyError(noDataProcessed(singular));
  return list.map((element, i) => {
    if (!isObject(element)) throw invalid(`each element must be an object. Path '${plural}[${i}]'.`);
    return element;
  });
}

const converting = (value: unknown, type: string, path: string) =>
  invalid(`Error converting value ${JSON.stringify(value)} to type '${type}'. Path '${path}'.`);

/** Optional string. Numbers and booleans are accepted as their text, as .NET does. */
export function optString(obj: Json, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw converting(value, 'System.String', `${path}.${key}`);
}

/** Optional decimal from a JSON number or a numeric string; never through float arithmetic. */
export function optDecimal(obj: Json, key: string, path: string): Decimal | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return dec(value);
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return dec(value.trim());
  throw converting(value, 'System.Decimal', `${path}.${key}`);
}

export function optBoolean(obj: Json, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw converting(value, 'System.Boolean', `${path}.${key}`);
}

/** Optional date → `YYYY-MM-DD`; see `parseRequestDate` for the accepted forms. */
export function optDate(obj: Json, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null || value === '') return undefined;
  const date = typeof value === 'string' ? parseRequestDate(value) : undefined;
  if (date === undefined) throw converting(value, 'System.DateTime', `${path}.${key}`);
  return date;
}

/** Optional enum, matched case-insensitively and returned in Xero's spelling. */
export function optEnum<T extends string>(
  obj: Json,
  key: string,
  values: readonly T[],
  typeName: string,
  path: string,
): T | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  const match =
    typeof value === 'string' ? values.find((v) => v.toLowerCase() === value.toLowerCase()) : undefined;
  if (match === undefined) throw converting(value, typeName, `${path}.${key}`);
  return match;
}

export function optObject(obj: Json, key: string, path: string): Json | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (isObject(value)) return value;
  throw invalid(`'${key}' must be an object. Path '${path}.${key}'.`);
}

export function optArray(obj: Json, key: string, path: string): Json[] | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid(`'${key}' must be an array. Path '${path}.${key}'.`);
  return value.map((v, i) => {
    if (!isObject(v)) throw invalid(`each element must be an object. Path '${path}.${key}[${i}]'.`);
    return v;
  });
}

export const hasKey = (obj: Json, key: string): boolean => obj[key] !== undefined;
