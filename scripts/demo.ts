/**
 * The demo: builds the extension for the emulator, starts the Xero emulator on the port that
 * build expects, and opens Chromium with the extension loaded on its popup. With a display you
 * click through it yourself; without one (a server, CI) it runs headless, walks through
 * "Connect to Xero" once to show it works, saves screenshots in .demo/, and keeps running.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startXeroEmulator } from '../emulator/xero/server';
import { OAUTH_REDIRECT_URI } from '../lib/config/extension-identity';
import { DEMO_RECORDS, DEMO_SETTINGS } from './support/demo-clinic';
import { emulatorPort, launchWithExtension } from './support/extension-browser';

const root = path.resolve(import.meta.dirname, '..');
const demoDir = path.join(root, '.demo');
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const exitAfterWalkthrough = process.argv.includes('--check');

console.log('Building the extension for the emulator…');
execFileSync('npx', ['wxt', 'build', '--mode', 'emulator'], { cwd: root, stdio: 'inherit' });

const xero = await startXeroEmulator({ port: emulatorPort(), redirectUris: [OAUTH_REDIRECT_URI] });
console.log(`Xero emulator: ${xero.url} (state: ${xero.url}/__emulator/state)`);

rmSync(path.join(demoDir, 'profile'), { recursive: true, force: true });
mkdirSync(demoDir, { recursive: true });
const context = await launchWithExtension({
  userDataDir: path.join(demoDir, 'profile'),
  headless,
  viewport: headless ? { width: 420, height: 560 } : null,
  extraArgs: headless ? ['--remote-debugging-port=9222'] : [],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const popupUrl = `chrome-extension://${extensionId}/popup.html`;
const popup = context.pages()[0] ?? (await context.newPage());
await popup.goto(popupUrl);
console.log(`Chromium is running with the extension (${extensionId}); popup: ${popupUrl}`);

// The demo clinic's settings and sample records go to the extension's background, as the
// options page and the PMS overlay will send them; they reach Xero as soon as it is connected.
type Runtime = {
  chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown }> } };
};
const ask = (type: string, payload: unknown) =>
  popup.evaluate(
    ([type, payload]) => (globalThis as unknown as Runtime).chrome.runtime.sendMessage({ type, payload }),
    [type, payload] as const,
  );
await ask('sync.saveSettings', { document: DEMO_SETTINGS });
await ask('sync.submit', { records: DEMO_RECORDS, trigger: 'manual' });
console.log('Demo clinic (Cliniko "harbourside"): its sample records are queued for Xero.');

if (headless) {
  console.log('No display: walking through "Connect to Xero" headlessly…');
  await popup.getByRole('button', { name: 'Connect to Xero' }).waitFor();
  await popup.screenshot({ path: path.join(demoDir, '1-not-connected.png') });
  const consentPage = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Connect to Xero' }).click();
  const consent = await consentPage;
  await consent.getByRole('button', { name: 'Allow access' }).waitFor();
  await consent.screenshot({ path: path.join(demoDir, '2-consent.png') });
  await consent.getByRole('button', { name: 'Allow access' }).click();
  const name = await popup.getByTestId('organisation-name').textContent({ timeout: 15_000 });
  await popup.screenshot({ path: path.join(demoDir, '3-connected.png') });
  console.log(`Connected to "${name}". Screenshots in .demo/. DevTools: http://127.0.0.1:9222`);
  const invoice = { source: DEMO_RECORDS.source, kind: 'invoice', id: DEMO_RECORDS.invoices[0]!.id };
  for (let tries = 0; tries < 60; tries++) {
    const reply = await ask('sync.status', { refs: [invoice] });
    const status = (
      reply.value as { state: string; xero: { number: string; url: string } | null }[] | undefined
    )?.[0];
    if (status?.state === 'synced') {
      console.log(`The demo clinic's invoice is in Xero as ${status.xero?.number} (${status.xero?.url}).`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // The options page as a bookkeeper finds it: the setup read live from Xero, and the sync log.
  const options = await context.newPage();
  await options.setViewportSize({ width: 1280, height: 800 });
  await options.goto(`chrome-extension://${extensionId}/options.html#setup`);
  await options.getByRole('combobox', { name: 'Revenue account for Services' }).waitFor({ timeout: 15_000 });
  await options.screenshot({ path: path.join(demoDir, '4-setup.png'), fullPage: true });
  await options.goto(`chrome-extension://${extensionId}/options.html#log`);
  await options.locator('tr.log-row').first().waitFor({ timeout: 15_000 });
  await options.screenshot({ path: path.join(demoDir, '5-sync-log.png') });
  console.log('Options page: Setup and Sync log screenshots in .demo/.');
}

if (exitAfterWalkthrough) {
  await context.close();
  await xero.close();
  process.exit(0);
}

console.log('Press Ctrl+C to stop.');
const stop = async () => {
  await context.close().catch(() => undefined);
  await xero.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
context.on('close', () => void stop());
