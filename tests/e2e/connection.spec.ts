import { SEED_TENANTS } from '../../emulator/xero/accounting/seed';
import { control } from '../../emulator/xero/test-support/harness';
import { connectThroughConsent, expect, test } from './fixtures';

const AU = SEED_TENANTS.auClinic;
const UK = SEED_TENANTS.ukAudiology;
const SIXTY_ONE_DAYS = 61 * 24 * 60 * 60;

test('connects from the popup through the consent screen and shows the chosen organisation', async ({
  context,
  popup,
  xero,
}) => {
  await expect(popup.getByRole('button', { name: 'Connect to Xero' })).toBeVisible();
  await connectThroughConsent(context, popup, 'Connect to Xero', [UK.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(UK.name);

  // Only the organisation ticked on the consent screen is connected, and it is the one shown.
  const state = await (await control(xero, 'state')).json();
  expect(state.connections.map((c: { tenantId: string }) => c.tenantId)).toEqual([UK.tenantId]);
});

test('switches between several connected organisations', async ({ context, popup }) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name, UK.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);
  await popup.getByLabel('Organisation').selectOption({ label: UK.name });
  await expect(popup.getByTestId('organisation-name')).toHaveText(UK.name);
  await popup.reload();
  await expect(popup.getByTestId('organisation-name')).toHaveText(UK.name);
});

test('stays connected after the service worker is stopped and started again', async ({
  context,
  popup,
  extensionId,
}) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);

  const cdp = await context.newCDPSession(popup);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.includes(extensionId)) statuses.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => statuses.at(-1)).toBe('stopped');

  await popup.reload(); // the popup's message wakes a brand-new worker
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);
  await expect.poll(() => statuses.at(-1)).toBe('running');
});

test('shows "Xero is disconnected" when the refresh token has expired, and Reconnect works', async ({
  context,
  popup,
  xero,
}) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);

  await control(xero, 'clock', { advanceSeconds: SIXTY_ONE_DAYS });
  await popup.reload();
  await expect(popup.getByRole('alert').filter({ hasText: 'Xero is disconnected' })).toBeVisible();

  await connectThroughConsent(context, popup, 'Reconnect', [AU.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);
  await expect(popup.getByText('Xero is disconnected')).toHaveCount(0);
});

test('cancelling on the consent screen leaves the extension unconnected with a clear message', async ({
  context,
  popup,
}) => {
  const consentPage = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Connect to Xero' }).click();
  const consent = await consentPage;
  await consent.getByRole('button', { name: 'Cancel' }).click();
  await expect(popup.getByTestId('popup-error')).toHaveText('Access to Xero was not allowed.');
  await expect(popup.getByRole('button', { name: 'Connect to Xero' })).toBeEnabled();
  // A real popup has closed by now; opened again, it still says what happened.
  await popup.reload();
  await expect(popup.getByTestId('popup-error')).toHaveText('Access to Xero was not allowed.');
});

test('the connection completes in the background after the popup has closed', async ({
  context,
  extensionId,
  popup,
}) => {
  const consentPage = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Connect to Xero' }).click();
  const consent = await consentPage;
  await popup.close(); // Chrome closes the popup when Xero's window takes the focus
  await consent.getByLabel(UK.name).check();
  await consent.getByLabel(AU.name).uncheck();
  await consent.getByRole('button', { name: 'Allow access' }).click();

  const reopened = await context.newPage();
  await reopened.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(reopened.getByTestId('organisation-name')).toHaveText(UK.name);
});

test('disconnecting revokes the grant in Xero', async ({ context, popup, xero }) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);
  await popup.getByRole('button', { name: 'Disconnect' }).click();
  await expect(popup.getByRole('button', { name: 'Connect to Xero' })).toBeVisible();
  const state = await (await control(xero, 'state')).json();
  expect(state.connections).toEqual([]);
});

test('an organisation disconnected in Xero is not replaced silently: the popup asks which one to use', async ({
  context,
  popup,
  xero,
}) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name, UK.name]);
  await expect(popup.getByTestId('organisation-name')).toHaveText(AU.name);

  // Someone removes the AU connection in Xero's own settings.
  const script = await (await control(xero, 'tokens', { tenantIds: [] })).json();
  const connections = await (
    await fetch(`${xero.url}/connections`, { headers: { Authorization: `Bearer ${script.access_token}` } })
  ).json();
  const au = connections.find((c: { tenantId: string }) => c.tenantId === AU.tenantId);
  await fetch(`${xero.url}/connections/${au.id}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${script.access_token}` },
  });

  await popup.reload();
  await expect(popup.getByRole('alert')).toHaveText('Choose the Xero organisation to send to.');
  await popup.getByLabel('Organisation').selectOption({ label: UK.name });
  await expect(popup.getByTestId('organisation-name')).toHaveText(UK.name);
});
