import { type BrowserContext, test as base, type Page, type Worker } from '@playwright/test';
import { startXeroEmulator, type XeroEmulator } from '../../emulator/xero/server';
import { OAUTH_REDIRECT_URI } from '../../lib/config/extension-identity';
import { emulatorPort, launchWithExtension } from '../../scripts/support/extension-browser';

export interface Fixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  popup: Page;
}

export const test = base.extend<Fixtures, { xero: XeroEmulator }>({
  xero: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructured first parameter.
    async ({}, use) => {
      const emulator = await startXeroEmulator({ port: emulatorPort(), redirectUris: [OAUTH_REDIRECT_URI] });
      await use(emulator);
      await emulator.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ xero }, use) => {
    xero.state.reset();
    const context = await launchWithExtension({ userDataDir: '', headless: true });
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  popup: async ({ context, extensionId }, use) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** Connect from the popup, approving `organisations` on the emulator's consent screen. */
export async function connectThroughConsent(
  context: BrowserContext,
  popup: Page,
  buttonName: string,
  organisations: string[],
) {
  const consentPage = context.waitForEvent('page');
  await popup.getByRole('button', { name: buttonName }).click();
  const consent = await consentPage;
  await consent.waitForLoadState('domcontentloaded');
  for (const box of await consent.getByRole('checkbox').all()) await box.uncheck();
  for (const name of organisations) await consent.getByLabel(name).check();
  await consent.getByRole('button', { name: 'Allow access' }).click();
}
