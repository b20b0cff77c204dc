import { describe, expect, it } from 'vitest';
import { snapshotBooks } from './index';
import { createSeedBooks, SEED_TENANTS } from './seed';
import { auInvoice, createInvoice, freshBooks, NOW, send, type Wire } from './test-support';
import { isGuid } from './wire';

const codes = (answer: { body: Wire }) => answer.body.Accounts.map((a: Wire) => a.Code);
const taxTypes = (answer: { body: Wire }) => answer.body.TaxRates.map((t: Wire) => t.TaxType);

describe('seed', () => {
  it('holds two organisations with fixed lowercase GUID tenant ids and no documents', () => {
    const books = createSeedBooks(NOW);
    expect(books.map((b) => b.tenantId)).toEqual([
      SEED_TENANTS.auClinic.tenantId,
      SEED_TENANTS.ukAudiology.tenantId,
    ]);
    for (const b of books) {
      expect(isGuid(b.tenantId) && b.tenantId === b.tenantId.toLowerCase()).toBe(true);
      expect([b.invoices, b.creditNotes, b.payments]).toEqual([[], [], []]);
    }
    expect(books.map((b) => b.organisation.Name)).toEqual([
      SEED_TENANTS.auClinic.name,
      SEED_TENANTS.ukAudiology.name,
    ]);
    // Seeded ids are stable across resets.
    expect(createSeedBooks(new Date()).map((b) => b.accounts[0]?.AccountID)).toEqual(
      books.map((b) => b.accounts[0]?.AccountID),
    );
  });
});

describe('GET /Organisation', () => {
  it('describes the AU clinic', () => {
    const { au } = freshBooks();
    const answer = send(au, 'GET', '/Organisation');
    expect(answer.status).toBe(200);
    const org = answer.body.Organisations[0];
    expect(org).toMatchObject({
      Name: 'Harbourside Physiotherapy',
      BaseCurrency: 'AUD',
      CountryCode: 'AU',
      Version: 'AU',
      ShortCode: '!aB3xY',
      OrganisationStatus: 'ACTIVE',
      Edition: 'BUSINESS',
      PaysTax: true,
    });
    expect(org.PeriodLockDate).toBeUndefined();
    expect(org.CreatedDateUTC).toMatch(/^\/Date\(\d+\)\/$/);
  });

  it('describes the UK practice, with lock dates once set', () => {
    const { uk } = freshBooks();
    uk.organisation.PeriodLockDate = '2026-03-31';
    const org = send(uk, 'GET', '/Organisation').body.Organisations[0];
    expect(org).toMatchObject({ BaseCurrency: 'GBP', CountryCode: 'GB', Version: 'UK' });
    expect(org.PeriodLockDate).toBe(`/Date(${Date.UTC(2026, 2, 31)}+0000)/`);
  });
});

describe('GET /Accounts', () => {
  it('lists the AU chart with the accounts the extension looks for', () => {
    const { au } = freshBooks();
    const accounts = send(au, 'GET', '/Accounts').body.Accounts as Wire[];
    const byCode = (code: string) => accounts.find((a) => a.Code === code);
    expect(byCode('090')).toMatchObject({
      Name: 'Business Bank Account',
      Type: 'BANK',
      BankAccountType: 'BANK',
    });
    expect(byCode('615')).toMatchObject({ Class: 'ASSET', Type: 'CURRENT', EnablePaymentsToAccount: true });
    expect(byCode('610')).toMatchObject({ SystemAccount: 'DEBTORS' });
    expect(byCode('820')).toMatchObject({ SystemAccount: 'GST' });
    expect(byCode('860')).toMatchObject({ Name: 'Rounding', SystemAccount: 'ROUNDING' });
    expect(byCode('250')).toMatchObject({ Status: 'ARCHIVED', Class: 'REVENUE' });
    for (const code of ['200', '210', '220', '260']) expect(byCode(code)?.Class).toBe('REVENUE');
  });

  it('filters with where and sorts with order', () => {
    const { au } = freshBooks();
    expect(codes(send(au, 'GET', `/Accounts?where=${encodeURIComponent('Type=="BANK"')}`))).toEqual([
      '090',
      '091',
    ]);
    const payable = encodeURIComponent(
      'Status=="ACTIVE" AND (Type=="BANK" OR EnablePaymentsToAccount==true)',
    );
    expect(codes(send(au, 'GET', `/Accounts?where=${payable}`))).toEqual(['090', '091', '615', '616']);
    const revenue = encodeURIComponent('Status=="ACTIVE" && Class=="REVENUE"');
    expect(codes(send(au, 'GET', `/Accounts?where=${revenue}&order=Code DESC`))).toEqual([
      '270',
      '260',
      '220',
      '210',
      '200',
    ]);
  });

  it('gets one account by AccountID', () => {
    const { au } = freshBooks();
    const bank = au.accounts.find((a) => a.Code === '090');
    expect(codes(send(au, 'GET', `/Accounts/${bank?.AccountID}`))).toEqual(['090']);
    expect(send(au, 'GET', '/Accounts/090').status).toBe(404);
  });

  it('lists the UK chart', () => {
    const { uk } = freshBooks();
    const revenue = encodeURIComponent('Class=="REVENUE"');
    expect(codes(send(uk, 'GET', `/Accounts?where=${revenue}`))).toEqual([
      '200',
      '201',
      '202',
      '205',
      '260',
      '270',
    ]);
  });
});

describe('GET /TaxRates', () => {
  it('lists AU revenue rates', () => {
    const { au } = freshBooks();
    const where = encodeURIComponent('Status=="ACTIVE" && CanApplyToRevenue==true');
    expect(taxTypes(send(au, 'GET', `/TaxRates?where=${where}`))).toEqual([
      'OUTPUT',
      'EXEMPTOUTPUT',
      'BASEXCLUDED',
      'INPUTTAXED',
    ]);
  });

  it('gets one rate by TaxType, with EffectiveRate and components', () => {
    const { uk } = freshBooks();
    const rate = send(uk, 'GET', '/TaxRates/OUTPUT2').body.TaxRates[0];
    expect(rate).toMatchObject({
      Name: '20% (VAT on Income)',
      TaxType: 'OUTPUT2',
      EffectiveRate: 20,
      DisplayTaxRate: 20,
      CanApplyToRevenue: true,
      CanApplyToExpenses: false,
      Status: 'ACTIVE',
      TaxComponents: [{ Name: 'VAT', Rate: 20, IsCompound: false, IsNonRecoverable: false }],
    });
    expect(send(uk, 'GET', '/TaxRates/GST').status).toBe(404);
  });

  it('lists the UK VAT rates', () => {
    const { uk } = freshBooks();
    expect(taxTypes(send(uk, 'GET', '/TaxRates'))).toEqual(
      expect.arrayContaining(['OUTPUT2', 'RROUTPUT', 'ZERORATEDOUTPUT', 'EXEMPTOUTPUT', 'NONE', 'INPUT2']),
    );
  });
});

describe('snapshotBooks', () => {
  it('returns every document of the tenant in wire format, unit amounts at stored precision', () => {
    const { au } = freshBooks();
    createInvoice(
      au,
      auInvoice(au, {
        LineItems: [
          { Description: 'x', Quantity: 1, UnitAmount: 9.9999, AccountCode: '220', TaxType: 'OUTPUT' },
        ],
      }),
      '?unitdp=4',
    );
    const snapshot = snapshotBooks(au) as Wire;
    expect(snapshot.tenantId).toBe(SEED_TENANTS.auClinic.tenantId);
    expect(snapshot.Invoices).toHaveLength(1);
    expect(snapshot.Invoices[0].LineItems[0].UnitAmount).toBe(9.9999);
    expect(snapshot.Contacts).toHaveLength(4); // archived contacts included
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});
