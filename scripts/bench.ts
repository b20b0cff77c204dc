/**
 * `npm run bench [-- --json] [-- --invoices N …]`: a backfill of 10,000 documents (1,500
 * patients, 4,000 invoices, 4,000 payments, 500 credit notes each allocated to its invoice)
 * through the sync engine against the Xero emulator with Xero's real limits, on the emulator's
 * clock (moved forward instead of waited for). Prints the calls made against the fewest
 * possible, 429s, the Xero-minutes needed, the naive one-call-per-document figures and the
 * engine's own CPU time per document. The emulator runs in a child process, so the CPU time is
 * the engine's alone. Targets: calls ≤ 1.1 × minimum, no 429.
 *
 * Then the sync log at 100,000 rows (`--log-rows N`; `--log-only` skips the backfill): the time
 * to read its newest page and a deep page with a filter and a search, and the rows each read.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { OAUTH_REDIRECT_URI } from '../lib/config/extension-identity';
import {
  DEFAULT_CLINIC_SETTINGS,
  DEFAULT_SYNC_SETTINGS,
  type SyncSettings,
} from '../lib/settings/sync-settings';
import { clinicDataset } from './harness/dataset';
import { benchLog, type LogBench } from './harness/log-bench';
import { chunkRecords, emulatorClockFor, nodeEngine } from './harness/node-engine';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    patients: { type: 'string', default: '1500' },
    invoices: { type: 'string', default: '4000' },
    'credit-notes': { type: 'string', default: '500' },
    'log-rows': { type: 'string', default: '100000' },
    'log-only': { type: 'boolean', default: false },
  },
});
const size = {
  patients: Number(values.patients),
  invoices: Number(values.invoices),
  creditNotes: Number(values['credit-notes']),
};
const AU = '4f1c2a7e-6b3d-4e8a-9c21-5d7f0e3b8a11';
const BATCH = 50;
const XERO_DAY_LIMIT = 5000;

async function startEmulator(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'emulator/xero/cli.ts', '--port', '0', '--redirect-uri', OAUTH_REDIRECT_URI],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`The emulator stopped (${code})`)));
  });
  return { url, child };
}

const settings: SyncSettings = {
  ...DEFAULT_SYNC_SETTINGS,
  categories: ['Services', 'Products'],
  defaults: {
    ...DEFAULT_CLINIC_SETTINGS,
    tenantId: AU,
    revenueAccounts: { Services: '210', Products: '220' },
    taxRates: { GST: 'OUTPUT', 'GST-free': 'EXEMPTOUTPUT' },
    paymentAccounts: { EFTPOS: '091', Cash: '090', HICAPS: '615' },
    defaultPaymentAccount: '090',
    rounding: { accountCode: '860', taxType: 'BASEXCLUDED' },
    invoicePrefix: 'B-',
    creditNotePrefix: 'BCN-',
  },
};

function printLog(log: LogBench) {
  console.log(
    `Sync log of ${log.rows} operations (${log.query}, ${log.pageSize} a page; filled in ${log.fillSeconds} s)`,
  );
  console.log(`  newest page                ${log.firstPageMs} ms (${log.firstPageRowsRead} rows read)`);
  console.log(`  deep page (80 % down)      ${log.deepPageMs} ms (${log.deepPageRowsRead} rows read)`);
}

if (values['log-only']) {
  const log = await benchLog(Number(values['log-rows']));
  if (values.json) console.log(JSON.stringify({ log }));
  else printLog(log);
  process.exit(0);
}

const { url, child } = await startEmulator();
try {
  const data = clinicDataset(size);
  const clock = emulatorClockFor(url);
  const { engine, db } = await nodeEngine({ emulator: url, settings, clock });
  const xeroStart = clock.now();
  const cpuStart = process.cpuUsage();
  for (const chunk of chunkRecords(data)) await engine.submit(chunk, { trigger: 'manual' });
  let report = await engine.drain();
  while (report.stopped === 'waiting' && report.resumeAt !== null) {
    await clock.sleep(report.resumeAt - clock.now());
    report = await engine.drain();
  }
  const cpu = process.cpuUsage(cpuStart);
  const xeroMinutes = (clock.now() - xeroStart) / 60_000;
  const documents = size.patients + size.invoices * 2 + size.creditNotes;
  const minimumCalls =
    Math.ceil(size.patients / BATCH) +
    Math.ceil(size.invoices / BATCH) * 2 +
    Math.ceil(size.creditNotes / BATCH) +
    size.creditNotes;
  const naiveCalls = documents + size.creditNotes;
  const failed = await db.operations.where('state').anyOf('failed', 'blocked').count();
  const done = await db.operations.where('state').equals('done').count();
  const result = {
    documents,
    operationsDone: done,
    operationsFailed: failed,
    calls: engine.stats.calls,
    reads: engine.stats.reads,
    writes: engine.stats.writes,
    minimumCalls,
    callsOverMinimum: Number((engine.stats.calls / minimumCalls).toFixed(3)),
    rateLimited: engine.stats.rateLimited,
    rateLimitedBy: engine.stats.rateLimitedBy,
    callsByRoute: engine.stats.byRoute,
    xeroMinutes: Number(xeroMinutes.toFixed(1)),
    naiveCalls,
    naiveDays: Number((naiveCalls / XERO_DAY_LIMIT).toFixed(2)),
    engineMsPerDocument: Number(((cpu.user + cpu.system) / 1000 / documents).toFixed(3)),
    stopped: report.stopped,
    log: await benchLog(Number(values['log-rows'])),
  };
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      `Backfill of ${documents} documents (${size.patients} patients, ${size.invoices} invoices, ${size.invoices} payments, ${size.creditNotes} credit notes)`,
    );
    console.log(`  operations done / failed   ${done} / ${failed}`);
    console.log(
      `  Xero calls                 ${result.calls} (${result.reads} reads, ${result.writes} writes)`,
    );
    console.log(
      `  fewest possible            ${minimumCalls}  → ${result.callsOverMinimum} × minimum (target ≤ 1.1)`,
    );
    console.log(
      `  429s                       ${result.rateLimited} (target 0) ${JSON.stringify(result.rateLimitedBy)}`,
    );
    console.log(`  calls by route             ${JSON.stringify(result.callsByRoute)}`);
    console.log(`  Xero-minutes needed        ${result.xeroMinutes} at 60 calls a minute`);
    console.log(
      `  one call per document      ${naiveCalls} calls, ${result.naiveDays} days at ${XERO_DAY_LIMIT} a day`,
    );
    console.log(`  engine CPU per document    ${result.engineMsPerDocument} ms`);
    printLog(result.log);
  }
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  child.kill();
}
