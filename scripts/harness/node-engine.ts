/**
 * The sync engine in Node: the same code the extension runs, on fake-indexeddb, with a token
 * from the Xero emulator. Used by `npm run engine` (the harness) and `npm run bench`.
 */
import 'fake-indexeddb/auto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EngineClock } from '../../lib/engine/clock';
import { EngineDb } from '../../lib/engine/db';
import { SyncEngine } from '../../lib/engine/engine';
import type { SyncSettings } from '../../lib/settings/sync-settings';
import { XeroClient } from '../../lib/xero/client';

async function control(emulator: string, what: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${emulator}/__emulator/${what}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Emulator ${what}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A Xero client whose token comes from the emulator's control endpoint (and is fetched again when it expires). */
export function emulatorClient(emulator: string, tenantIds: string[], timeoutMs?: number): XeroClient {
  let token: Promise<string> | null = null;
  const fresh = () =>
    (control(emulator, 'tokens', { tenantIds }) as Promise<{ access_token: string }>).then(
      (t) => t.access_token,
    );
  return new XeroClient({
    session: {
      accessToken: () => {
        token ??= fresh();
        return token;
      },
      accessTokenAfterRejection: () => {
        token = fresh();
        return token;
      },
    },
    apiBase: `${emulator}/api.xro/2.0`,
    connectionsUrl: `${emulator}/connections`,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

/**
 * The emulator's clock as the engine's: waiting for Xero's minute window moves the emulator's
 * time forward instead of sleeping, so hours of Xero's limits pass in seconds.
 */
export function emulatorClockFor(emulator: string): EngineClock {
  let offset = 0;
  let turn: Promise<void> = Promise.resolve();
  const now = () => Date.now() + offset;
  return {
    now,
    // Sleepers take turns, and each moves the clock only to its own wake-up time: five callers
    // waiting for the same minute move it one minute, not five.
    sleep: (ms) => {
      const until = now() + ms;
      turn = turn.then(async () => {
        const ahead = until - now();
        if (ahead <= 0) return;
        await control(emulator, 'clock', { advanceSeconds: ahead / 1000 });
        offset += ahead;
      });
      return turn;
    },
  };
}

export interface NodeEngine {
  engine: SyncEngine;
  db: EngineDb;
  save(): Promise<void>;
}

/** An engine in Node; with `stateDir`, its database is loaded from and saved to that folder. */
export async function nodeEngine(options: {
  emulator: string;
  settings: SyncSettings;
  stateDir?: string;
  clock?: EngineClock;
  timeoutMs?: number;
}): Promise<NodeEngine> {
  const db = new EngineDb(`harness-${crypto.randomUUID()}`);
  const stateFile = options.stateDir ? path.join(options.stateDir, 'engine-db.json') : null;
  if (stateFile && existsSync(stateFile)) await loadTables(db, JSON.parse(readFileSync(stateFile, 'utf8')));
  const tenantIds = [
    ...new Set([
      options.settings.defaults.tenantId,
      ...Object.values(options.settings.clinics).map((c) => c.tenantId),
    ]),
  ].filter((t): t is string => typeof t === 'string');
  const client = emulatorClient(options.emulator, tenantIds, options.timeoutMs);
  const engine = new SyncEngine({
    db,
    xero: { send: (request) => client.accounting(request) },
    settings: async () => options.settings,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    engine,
    db,
    save: async () => {
      if (!stateFile || !options.stateDir) return;
      mkdirSync(options.stateDir, { recursive: true });
      writeFileSync(stateFile, JSON.stringify(await dumpTables(db)));
    },
  };
}

/** The engine's database as plain JSON, table by table (all its values are plain JSON). */
async function dumpTables(db: EngineDb): Promise<{ version: number; tables: Record<string, unknown[]> }> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  return { version: db.verno, tables };
}

async function loadTables(db: EngineDb, dump: { version: number; tables: Record<string, unknown[]> }) {
  if (dump.version > db.verno)
    throw new Error(`The saved state is from a newer engine (database version ${dump.version}).`);
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      await table.clear();
      await table.bulkPut((dump.tables[table.name] ?? []) as never[]);
    }
  });
}

/** Splits a records document into submissions of at most `size` records, patients first. */
export function chunkRecords(doc: Record<string, unknown>, size = 2000): Record<string, unknown>[] {
  const chunks: Record<string, unknown>[] = [];
  for (const kind of ['patients', 'invoices', 'payments', 'creditNotes'] as const) {
    const list = Array.isArray(doc[kind]) ? (doc[kind] as unknown[]) : [];
    for (let i = 0; i < list.length; i += size) {
      chunks.push({ format: doc.format, source: doc.source, [kind]: list.slice(i, i + size) });
    }
  }
  return chunks.length > 0 ? chunks : [doc];
}
