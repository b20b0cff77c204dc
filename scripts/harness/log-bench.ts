/**
 * The sync log at scale: a log of `rows` operations in the engine's own database (fake-indexeddb
 * in Node), and the time to read a page of it with a filter and a search: the newest page, and
 * one deep in the log (below 80 % of the rows), as the options page asks for them.
 */
import 'fake-indexeddb/auto';
import { EngineDb } from '../../lib/engine/db';
import { fillLargeLog } from '../../lib/log/fixtures';
import { queryLog, type ReadCounter } from '../../lib/log/query';
import type { LogQuery } from '../../lib/log/types';

export interface LogBench {
  rows: number;
  pageSize: number;
  query: string;
  fillSeconds: number;
  firstPageMs: number;
  deepPageMs: number;
  firstPageRowsRead: number;
  deepPageRowsRead: number;
}

async function timed(db: EngineDb, query: LogQuery, runs = 5): Promise<{ ms: number; read: number }> {
  const times: number[] = [];
  let read = 0;
  for (let i = 0; i < runs; i++) {
    const counter: ReadCounter = { rows: 0 };
    const start = performance.now();
    await queryLog(db, query, {}, counter);
    times.push(performance.now() - start);
    read = counter.rows;
  }
  times.sort((a, b) => a - b);
  return { ms: Number(times[Math.floor(runs / 2)]!.toFixed(1)), read };
}

export async function benchLog(rows: number, pageSize = 50): Promise<LogBench> {
  const db = new EngineDb(`bench-log-${crypto.randomUUID()}`);
  const fillStart = performance.now();
  await fillLargeLog(db, rows);
  const fillSeconds = Number(((performance.now() - fillStart) / 1000).toFixed(1));
  const filters = { clinicId: 'cbd', search: 'jane' };
  // A cursor 80 % of the way down (found once, not timed).
  const deep = await db.operations
    .orderBy('logKey')
    .offset(Math.floor(rows * 0.2))
    .first();
  const first = await timed(db, { ...filters, limit: pageSize });
  const deepPage = await timed(db, { ...filters, limit: pageSize, page: { older: deep!.logKey! } });
  db.close();
  return {
    rows,
    pageSize,
    query: 'clinic = cbd, search "jane"',
    fillSeconds,
    firstPageMs: first.ms,
    deepPageMs: deepPage.ms,
    firstPageRowsRead: first.read,
    deepPageRowsRead: deepPage.read,
  };
}
