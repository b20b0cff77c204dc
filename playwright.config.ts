import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in a real Chromium with the built extension (`.output/chrome-mv3-emulator`)
 * loaded, talking to the Xero emulator on 127.0.0.1. Two cores: one worker.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/playwright-artifacts',
  use: { trace: 'retain-on-failure' },
});
