/**
 * The headless harness: `npm run engine -- --records FILE --settings FILE --emulator URL
 * [--tenant ID] [--state DIR] [--advance-clock]`. Runs the extension's sync engine in Node
 * against the Xero emulator, drains the queue and prints one JSON object.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readSyncSettings } from '../lib/settings/sync-settings';
import { chunkRecords, emulatorClockFor, nodeEngine } from './harness/node-engine';

const { values } = parseArgs({
  options: {
    records: { type: 'string' },
    settings: { type: 'string' },
    emulator: { type: 'string' },
    tenant: { type: 'string' },
    state: { type: 'string' },
    'advance-clock': { type: 'boolean', default: false },
  },
});

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run engine -- --records FILE --settings FILE --emulator http://127.0.0.1:PORT [--tenant ID] [--state DIR] [--advance-clock]`,
  );
  process.exit(2);
}

function readJson(file: string | undefined, what: string): unknown {
  if (!file) usage(`--${what} is required`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    usage(`Cannot read ${what} file ${file}: ${(error as Error).message}`);
  }
}

const emulator = values.emulator ?? usage('--emulator is required');
if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(emulator)) usage('--emulator must be http://127.0.0.1:PORT');
const settingsRead = readSyncSettings(readJson(values.settings, 'settings'));
if (!settingsRead.ok) usage(settingsRead.error);
const settings = settingsRead.settings;
if (values.tenant) settings.defaults.tenantId = values.tenant;
const records = readJson(values.records, 'records') as Record<string, unknown>;

const origin = emulator.replace(/\/$/, '');
const { engine, db, save } = await nodeEngine({
  emulator: origin,
  settings,
  ...(values.state ? { stateDir: values.state } : {}),
  ...(values['advance-clock'] ? { clock: emulatorClockFor(origin) } : {}),
});

const startedAt = engine.clock.now();
const submitted = {
  accepted: 0,
  queued: 0,
  unchanged: 0,
  rejected: [] as unknown[],
  invalid: [] as unknown[],
  notes: [] as string[],
};
for (const chunk of chunkRecords(records)) {
  const summary = await engine.submit(chunk, { trigger: 'manual' });
  submitted.accepted += summary.accepted;
  submitted.queued += summary.queued;
  submitted.unchanged += summary.unchanged;
  submitted.rejected.push(...summary.rejected);
  submitted.invalid.push(...summary.errors);
  submitted.notes.push(...summary.notes);
}

let report = await engine.drain();
while (report.stopped === 'waiting' && report.resumeAt !== null) {
  await engine.clock.sleep(report.resumeAt - engine.clock.now());
  report = await engine.drain();
}

const results: Record<string, Record<string, number>> = {};
for (const entry of await db.log.where('at').aboveOrEqual(startedAt).toArray()) {
  const kind = results[entry.opKind] ?? {};
  kind[entry.result] = (kind[entry.result] ?? 0) + 1;
  results[entry.opKind] = kind;
}
const failed = (await db.operations.where('state').anyOf('failed', 'blocked').toArray()).map((op) => ({
  document: op.label,
  operation: op.kind,
  reason: op.result?.message ?? null,
}));
await save();
console.log(
  JSON.stringify(
    {
      submitted,
      results,
      calls: engine.stats.calls,
      reads: engine.stats.reads,
      writes: engine.stats.writes,
      rateLimited: engine.stats.rateLimited,
      stopped: report.stopped,
      ...(report.reason ? { reason: report.reason } : {}),
      failed,
    },
    null,
    2,
  ),
);
process.exit(0);
