// Prints one closing line for the whole suite, "N passed, N failed", from the Vitest and
// Playwright JSON reports. A runner that left no report counts as one failure: it did not run.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

function read(path, runner) {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  console.error(`${runner} left no report (${path}).`);
  failed += 1;
  return null;
}

const vitest = read('test-results/vitest.json', 'Vitest');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}

const playwright = read('test-results/playwright.json', 'Playwright');
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
