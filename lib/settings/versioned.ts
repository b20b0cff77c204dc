import { z } from 'zod';

/**
 * Versioned settings documents. Each document is stored with the version of its shape; reading
 * runs the migrations from that version up to today's, in order, and validates the result with
 * today's schema. A document that cannot be read that way is reported with what was stored,
 * never replaced by defaults behind the user's back.
 */

/** A document as stored: its value and the version of that value's shape. */
export interface StoredDocument {
  /** Absent on documents saved before documents carried a version: those are version 1. */
  version?: number;
  value: unknown;
}

/** Turns a value of the previous version into one of this version. */
export type Migration = (previous: Record<string, unknown>) => Record<string, unknown>;

export interface SettingsDocumentDefinition<T> {
  /** Its row in the settings table. */
  key: string;
  /** What the user calls it, in messages: "The saved <title> settings cannot be read". */
  title: string;
  /** The version this code writes, from 1. */
  version: number;
  /** Validates a value of today's version. */
  schema: z.ZodType<T>;
  /** What is used while the user has never saved this document. */
  defaults: T;
  /** `migrations[n]` turns version n-1 into version n: one for every n from 2 to `version`. */
  migrations?: Readonly<Record<number, Migration>>;
}

/** Why a stored document cannot be used, with what was stored (kept as it is). */
export interface UnreadableDocument {
  key: string;
  title: string;
  /** The version it was stored with (1 for an unversioned document), if that much is readable. */
  storedVersion: number | null;
  stored: unknown;
  reason: string;
}

export type DocumentRead<T> =
  | { status: 'saved'; value: T; storedVersion: number }
  | { status: 'default'; value: T }
  | { status: 'unreadable'; problem: UnreadableDocument };

/** Thrown by code that needs a document's value when the stored document cannot be read. */
export class UnreadableSettingsError extends Error {
  readonly code = 'settings-unreadable';
  constructor(readonly problem: UnreadableDocument) {
    super(
      `The saved ${problem.title} settings cannot be read (${problem.reason}). Open the options page to see and replace them.`,
    );
  }
}

/** The value of a document that was read, or UnreadableSettingsError: never defaults in its place. */
export function usableValue<T>(read: DocumentRead<T>): T {
  if (read.status === 'unreadable') throw new UnreadableSettingsError(read.problem);
  return read.value;
}

export interface SettingsDocument<T> extends Required<SettingsDocumentDefinition<T>> {
  /** Brings a stored document up to today's version and validates it. Never throws. */
  read(stored: StoredDocument | undefined): DocumentRead<T>;
  /** What to store for a value of today's version; throws if it is not valid. */
  toStored(value: unknown): { version: number; value: T };
}

export function defineSettingsDocument<T>(definition: SettingsDocumentDefinition<T>): SettingsDocument<T> {
  const { key, version: current, schema, migrations = {} } = definition;
  if (!Number.isInteger(current) || current < 1)
    throw new Error(`${key}: the version is a whole number from 1`);
  const steps = Object.keys(migrations)
    .map(Number)
    .sort((a, b) => a - b);
  const expected = Array.from({ length: current - 1 }, (_, i) => i + 2);
  if (steps.join() !== expected.join()) {
    throw new Error(
      `${key}: needs one migration to each version from 2 to ${current}, has [${steps.join(', ')}]`,
    );
  }

  const read = (stored: StoredDocument | undefined): DocumentRead<T> => {
    if (stored === undefined) return { status: 'default', value: definition.defaults };
    const storedVersion = stored.version ?? 1;
    const unreadable = (reason: string, version: number | null = storedVersion): DocumentRead<T> => ({
      status: 'unreadable',
      problem: { key, title: definition.title, storedVersion: version, stored: stored.value, reason },
    });
    if (!Number.isInteger(storedVersion) || storedVersion < 1) {
      return unreadable(`its version ${JSON.stringify(stored.version)} is not a version`, null);
    }
    if (storedVersion > current) {
      return unreadable(
        `it was saved by a newer release (version ${storedVersion}; this one reads up to ${current})`,
      );
    }
    let value = stored.value;
    for (let next = storedVersion + 1; next <= current; next++) {
      if (!isPlainObject(value)) return unreadable(`version ${next - 1} is not an object`);
      try {
        value = migrations[next]!(value);
      } catch (error) {
        return unreadable(
          `moving it to version ${next} failed: ${error instanceof Error ? error.message : error}`,
        );
      }
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) return unreadable(z.prettifyError(parsed.error));
    return { status: 'saved', value: parsed.data, storedVersion };
  };

  return {
    ...definition,
    migrations,
    read,
    toStored: (value) => ({ version: current, value: schema.parse(value) }),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
