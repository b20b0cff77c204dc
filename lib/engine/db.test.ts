import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { queryLog } from '../log/query';
import { ENGINE_DB_VERSIONS, EngineDb } from './db';
import { ENGINE_V1_FIXTURE } from './fixtures/db-v1';

/** One saved database per version, oldest first. */
const FIXTURES = [ENGINE_V1_FIXTURE];

/** The stores as the history declares them at `version` (later versions name only what they change). */
function storesAt(version: number): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const step of ENGINE_DB_VERSIONS.filter((v) => v.version <= version))
    Object.assign(stores, step.stores);
  return stores;
}

/** Writes the fixture with plain Dexie at its own version, as the release that had it would have. */
async function saveFixture(fixture: typeof ENGINE_V1_FIXTURE): Promise<string> {
  const name = `engine-fixture-v${fixture.version}-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.stores);
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.rows)) await old.table(table).bulkAdd([...rows]);
  });
  old.close();
  return name;
}

describe('the engine database’s schema history', () => {
  it('numbers its versions 1, 2, 3… and declares version 1 as the fixture saved it', () => {
    expect(ENGINE_DB_VERSIONS.map((v) => v.version)).toEqual(ENGINE_DB_VERSIONS.map((_, i) => i + 1));
    expect(ENGINE_V1_FIXTURE.stores).toEqual(storesAt(1));
  });

  it.each(FIXTURES)(
    'walks a database saved at version $version up to today’s, losing no row',
    async (fixture) => {
      const db = new EngineDb(await saveFixture(fixture));
      await db.open();
      expect(db.verno).toBe(ENGINE_DB_VERSIONS.at(-1)!.version);
      for (const [table, rows] of Object.entries(fixture.rows))
        expect(await db.table(table).count(), table).toBe(rows.length);
    },
  );

  it('gives version 1 rows the log’s index fields, so the log lists, filters and searches them', async () => {
    const db = new EngineDb(await saveFixture(ENGINE_V1_FIXTURE));
    const operation = await db.operations.get('000000000002');
    expect(operation).toMatchObject({
      logStatus: 'failed',
      logKey: '001790000120000|o|000000000002',
    });
    expect(operation!.logTerms).toContain('eftpos 001790000120000|o|000000000002');

    const page = await queryLog(db, {});
    expect(page.rows.map((r) => [r.status, r.document])).toEqual([
      ['needs-action', 'Invoice HS-1042 · Jane Citizen'],
      ['failed', 'Payment 9001 (EFTPOS) → HS-1042'],
      ['synced', 'Invoice HS-1042 · Jane Citizen'],
    ]);
    expect(page.rows[0]).toMatchObject({
      organisation: 'Harbourside Physiotherapy',
      clinicName: 'Harbourside CBD',
    });
    expect((await queryLog(db, { search: 'eftpos', status: 'failed' })).rows).toHaveLength(1);
  });

  it('keeps the index fields right as rows change, whoever writes them', async () => {
    const db = new EngineDb(await saveFixture(ENGINE_V1_FIXTURE));
    await db.operations.update('000000000002', {
      state: 'queued',
      updatedAt: 1_790_000_300_000,
      result: null,
    });
    expect(await db.operations.get('000000000002')).toMatchObject({
      logStatus: 'queued',
      logKey: '001790000300000|o|000000000002',
    });
    expect((await queryLog(db, { status: 'failed' })).rows).toEqual([]);
    expect((await queryLog(db, { status: 'queued' })).rows.map((r) => r.opId)).toEqual(['000000000002']);
  });
});
