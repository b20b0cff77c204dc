import type { DBCore, Middleware } from 'dexie';
import { describe, expect, it } from 'vitest';
import { logTestDb, TENANT_AU } from '../log/fixtures';
import { DEFAULT_SYNC_SETTINGS } from '../settings/sync-settings';
import { SyncEngine } from './engine';
import type { LogEntry } from './types';

/** Counts the log entries IndexedDB hands back, however they are asked for. */
function countingLogReads(): { middleware: Middleware<DBCore>; read: { rows: number } } {
  const read = { rows: 0 };
  return {
    read,
    middleware: {
      stack: 'dbcore',
      name: 'count-log-reads',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'log') return table;
          return {
            ...table,
            query: async (request) => {
              const answer = await table.query(request);
              read.rows += answer.result.length;
              return answer;
            },
            openCursor: async (request) => {
              const cursor = await table.openCursor(request);
              if (!cursor) return cursor;
              const start = cursor.start.bind(cursor);
              return Object.assign(cursor, {
                start: (onNext: () => void) =>
                  start(() => {
                    read.rows++;
                    onNext();
                  }),
              });
            },
          };
        },
      }),
    },
  };
}

const entry = (at: number, result: LogEntry['result']): LogEntry => ({
  at,
  tenantId: TENANT_AU,
  docKey: `cliniko:harbourside|invoice|${at}`,
  label: `Invoice HS-${at}`,
  clinicId: 'cbd',
  opKind: 'invoice.create',
  result,
  message: result,
});

describe('the queue summary', () => {
  it('finds the last success through an index, however many failures came after it', async () => {
    const db = logTestDb();
    const { middleware, read } = countingLogReads();
    db.use(middleware);
    await db.log.bulkAdd([
      entry(1_000, 'ok'),
      entry(2_000, 'ok'),
      ...Array.from({ length: 3_000 }, (_, i) => entry(3_000 + i, i % 2 ? 'failed' : 'info')),
    ]);
    const engine = new SyncEngine({
      db,
      xero: { send: async () => Promise.reject(new Error('no Xero here')) },
      settings: async () => DEFAULT_SYNC_SETTINGS,
    });
    read.rows = 0;
    const summary = await engine.summary();
    expect(summary.lastSuccessAt).toBe(2_000);
    expect(read.rows).toBeLessThanOrEqual(1);
  });
});
