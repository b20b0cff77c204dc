import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { request } from './extension-requests';
import { connectThroughConsent, expect, test } from './fixtures';
import { AU, invoicesIn, optionValues, SCREENSHOTS, twoClinicRecords, UK } from './practice';

test.setTimeout(180_000);

async function openSetup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`chrome-extension://${extensionId}/options.html#setup`);
  return page;
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function save(page: Page) {
  await page.getByRole('region', { name: 'Save settings' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

test('a practice maps every category and payment method from the live lists, and a clinic override sends that clinic to the second organisation', async ({
  context,
  popup,
  extensionId,
  xero,
}) => {
  await connectThroughConsent(context, popup, 'Connect to Xero', [AU.name, UK.name]);
  await expect(popup.getByTestId('organisation-name')).toBeVisible();
  const page = await openSetup(context, extensionId);
  // The PMS's pages have sent records before anything was set up: nothing went to Xero, but the
  // setup now knows the practice's clinics, categories, tax names and payment methods.
  const first = await request(page, 'sync.submit', { records: twoClinicRecords(), trigger: 'manual' });
  expect(first).toMatchObject({ ok: true, value: { queued: 0 } });
  await page.reload();

  const organisation = region(page, 'Organisation');
  await expect(organisation.getByRole('listitem').filter({ hasText: AU.name })).toBeVisible();
  await expect(page.getByTestId('clinics-without-organisation')).toContainText('Harbourside CBD');
  await organisation.getByRole('combobox', { name: 'Default organisation' }).selectOption(AU.tenantId);
  await expect(page.getByTestId('clinics-without-organisation')).toHaveCount(0);

  // Revenue: only the organisation's active revenue accounts are offered.
  const revenue = region(page, 'Revenue');
  const categoryAccount = /^Revenue account for (?!item code)/;
  await expect(revenue.getByRole('combobox', { name: categoryAccount }).first()).toBeVisible();
  const offered = await optionValues(page, 'Revenue account for Services');
  expect(offered).toEqual(expect.arrayContaining(['200', '210', '220']));
  expect(offered).not.toContain('250'); // archived in Xero
  expect(offered).not.toContain('090'); // a bank account
  // Leeds' records use a category that is not in the list yet.
  await revenue.getByRole('button', { name: 'Add Hearing aids to the list' }).click();
  const categories = await revenue.getByRole('combobox', { name: categoryAccount }).all();
  expect(categories.length).toBeGreaterThanOrEqual(4);
  for (const picker of categories) await picker.selectOption('200');
  await revenue.getByRole('combobox', { name: 'Revenue account for Services' }).selectOption('210');
  await revenue.getByRole('combobox', { name: 'Xero tax rate for GST', exact: true }).selectOption('OUTPUT');
  await revenue.getByRole('combobox', { name: 'Xero tax rate for GST-free' }).selectOption('EXEMPTOUTPUT');
  expect(await optionValues(page, 'Xero tax rate for GST')).not.toContain('INPUT');

  // Payments: only bank accounts and accounts with payments enabled.
  const payments = region(page, 'Payments');
  const paymentOffers = await optionValues(page, 'Payment account for EFTPOS');
  expect(paymentOffers).toEqual(expect.arrayContaining(['090', '091', '615']));
  expect(paymentOffers).not.toContain('200');
  await payments.getByRole('combobox', { name: 'Payment account for EFTPOS' }).selectOption('615');
  await payments.getByRole('combobox', { name: 'Payment account for Cash' }).selectOption('090');
  await payments.getByRole('combobox', { name: 'Default payment account' }).selectOption('090');

  const rounding = region(page, 'Rounding and tracking');
  await rounding.getByRole('combobox', { name: 'Rounding account' }).selectOption('860');
  await rounding.getByRole('combobox', { name: 'Rounding tax rate (0 %)' }).selectOption('BASEXCLUDED');
  await region(page, 'Sync behaviour').getByLabel('Invoice number prefix').fill('HS-');
  await save(page);
  await page.screenshot({ path: `${SCREENSHOTS}/setup-mappings.png`, fullPage: true });

  // Saved is saved: a reload shows the same choices.
  await page.reload();
  await expect(
    region(page, 'Revenue').getByRole('combobox', { name: 'Revenue account for Services' }),
  ).toHaveValue('210');
  await expect(
    region(page, 'Payments').getByRole('combobox', { name: 'Payment account for EFTPOS' }),
  ).toHaveValue('615');

  // Switching the organisation: the lists follow, and what the UK organisation lacks is flagged.
  await region(page, 'Organisation')
    .getByRole('combobox', { name: 'Default organisation' })
    .selectOption(UK.tenantId);
  await expect
    .poll(() => optionValues(page, 'Revenue account for Services'))
    .toEqual(expect.arrayContaining(['201', '202']));
  // 210 stays shown as the current (flagged) value; AU's other accounts are not offered.
  expect(await optionValues(page, 'Revenue account for Services')).not.toContain('220');
  await expect(region(page, 'Revenue').getByText('Account 210', { exact: false }).first()).toBeVisible();
  // Not saved yet: a reload keeps the change, and says it is not saved.
  await page.reload();
  await expect(
    region(page, 'Organisation').getByRole('combobox', { name: 'Default organisation' }),
  ).toHaveValue(UK.tenantId);
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(
    region(page, 'Organisation').getByRole('combobox', { name: 'Default organisation' }),
  ).toHaveValue(AU.tenantId);

  // A clinic override: Leeds goes to the UK organisation with its own accounts.
  const overrides = region(page, 'Clinic overrides');
  await overrides
    .getByRole('combobox', { name: 'Clinic to override' })
    .selectOption({ label: 'Clearsound Leeds (leeds)' });
  await overrides.getByRole('button', { name: 'Add override' }).click();
  const leeds = page.getByRole('region', { name: 'Override for Clearsound Leeds' });
  await leeds.getByRole('combobox', { name: 'Organisation for Clearsound Leeds' }).selectOption(UK.tenantId);
  await leeds.getByRole('button', { name: 'Override Revenue account for Hearing aids' }).click();
  await leeds.getByRole('combobox', { name: 'Revenue account for Hearing aids' }).selectOption('201');
  // Nothing to inherit for VAT (the defaults do not map it): the clinic's own choice at once.
  await leeds.getByRole('combobox', { name: 'Xero tax rate for VAT 20%' }).selectOption('OUTPUT2');
  await leeds.getByRole('button', { name: 'Override Default payment account' }).click();
  await leeds.getByRole('combobox', { name: 'Default payment account' }).selectOption('090');
  await save(page);
  await leeds.screenshot({ path: `${SCREENSHOTS}/setup-clinic-override.png` });

  // Check setup finds what would fail: Leeds inherits a rounding tax rate the UK organisation lacks.
  const check = region(page, 'Check setup');
  await check.getByRole('button', { name: 'Check setup' }).click();
  const leedsProblems = check
    .getByRole('listitem')
    .filter({ hasText: 'Tax rate BASEXCLUDED is not in Clearsound Audiology' });
  await expect(leedsProblems).toHaveCount(1);
  await check.screenshot({ path: `${SCREENSHOTS}/setup-check.png` });
  // Its link leads to the field; the clinic gets its own rounding, and the check no longer lists it.
  await leedsProblems.getByRole('link').click();
  await leeds.getByRole('button', { name: 'Override Rounding' }).click();
  await leeds.getByRole('combobox', { name: 'Rounding tax rate (0 %)' }).selectOption('NONE');
  await save(page);
  await check.getByRole('button', { name: 'Check setup' }).click();
  // Read in one go, so a list still being replaced cannot pass for the new one.
  await expect
    .poll(async () => {
      const text = await check.innerText();
      return {
        checked: /No problems found|would fail|warnings?\./.test(text),
        rounding: text.includes('BASEXCLUDED'),
      };
    })
    .toEqual({ checked: true, rounding: false });

  // The PMS sends the records again: CBD's invoice goes to the AU organisation, Leeds' to the UK one.
  const second = await request(page, 'sync.submit', { records: twoClinicRecords(), trigger: 'manual' });
  expect(second).toMatchObject({ ok: true });
  await expect
    .poll(async () => (await invoicesIn(xero, UK.tenantId)).map((i) => [i.InvoiceNumber, i.Total]), {
      timeout: 30_000,
    })
    .toEqual([['HS-6001', 240]]);
  await expect
    .poll(async () => (await invoicesIn(xero, AU.tenantId)).map((i) => [i.InvoiceNumber, i.Status]), {
      timeout: 30_000,
    })
    .toEqual([['HS-5001', 'PAID']]);

  // Export, change a setting, import the file: the exported settings are back.
  const file = region(page, 'Settings file');
  const download = page.waitForEvent('download');
  await file.getByRole('button', { name: 'Export settings' }).click();
  const exported = await (await download).path();
  const document = JSON.parse(await readFile(exported, 'utf8'));
  expect(document).toMatchObject({
    format: 'practice-sync-settings',
    defaults: { tenantId: AU.tenantId, invoicePrefix: 'HS-' },
    clinics: { leeds: { tenantId: UK.tenantId } },
  });
  await region(page, 'Sync behaviour').getByLabel('Invoice number prefix').fill('XX-');
  await save(page);
  await file.getByLabel('Import settings…').setInputFiles({
    name: 'not-settings.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"something else"}'),
  });
  await expect(file.getByRole('alert')).toContainText('Nothing was imported');
  await expect(region(page, 'Sync behaviour').getByLabel('Invoice number prefix')).toHaveValue('XX-');
  await file.getByLabel('Import settings…').setInputFiles(exported);
  await expect(file.getByRole('status').filter({ hasText: 'Imported and saved' })).toBeVisible();
  await expect(region(page, 'Sync behaviour').getByLabel('Invoice number prefix')).toHaveValue('HS-');
  const stored = await request(page, 'sync.getSettings', {});
  expect(stored).toMatchObject({ value: { settings: { defaults: { invoicePrefix: 'HS-' } } } });
  await region(page, 'Organisation').screenshot({ path: `${SCREENSHOTS}/setup-organisation.png` });
});
