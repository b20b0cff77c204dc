import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../settings/settings-store';
import { xeroAppSettings } from '../settings/xero-app-settings';
import { ConnectionStore } from '../xero/connection-store';
import { PracticeSyncDb } from './database';
import { V1_FIXTURE } from './fixtures/v1';
import { V2_FIXTURE } from './fixtures/v2';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema-versions';

/** One saved database per schema version, oldest first. */
const FIXTURES = [V1_FIXTURE, V2_FIXTURE];

interface Fixture {
  version: number;
  stores: Record<string, string>;
  rows: Record<string, readonly unknown[]>;
}

/** The tables as the history declares them at `version`. */
function storesAt(version: number): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const step of SCHEMA_VERSIONS.filter((v) => v.version <= version)) {
    for (const [table, spec] of Object.entries(step.stores)) {
      if (spec === null) delete stores[table];
      else stores[table] = spec;
    }
  }
  return stores;
}

/** Writes the fixture with plain Dexie at its own version, as the release that had it would have. */
async function saveFixture(fixture: Fixture): Promise<string> {
  const name = `fixture-v${fixture.version}-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.stores);
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.rows)) await old.table(table).bulkAdd([...rows]);
  });
  old.close();
  return name;
}

async function rowCounts(db: Dexie): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  return counts;
}

describe('database schema history', () => {
  it('numbers its versions 1, 2, 3… in order', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
  });

  it('has a saved fixture for every version, declaring the tables as that version did', () => {
    expect(FIXTURES.map((f) => f.version)).toEqual(SCHEMA_VERSIONS.map((v) => v.version));
    // A fixture that disagrees with the history means a shipped version was edited.
    for (const fixture of FIXTURES) expect(fixture.stores).toEqual(storesAt(fixture.version));
  });

  it('creates a new database at the latest version with the tables the history declares', async () => {
    const db = new PracticeSyncDb(`fresh-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(storesAt(LATEST_SCHEMA_VERSION)).sort());
  });

  it.each(FIXTURES)(
    'walks a database saved at version $version up to today’s, losing no row',
    async (fixture) => {
      const db = new PracticeSyncDb(await saveFixture(fixture));
      await db.open();
      expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
      const after = await rowCounts(db);
      // A version that renames a table says so here.
      for (const [table, rows] of Object.entries(fixture.rows)) expect(after[table], table).toBe(rows.length);
    },
  );

  it('reads a version 1 database with today’s code: the connection as it was, the Xero app settings moved and kept', async () => {
    const db = new PracticeSyncDb(await saveFixture(V1_FIXTURE));
    expect(await new ConnectionStore(db).load()).toEqual(V1_FIXTURE.rows.xeroConnection[0]);
    // Stored unversioned under 'connection' at the time: moved to its own key, read as version 1.
    expect(await db.settings.toArray()).toEqual([
      { key: 'xeroApp', value: { xeroClientId: 'ABC123_my-app', scopeProfile: 'broad' } },
    ]);
    expect(await new SettingsStore(db, xeroAppSettings).read()).toEqual({
      status: 'saved',
      value: { xeroClientId: 'ABC123_my-app', scopeProfile: 'broad' },
      storedVersion: 1,
    });
  });

  it('reads a version 2 database with today’s code', async () => {
    const db = new PracticeSyncDb(await saveFixture(V2_FIXTURE));
    expect(await new ConnectionStore(db).load()).toEqual(V2_FIXTURE.rows.xeroConnection[0]);
    expect(await new SettingsStore(db, xeroAppSettings).get()).toEqual({
      xeroClientId: 'my-clinic-app',
      scopeProfile: 'granular',
    });
  });
});
