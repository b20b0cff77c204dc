import { describe, expect, it } from 'vitest';
import {
  type ClinicSettings,
  DEFAULT_CLINIC_SETTINGS,
  DEFAULT_SYNC_SETTINGS,
  type SyncSettings,
} from '../settings/sync-settings';
import { AU_TENANT, auLists, UK_TENANT, ukLists } from '../testing/organisation-lists';
import { checkSetup, type ListsByTenant } from './check';
import type { PracticeDirectory, SetupProblem } from './lists';

/** A practice whose setup is complete: every check passes against `auLists()`. */
function goodSettings(
  defaults: Partial<ClinicSettings> = {},
  clinics: SyncSettings['clinics'] = {},
): SyncSettings {
  return {
    ...DEFAULT_SYNC_SETTINGS,
    categories: ['Services', 'Products'],
    defaults: {
      ...DEFAULT_CLINIC_SETTINGS,
      tenantId: AU_TENANT,
      revenueAccounts: { Services: '210', Products: '220' },
      taxRates: { GST: 'OUTPUT', 'GST-free': 'EXEMPTOUTPUT' },
      paymentAccounts: { EFTPOS: '090', HICAPS: '615' },
      defaultPaymentAccount: '091',
      rounding: { accountCode: '860', taxType: 'BASEXCLUDED' },
      tracking: {
        clinic: { category: 'Location', options: {} },
        practitioner: { category: 'Practitioner', options: {} },
      },
      ...defaults,
    },
    clinics,
  };
}

function directory(extra: Partial<PracticeDirectory> = {}): PracticeDirectory {
  return {
    clinics: [{ id: 'cbd', name: 'Harbourside CBD' }],
    practitioners: [{ id: '77', name: 'Dr Sam Lee' }],
    categories: ['Products', 'Services'],
    taxNames: [
      { name: 'GST', ratePercent: '10.0000' },
      { name: 'GST-free', ratePercent: '0.0000' },
    ],
    itemCodes: [],
    paymentMethods: ['EFTPOS', 'HICAPS'],
    ...extra,
  };
}

const au: ListsByTenant = { [AU_TENANT]: auLists() };
const both: ListsByTenant = { [AU_TENANT]: auLists(), [UK_TENANT]: ukLists() };

const at = (problems: SetupProblem[], clinicId: string | null, path: string) =>
  problems.filter((p) => p.clinicId === clinicId && p.path === path);
const only = (problems: SetupProblem[], clinicId: string | null, path: string) => {
  const found = at(problems, clinicId, path);
  expect(found, JSON.stringify(problems, null, 2)).toHaveLength(1);
  return found[0]!;
};

describe('checkSetup', () => {
  it('finds nothing in a complete setup', () => {
    expect(checkSetup(goodSettings(), au, directory())).toEqual([]);
  });

  describe('organisation and switch', () => {
    it('warns that clinics without an organisation send nothing, naming each', () => {
      const problems = checkSetup(goodSettings({ tenantId: null }), {}, directory());
      expect(only(problems, null, 'tenantId')).toMatchObject({
        severity: 'warning',
        message: expect.stringContaining('clinics without one of their own ("Harbourside CBD") send nothing'),
      });
      expect(only(problems, 'cbd', 'tenantId')).toMatchObject({
        severity: 'warning',
        message:
          'Harbourside CBD has no Xero organisation: nothing of its is sent. Choose one under Organisation.',
      });
    });

    it('says so when synchronisation is off, for the defaults or for one clinic', () => {
      const off = checkSetup(goodSettings({ enabled: false }), au, directory());
      expect(only(off, null, 'enabled').severity).toBe('warning');
      const clinicOff = checkSetup(goodSettings({}, { cbd: { enabled: false } }), au, directory());
      expect(at(clinicOff, null, 'enabled')).toEqual([]);
      expect(only(clinicOff, 'cbd', 'enabled').message).toBe(
        'Synchronisation is switched off for Harbourside CBD: nothing of its is sent, not even by hand.',
      );
    });

    it('reports an organisation that cannot be read, without a crash', () => {
      const problems = checkSetup(
        goodSettings(),
        { [AU_TENANT]: { tenantId: AU_TENANT, problem: 'Not one this Xero connection can reach.' } },
        directory(),
      );
      expect(only(problems, null, 'tenantId')).toMatchObject({
        severity: 'error',
        message: 'Not one this Xero connection can reach.',
      });
      // Nothing that needs Xero's lists is judged without them.
      expect(problems.filter((p) => p.path !== 'tenantId')).toEqual([]);
    });

    it("reports the organisation's lock date", () => {
      const problems = checkSetup(
        goodSettings(),
        { [AU_TENANT]: auLists({ lockDate: '2026-03-31' }) },
        directory(),
      );
      expect(only(problems, null, 'tenantId')).toEqual({
        clinicId: null,
        path: 'tenantId',
        severity: 'warning',
        message:
          'Harbourside Physiotherapy is locked up to 31 March 2026: Xero refuses documents dated on or before then.',
      });
    });
  });

  describe('revenue', () => {
    it('needs a revenue account for every category, listed or seen in the records', () => {
      const settings = goodSettings({ revenueAccounts: { Services: '210' } });
      settings.categories = ['Services', 'Products', 'Custom items'];
      const problems = checkSetup(settings, au, directory({ categories: ['Hearing aids', 'Services'] }));
      expect(only(problems, null, 'revenueAccounts.Products')).toMatchObject({
        severity: 'error',
        message: expect.stringContaining('The category "Products" has no revenue account'),
      });
      expect(only(problems, null, 'revenueAccounts.Custom items').severity).toBe('error');
      expect(only(problems, null, 'revenueAccounts.Hearing aids').message).toContain(
        'which is not in your category list',
      );
      expect(at(problems, null, 'revenueAccounts.Services')).toEqual([]);
    });

    it('flags an archived, a missing and a bank account mapped for revenue, naming them', () => {
      const problems = checkSetup(
        goodSettings({ revenueAccounts: { Services: '250', Products: '999', Pilates: '090' } }),
        au,
        directory(),
      );
      expect(only(problems, null, 'revenueAccounts.Services').message).toBe(
        'Revenue account for "Services": Account 250 (Pilates classes (discontinued)) is archived in Harbourside Physiotherapy. Choose an active revenue account under Revenue.',
      );
      expect(only(problems, null, 'revenueAccounts.Products').message).toContain(
        'Account 999 is not in Harbourside Physiotherapy.',
      );
      expect(only(problems, null, 'revenueAccounts.Pilates').message).toContain('is not a revenue account');
    });

    it('checks the account of every item code', () => {
      const problems = checkSetup(
        goodSettings({ itemAccounts: { IA1: '200', OLD: '250' } }),
        au,
        directory(),
      );
      expect(at(problems, null, 'itemAccounts.IA1')).toEqual([]);
      expect(only(problems, null, 'itemAccounts.OLD').message).toContain('Account for the item code "OLD"');
    });

    it('checks every mapped tax type is a rate for sales', () => {
      const problems = checkSetup(
        goodSettings({
          taxRates: { GST: 'INPUT', 'GST-free': 'EXEMPTOUTPUT', Levy: 'TAX001', Typo: 'GST' },
          categoryTaxRates: { Products: 'INPUT' },
        }),
        au,
        directory(),
      );
      expect(only(problems, null, 'taxRates.GST').message).toContain(
        'GST on Expenses (INPUT) cannot be used on revenue',
      );
      expect(only(problems, null, 'taxRates.Levy').message).toContain('Old levy (TAX001) is deleted');
      expect(only(problems, null, 'taxRates.Typo').message).toContain(
        'Tax rate GST is not in Harbourside Physiotherapy',
      );
      expect(only(problems, null, 'categoryTaxRates.Products').severity).toBe('error');
    });

    it("refuses a tax name mapped to a rate other than the PMS's (the engine's tax guard)", () => {
      const problems = checkSetup(
        goodSettings({ taxRates: { GST: 'EXEMPTOUTPUT', 'GST-free': 'EXEMPTOUTPUT' } }),
        au,
        directory(),
      );
      expect(only(problems, null, 'taxRates.GST').message).toBe(
        'The PMS charges "GST" at 10 %, but it is mapped to GST Free Income (EXEMPTOUTPUT), 0 % in Harbourside Physiotherapy: such lines are refused so Xero never records the wrong tax. Map "GST" to a 10 % rate under Revenue.',
      );
    });
  });

  describe('PMS tax names', () => {
    const noGst = { 'GST-free': 'EXEMPTOUTPUT' };

    it('is an error when neither a mapping nor a category rate covers a tax name', () => {
      const problems = checkSetup(goodSettings({ taxRates: noGst }), au, directory());
      expect(only(problems, null, 'taxRates.GST')).toMatchObject({
        severity: 'error',
        message:
          'The PMS tax "GST" (10 %) has no Xero tax rate, and no category\'s tax rate covers it: lines with it cannot be sent. Map it to a 10 % rate under Revenue.',
      });
    });

    it('warns, naming the categories, when category rates cover it only in part (or at another rate)', () => {
      const problems = checkSetup(
        goodSettings({ taxRates: noGst, categoryTaxRates: { Products: 'OUTPUT', Services: 'EXEMPTOUTPUT' } }),
        au,
        directory(),
      );
      expect(only(problems, null, 'taxRates.GST')).toMatchObject({
        severity: 'warning',
        message:
          'The PMS tax "GST" (10 %) has no Xero tax rate of its own: lines in "Products" use their category\'s rate, but lines in "Services" cannot be sent. Map it under Revenue.',
      });
    });

    it('is satisfied when every category has a rate of the same percentage', () => {
      const problems = checkSetup(
        goodSettings({ taxRates: noGst, categoryTaxRates: { Products: 'OUTPUT', Services: 'OUTPUT' } }),
        au,
        directory(),
      );
      expect(at(problems, null, 'taxRates.GST')).toEqual([]);
    });
  });

  describe('payments', () => {
    it('needs an account for every payment method the records used, or a default', () => {
      const problems = checkSetup(
        goodSettings({ defaultPaymentAccount: null }),
        au,
        directory({ paymentMethods: ['EFTPOS', 'Cash'] }),
      );
      expect(only(problems, null, 'paymentAccounts.Cash').message).toBe(
        'The payment method "Cash" has no payment account, and there is no default: its payments cannot be sent. Choose one under Payments.',
      );
      expect(at(problems, null, 'paymentAccounts.EFTPOS')).toEqual([]);
      const withDefault = checkSetup(goodSettings(), au, directory({ paymentMethods: ['Cash'] }));
      expect(withDefault).toEqual([]);
    });

    it('warns when there is no default and no method is known yet', () => {
      const problems = checkSetup(
        goodSettings({ defaultPaymentAccount: null }),
        au,
        directory({ paymentMethods: [] }),
      );
      expect(only(problems, null, 'defaultPaymentAccount').severity).toBe('warning');
    });

    it('flags payment accounts that are not bank or payments-enabled accounts', () => {
      const problems = checkSetup(
        goodSettings({ paymentAccounts: { EFTPOS: '200', HICAPS: '615' }, defaultPaymentAccount: '250' }),
        au,
        directory(),
      );
      expect(only(problems, null, 'paymentAccounts.EFTPOS').message).toContain(
        'Account 200 (Sales) is not a bank account or an account with payments enabled.',
      );
      expect(only(problems, null, 'defaultPaymentAccount').message).toContain('is archived');
    });
  });

  describe('rounding', () => {
    it('warns that differences of up to 5 c fail without a rounding account', () => {
      const problems = checkSetup(goodSettings({ rounding: null }), au, directory());
      expect(only(problems, null, 'rounding')).toMatchObject({
        severity: 'warning',
        message: expect.stringContaining('up to 5 c'),
      });
    });

    it('needs an account a sales line may use, with a 0 % rate', () => {
      const problems = checkSetup(
        goodSettings({ rounding: { accountCode: '090', taxType: 'OUTPUT' } }),
        au,
        directory(),
      );
      expect(only(problems, null, 'rounding.accountCode').message).toContain(
        'is not an account a sales line may use',
      );
      expect(only(problems, null, 'rounding.taxType').message).toBe(
        'Rounding tax rate: Tax rate GST on Income (OUTPUT) is 10 %; a rounding line needs a 0 % rate. Choose a 0 % rate under Rounding.',
      );
    });
  });

  describe('tracking', () => {
    it('flags a tracking category Xero does not have, one spelled otherwise, and an archived one', () => {
      const missing = checkSetup(
        goodSettings({ tracking: { clinic: { category: 'Region', options: {} }, practitioner: null } }),
        au,
        directory(),
      );
      expect(only(missing, null, 'tracking.clinic.category').message).toContain(
        'The tracking category "Region" is not in Harbourside Physiotherapy',
      );
      const spelled = checkSetup(
        goodSettings({ tracking: { clinic: { category: 'location', options: {} }, practitioner: null } }),
        au,
        directory(),
      );
      expect(only(spelled, null, 'tracking.clinic.category').message).toContain('is spelled "Location"');
      const archived = checkSetup(
        goodSettings({ tracking: { clinic: null, practitioner: { category: 'Campaign', options: {} } } }),
        au,
        directory(),
      );
      expect(only(archived, null, 'tracking.practitioner.category').message).toContain(
        'The tracking category "Campaign" is archived',
      );
    });

    it('flags options: a mapped one that is archived, and a name sent as itself that Xero lacks', () => {
      const problems = checkSetup(
        goodSettings({
          tracking: {
            clinic: { category: 'Location', options: { cbd: 'Bondi' } },
            practitioner: { category: 'Practitioner', options: {} },
          },
        }),
        au,
        directory({ practitioners: [{ id: '78', name: 'Dr New' }] }),
      );
      expect(only(problems, null, 'tracking.clinic.options.cbd').message).toBe(
        'The clinic Harbourside CBD goes to the option "Bondi", which is archived in Harbourside Physiotherapy: its invoices are refused. Choose its option under Tracking.',
      );
      expect(only(problems, null, 'tracking.practitioner.options.78').message).toContain(
        'The practitioner Dr New has no option chosen, so its own name "Dr New" is sent, which "Practitioner" does not have',
      );
    });
  });

  describe('clinic overrides', () => {
    it("checks a clinic's own settings under its id, and what it inherits once, with the defaults", () => {
      const settings = goodSettings(
        { revenueAccounts: { Services: '210', Products: '250' } },
        { cbd: { name: 'Harbourside CBD', revenueAccounts: { Services: '999' } } },
      );
      const problems = checkSetup(settings, au, directory());
      expect(only(problems, 'cbd', 'revenueAccounts.Services').message).toContain('Account 999 is not in');
      expect(only(problems, null, 'revenueAccounts.Products').message).toContain('archived');
      expect(at(problems, 'cbd', 'revenueAccounts.Products')).toEqual([]);
    });

    it('checks what a clinic inherits when it sends to another organisation', () => {
      const settings = goodSettings(
        {},
        {
          leeds: {
            name: 'Clearsound Leeds',
            tenantId: UK_TENANT,
            revenueAccounts: { Services: '200', Products: '201' },
            taxRates: { GST: 'OUTPUT2', 'GST-free': 'EXEMPTOUTPUT' },
            paymentAccounts: { EFTPOS: '090', HICAPS: '090' },
            defaultPaymentAccount: '090',
            rounding: { accountCode: '860', taxType: 'NONE' },
            tracking: { clinic: null, practitioner: null },
          },
        },
      );
      const problems = checkSetup(settings, both, directory({ taxNames: [] }));
      // Its own mappings are valid there; only nothing else is inherited, so nothing is flagged.
      expect(problems.filter((p) => p.clinicId === 'leeds')).toEqual([]);
      const inheriting = goodSettings({}, { leeds: { name: 'Clearsound Leeds', tenantId: UK_TENANT } });
      const flagged = checkSetup(inheriting, both, directory({ taxNames: [] }));
      // Inherited mappings fail only if the clinic uses them: warnings that say where they come from.
      expect(only(flagged, 'leeds', 'revenueAccounts.Services')).toMatchObject({
        severity: 'warning',
        message: expect.stringMatching(
          /Account 210 is not in Clearsound Audiology.*Inherited from the defaults/,
        ),
      });
      expect(only(flagged, 'leeds', 'paymentAccounts.HICAPS').message).toContain('Account 615 is not in');
      // The default payment account and the tracking are not mappings a clinic may leave unused.
      expect(only(flagged, 'leeds', 'defaultPaymentAccount').severity).toBe('error');
      expect(only(flagged, 'leeds', 'tracking.clinic.category')).toMatchObject({ severity: 'error' });
      expect(only(flagged, 'leeds', 'tracking.clinic.category').message).toContain(
        'The tracking category "Location" is not in Clearsound Audiology',
      );
      expect(at(flagged, 'leeds', 'paymentAccounts.EFTPOS')).toEqual([]);
      expect(flagged.filter((p) => p.clinicId === null)).toEqual([]);
    });

    it('asks each scope only for the PMS tax names its own documents used', () => {
      const leeds = { name: 'Clearsound Leeds', tenantId: UK_TENANT, taxRates: { 'VAT 20%': 'OUTPUT2' } };
      const used = directory({
        clinics: [
          { id: 'cbd', name: 'Harbourside CBD' },
          { id: 'leeds', name: 'Clearsound Leeds' },
        ],
        taxNames: [
          { name: 'GST', ratePercent: '10.0000', clinicIds: ['cbd'] },
          { name: 'GST-free', ratePercent: '0.0000', clinicIds: ['cbd'] },
          { name: 'VAT 20%', ratePercent: '20.0000', clinicIds: ['leeds'] },
        ],
      });
      const problems = checkSetup(goodSettings({}, { leeds }), both, used);
      // VAT is Leeds' alone, mapped in its override: the defaults are not asked for it.
      expect(at(problems, null, 'taxRates.VAT 20%')).toEqual([]);
      // GST is never charged in Leeds: its inherited OUTPUT (missing in the UK) cannot fail there.
      expect(at(problems, 'leeds', 'taxRates.GST')).toEqual([]);
      // Without its own VAT mapping, Leeds is asked for it, and the defaults still are not.
      const { taxRates: _own, ...withoutVat } = leeds;
      const unmapped = checkSetup(goodSettings({}, { leeds: withoutVat }), both, used);
      expect(only(unmapped, 'leeds', 'taxRates.VAT 20%').severity).toBe('error');
      expect(at(unmapped, null, 'taxRates.VAT 20%')).toEqual([]);
      // A clinic of the defaults' organisation that used VAT makes the defaults answer for it.
      const cbdToo = directory({
        taxNames: [{ name: 'VAT 20%', ratePercent: '20.0000', clinicIds: ['cbd', 'leeds'] }],
      });
      expect(
        only(checkSetup(goodSettings({}, { leeds }), both, cbdToo), null, 'taxRates.VAT 20%').severity,
      ).toBe('error');
    });

    it("reports an override's organisation that cannot be read under that clinic", () => {
      const settings = goodSettings({}, { leeds: { name: 'Clearsound Leeds', tenantId: UK_TENANT } });
      const problems = checkSetup(
        settings,
        { ...au, [UK_TENANT]: { tenantId: UK_TENANT, problem: 'Xero is disconnected.' } },
        directory(),
      );
      expect(only(problems, 'leeds', 'tenantId')).toMatchObject({
        severity: 'error',
        message: 'Xero is disconnected.',
      });
    });

    it('checks the tracking option of a clinic that has an override but inherits the tracking', () => {
      const settings = goodSettings({}, { north: { name: 'Northside Clinic', invoicePrefix: 'NS-' } });
      const problems = checkSetup(
        settings,
        au,
        directory({
          clinics: [
            { id: 'cbd', name: 'Harbourside CBD' },
            { id: 'north', name: 'Northside Clinic' },
          ],
        }),
      );
      expect(only(problems, 'north', 'tracking.clinic.options.north').message).toContain(
        'its own name "Northside Clinic" is sent',
      );
      expect(problems).toHaveLength(1);
    });
  });
});
