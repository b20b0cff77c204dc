import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { invoice, patient, records, worldSettings } from '../support/engine-world';
import { request } from './extension-requests';
import { connectThroughConsent, expect, test } from './fixtures';
import { AU, archiveAccount, invoicesIn, SCREENSHOTS } from './practice';

test.setTimeout(180_000);

async function openPage(context: BrowserContext, extensionId: string, hash: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`chrome-extension://${extensionId}/options.html#${hash}`);
  return page;
}

/** The log's row for one operation on one document. */
const logRow = (page: Page, number: string, operation: string) =>
  page.locator('tr.log-row').filter({ hasText: number }).filter({ hasText: operation });

test('a push refused by Xero shows in the log with its message; the user fixes the mapping and retries; a deleted invoice is voided on confirmation', async ({
  context,
  popup,
  extensionId,
  xero,
}) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);
  const log = await openPage(context, extensionId, 'log');
  expect(await request(log, 'sync.saveSettings', { document: worldSettings() })).toMatchObject({ ok: true });
  const jane = patient('1001');
  await request(log, 'sync.submit', {
    records: records({
      patients: [jane],
      invoices: [invoice('5001', '1001', { url: 'https://harbourside.cliniko.com/invoices/5001' })],
    }),
    trigger: 'manual',
  });
  await expect(logRow(log, 'HS-5001', 'Create invoice')).toContainText('Synced', { timeout: 30_000 });

  // The bookkeeper archives the consultations account in Xero; the next invoice is refused.
  await archiveAccount(xero, AU.tenantId, '210');
  await request(log, 'sync.submit', {
    records: records({ invoices: [invoice('5002', '1001')] }),
    trigger: 'manual',
  });
  const refused = logRow(log, 'HS-5002', 'Create invoice');
  await expect(refused).toContainText('Failed', { timeout: 30_000 });
  await expect(refused).toContainText("Account code '210' is not a valid code for this document.");
  await expect(
    logRow(log, 'HS-5001', 'Create invoice').getByRole('link', { name: 'Open in the PMS' }),
  ).toHaveAttribute('href', 'https://harbourside.cliniko.com/invoices/5001');
  await expect(
    logRow(log, 'HS-5001', 'Create invoice').getByRole('link', { name: 'Open in Xero' }),
  ).toHaveAttribute('href', /^https:\/\/go\.xero\.com\/app\/!aB3xY\/invoicing\/view\//);
  await expect(log.getByTestId('log-failed')).toHaveText('1');
  await log.screenshot({ path: `${SCREENSHOTS}/sync-log-failed.png` });

  // The popup says so too, and leads to the log.
  await popup.reload();
  await expect(popup.getByTestId('failed-count')).toHaveText('1');
  const opened = context.waitForEvent('page');
  await popup.getByRole('link', { name: 'Open sync log' }).click();
  const fromPopup = await opened;
  await expect(fromPopup).toHaveURL(/options\.html#log/);
  await popup.setViewportSize({ width: 360, height: 280 });
  await popup.screenshot({ path: `${SCREENSHOTS}/popup-queue.png` });
  await fromPopup.close();

  // The fix: the Services category goes to an active account (the archived one is flagged).
  const setup = await openPage(context, extensionId, 'setup');
  const services = setup.getByRole('combobox', { name: 'Revenue account for Services' });
  await expect(services).toHaveValue('210');
  await expect(
    setup.getByText('Account 210 (Consultations) is archived', { exact: false }).first(),
  ).toBeVisible();
  expect(await services.locator('option').allTextContents()).not.toContain('210 — Consultations');
  await services.selectOption('200');
  await setup.getByRole('region', { name: 'Save settings' }).getByRole('button', { name: 'Save' }).click();
  await expect(setup.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // Retry in the log: synced, once.
  await refused.getByRole('button', { name: /^Retry / }).click();
  await expect(refused).toContainText('Synced', { timeout: 30_000 });
  expect((await invoicesIn(xero, AU.tenantId)).filter((i) => i.InvoiceNumber === 'HS-5002')).toHaveLength(1);
  await expect(log.getByTestId('log-failed')).toHaveText('0');

  // The filtered log as CSV.
  await log.getByLabel('Search number or patient').fill('HS-5002');
  await expect(log.locator('tr.log-row').filter({ hasText: 'HS-5001' })).toHaveCount(0);
  const download = log.waitForEvent('download');
  await log.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  expect(csv).toContain('HS-5002');
  expect(csv).not.toContain('HS-5001');
  await log.getByLabel('Search number or patient').fill('');

  // HS-5001 is deleted in the PMS: the log offers "Void in Xero", which asks first.
  await request(log, 'sync.submit', {
    records: records({ invoices: [{ ...invoice('5001', '1001'), deleted: true }] }),
    trigger: 'manual',
  });
  const voidButton = log.getByRole('button', { name: /^Void in Xero: .*HS-5001/ });
  await expect(voidButton).toBeVisible({ timeout: 30_000 });
  await voidButton.click();
  const dialog = log.getByRole('dialog', { name: 'Void in Xero?' });
  await dialog.getByRole('button', { name: 'Keep it', exact: true }).click();
  await expect(dialog).toBeHidden();
  expect((await invoicesIn(xero, AU.tenantId)).find((i) => i.InvoiceNumber === 'HS-5001')?.Status).toBe(
    'AUTHORISED',
  );
  await voidButton.click();
  await log.screenshot({ path: `${SCREENSHOTS}/sync-log-void.png` });
  await dialog.getByRole('button', { name: 'Yes, void in Xero', exact: true }).click();
  await expect
    .poll(
      async () => (await invoicesIn(xero, AU.tenantId)).find((i) => i.InvoiceNumber === 'HS-5001')?.Status,
      {
        timeout: 30_000,
      },
    )
    .toBe('VOIDED');
  // Live: the void's row turns to Synced and the deleted invoice no longer waits for anyone.
  await expect(logRow(log, 'HS-5001', 'Void invoice').and(log.locator('[data-status="synced"]'))).toHaveCount(
    1,
  );
  await expect(log.locator('tr.log-row[data-status="needs-action"]')).toHaveCount(0);
  await log.screenshot({ path: `${SCREENSHOTS}/sync-log.png` });
});
