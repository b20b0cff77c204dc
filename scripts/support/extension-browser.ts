/**
 * Chromium with the emulator build of the extension loaded, and the emulator's port: shared by
 * the demo (scripts/demo.ts) and the end-to-end tests (tests/e2e/fixtures.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Where `wxt build --mode emulator` writes the extension. */
export const EMULATOR_BUILD_DIR = path.join(ROOT, '.output/chrome-mv3-emulator');

/** The emulator must listen where the extension build was told to look (.env.emulator). */
export function emulatorPort(): number {
  const env = readFileSync(path.join(ROOT, '.env.emulator'), 'utf8');
  const url = /^WXT_XERO_EMULATOR_URL=(.+)$/m.exec(env)?.[1]?.trim();
  if (!url) throw new Error('.env.emulator has no WXT_XERO_EMULATOR_URL');
  return Number(new URL(url).port);
}

export interface LaunchOptions {
  /** A profile directory; '' for a throw-away one. */
  userDataDir: string;
  headless: boolean;
  viewport?: { width: number; height: number } | null;
  extraArgs?: string[];
}

/**
 * Debian's Chromium (or CHROMIUM_PATH): Playwright's own headless shell cannot load extensions.
 * Only this extension is loaded, and Chromium's own background traffic is switched off.
 */
export function launchWithExtension(options: LaunchOptions): Promise<BrowserContext> {
  return chromium.launchPersistentContext(options.userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: options.headless,
    ...(options.viewport === undefined ? {} : { viewport: options.viewport }),
    args: [
      `--disable-extensions-except=${EMULATOR_BUILD_DIR}`,
      `--load-extension=${EMULATOR_BUILD_DIR}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.extraArgs ?? []),
    ],
  });
}
