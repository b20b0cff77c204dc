import type { BrowserContext, Worker } from '@playwright/test';
import { expect, test } from './fixtures';

async function openOptions(context: BrowserContext, extensionId: string) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#xero-app`);
  return options;
}

/** Saves the Xero app settings the way a user does, and waits for the confirmation. */
async function saveXeroApp(
  context: BrowserContext,
  extensionId: string,
  app: { clientId?: string; broad: boolean },
) {
  const options = await openOptions(context, extensionId);
  if (app.clientId) await options.getByLabel('Client id').fill(app.clientId);
  if (app.broad) await options.getByLabel('Broad scopes (older Xero apps)').check();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved.')).toBeVisible();
}

/** Writes a settings row straight into the extension's IndexedDB, as a damaged profile might hold it. */
async function putSettingsRow(serviceWorker: Worker, row: { key: string; version?: number; value: unknown }) {
  await serviceWorker.evaluate(
    (row) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('practice-sync');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('settings', 'readwrite');
          tx.objectStore('settings').put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    row,
  );
}

test('the options page shows the redirect URI to register and rejects a malformed client id', async ({
  context,
  extensionId,
}) => {
  const options = await openOptions(context, extensionId);
  await expect(options.getByTestId('redirect-uri')).toHaveText(`https://${extensionId}.chromiumapp.org/`);
  await options.getByLabel('Client id').fill('not a client id!');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('alert')).toContainText('A Xero client id is letters, digits');
  await options.reload();
  await expect(options.getByLabel('Client id')).toHaveValue('');
});

test('an older Xero app connects with its own client id and the broad scopes', async ({
  context,
  extensionId,
  popup,
}) => {
  await saveXeroApp(context, extensionId, { clientId: 'practice-sync-legacy', broad: true });
  await popup.reload();
  const consentPage = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Connect to Xero' }).click();
  const consent = await consentPage;
  await expect(consent.getByText('accounting.transactions', { exact: true })).toBeVisible();
  await expect(consent.getByRole('heading')).toContainText('legacy app');
  await consent.getByRole('button', { name: 'Allow access' }).click();
  await expect(popup.getByTestId('organisation-name')).toBeVisible();
});

test('the broad scopes on an app created after 2 March 2026 fail with a clear message, not a hang', async ({
  context,
  extensionId,
  popup,
}) => {
  await saveXeroApp(context, extensionId, { broad: true });
  await popup.reload();
  await popup.getByRole('button', { name: 'Connect to Xero' }).click();
  await expect(popup.getByTestId('popup-error')).toContainText('Xero refused the sign-in request');
  await expect(popup.getByRole('button', { name: 'Connect to Xero' })).toBeEnabled();
});

test('saved Xero app settings that cannot be read are shown and kept, Connect says so, and Save replaces them', async ({
  context,
  extensionId,
  serviceWorker,
  popup,
}) => {
  const options = await openOptions(context, extensionId);
  await expect(options.getByRole('button', { name: 'Save' })).toBeEnabled(); // the database exists now
  await putSettingsRow(serviceWorker, {
    key: 'xeroApp',
    value: { xeroClientId: 42, scopeProfile: 'all' },
  });
  await options.reload();
  const problem = options.getByTestId('xero-app-unreadable');
  await expect(problem).toContainText('The saved Xero app settings cannot be read');
  await expect(problem.locator('pre')).toContainText('"xeroClientId": 42');

  await popup.reload();
  await popup.getByRole('button', { name: 'Connect to Xero' }).click();
  await expect(popup.getByTestId('popup-error')).toContainText('The saved Xero app settings cannot be read');

  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved.')).toBeVisible();
  await expect(problem).toHaveCount(0);
});
