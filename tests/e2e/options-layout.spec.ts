import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { invoice, patient, records, worldSettings } from '../support/engine-world';
import { request } from './extension-requests';
import { connectThroughConsent, expect, test } from './fixtures';
import { AU, SCREENSHOTS } from './practice';

/** What axe-core finds that a screen-reader or low-vision user would be stopped by. */
async function seriousAccessibilityProblems(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Whether the page scrolls sideways (tables may scroll inside their own frame; the page may not). */
const pageOverflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

test('the options pages fit 1280 × 800 and 200 % zoom without sideways scrolling, and are reachable by keyboard', async ({
  context,
  popup,
  extensionId,
}) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#setup`);
  expect(await request(page, 'sync.saveSettings', { document: worldSettings() })).toMatchObject({ ok: true });

  // 1280 × 800 at 100 %, then at 200 % zoom (the same window shows a 640 × 400 CSS-pixel page).
  for (const [width, height, name] of [
    [1280, 800, 'setup'],
    [640, 400, 'setup-zoom-200'],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Revenue account for Services' })).toHaveValue('210');
    expect(await pageOverflows(page)).toBe(false);
    if (name === 'setup-zoom-200') await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  }
  await page.goto(`chrome-extension://${extensionId}/options.html#log`);
  for (const [width, height] of [
    [1280, 800],
    [640, 400],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect(page.getByRole('table', { name: /Sync log/ })).toBeVisible();
    expect(await pageOverflows(page)).toBe(false);
  }

  // Keyboard: from the top of the setup page, Tab reaches the pages bar, then the setup's fields.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`chrome-extension://${extensionId}/options.html#setup`);
  await expect(page.getByRole('combobox', { name: 'Default organisation' })).toBeVisible();
  const focused = () =>
    page.evaluate(
      () =>
        document.activeElement?.getAttribute('aria-label') ??
        document.activeElement?.textContent?.trim() ??
        '',
    );
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Setup');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    // The first select of the page is the default organisation.
    reached = await page.evaluate(() => document.activeElement === document.querySelector('select'));
  }
  expect(reached).toBe(true);
  const label = await page.evaluate(() => {
    const el = document.activeElement as HTMLSelectElement;
    return el.labels?.[0]?.textContent?.trim() ?? el.getAttribute('aria-label');
  });
  expect(label).toContain('Default organisation');
});

test('Setup, the sync log and the popup have no serious accessibility problems (axe-core)', async ({
  context,
  popup,
  extensionId,
}) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`chrome-extension://${extensionId}/options.html#setup`);
  expect(await request(page, 'sync.saveSettings', { document: worldSettings() })).toMatchObject({ ok: true });
  await request(page, 'sync.submit', {
    records: records({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] }),
    trigger: 'manual',
  });
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Revenue account for Services' })).toHaveValue('210');
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await page.goto(`chrome-extension://${extensionId}/options.html#log`);
  await expect(page.locator('tr.log-row').first()).toBeVisible({ timeout: 20_000 });
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await popup.reload();
  await expect(popup.getByTestId('queued-count')).toBeVisible();
  expect(await seriousAccessibilityProblems(popup)).toEqual([]);
});
