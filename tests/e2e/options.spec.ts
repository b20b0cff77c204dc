import { expect, test } from './fixtures';

test('the options page shows the redirect URI to register and rejects a malformed client id', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
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
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Client id').fill('practice-sync-legacy');
  await options.getByLabel('Broad scopes (older Xero apps)').check();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved.')).toBeVisible();

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
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Broad scopes (older Xero apps)').check();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved.')).toBeVisible();

  await popup.reload();
  await popup.getByRole('button', { name: 'Connect to Xero' }).click();
  await expect(popup.getByTestId('popup-error')).toContainText('Xero refused the sign-in request');
  await expect(popup.getByRole('button', { name: 'Connect to Xero' })).toBeEnabled();
});
