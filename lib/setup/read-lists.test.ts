import { describe, expect, it } from 'vitest';
import { connectedRecord } from '../testing/connection';
import { AU_TENANT, auLists } from '../testing/organisation-lists';
import { type AccountingRequest, XeroAccounting } from '../xero/accounting/api';
import type { XeroConnectionRecord } from '../xero/connection-record';
import type { OrganisationLists } from './lists';
import { LISTS_MAX_AGE_MS, OrganisationListsService, readOrganisationLists } from './read-lists';

/** Xero's answers, as JSON, by path; every request is kept so a test can see what was asked. */
function fakeXero(answers: Record<string, unknown>) {
  const requests: AccountingRequest<unknown>[] = [];
  const transport = {
    send: async <T>(request: AccountingRequest<T>): Promise<T> => {
      requests.push(request as AccountingRequest<unknown>);
      return request.schema.parse(answers[request.path]);
    },
  };
  return { accounting: new XeroAccounting(transport), requests };
}

const XERO = {
  Organisation: {
    Organisations: [
      {
        Name: 'Harbourside Physiotherapy',
        BaseCurrency: 'AUD',
        PeriodLockDate: '/Date(1743379200000+0000)/',
        EndOfYearLockDate: '/Date(1719705600000+0000)/',
      },
    ],
  },
  Accounts: {
    Accounts: [
      {
        AccountID: 'a1',
        Code: '200',
        Name: 'Sales',
        Type: 'REVENUE',
        Status: 'ACTIVE',
        Class: 'REVENUE',
        TaxType: 'OUTPUT',
        SystemAccount: '',
      },
      {
        AccountID: 'a2',
        Code: '090',
        Name: 'Bank',
        Type: 'BANK',
        Status: 'ACTIVE',
        Class: 'ASSET',
        EnablePaymentsToAccount: false,
      },
      {
        AccountID: 'a3',
        Name: 'Unpaid expense claims',
        Type: 'CURRLIAB',
        Status: 'ACTIVE',
        Class: 'LIABILITY',
        SystemAccount: 'UNPAIDEXPCLM',
      },
      { AccountID: 'a4', Code: '250', Name: 'Old', Type: 'REVENUE', Status: 'ARCHIVED', Class: 'REVENUE' },
      {
        AccountID: 'a5',
        Code: '860',
        Name: 'Rounding',
        Type: 'CURRLIAB',
        Status: 'ACTIVE',
        Class: 'LIABILITY',
        SystemAccount: 'ROUNDING',
      },
    ],
  },
  TaxRates: {
    TaxRates: [
      {
        Name: 'GST on Income',
        TaxType: 'OUTPUT',
        Status: 'ACTIVE',
        EffectiveRate: 10,
        CanApplyToRevenue: true,
      },
      { Name: 'Old', TaxType: 'TAX001', Status: 'DELETED', EffectiveRate: '12.5', CanApplyToRevenue: true },
      { Name: 'GST on Expenses', TaxType: 'INPUT', Status: 'ACTIVE', EffectiveRate: 10 },
    ],
  },
  TrackingCategories: {
    TrackingCategories: [
      {
        Name: 'Location',
        Status: 'ACTIVE',
        Options: [{ Name: 'Bondi', Status: 'ARCHIVED' }, { Name: 'CBD' }],
      },
      { Name: 'Campaign', Status: 'ARCHIVED' },
    ],
  },
};

describe('readOrganisationLists', () => {
  it("maps Xero's answers to the lists the setup offers from", async () => {
    const { accounting, requests } = fakeXero(XERO);
    const lists = await readOrganisationLists(accounting, AU_TENANT, () => 1234);
    expect(lists).toEqual({
      tenantId: AU_TENANT,
      organisationName: 'Harbourside Physiotherapy',
      lockDate: '2025-03-31',
      readAt: 1234,
      accounts: [
        {
          code: '200',
          name: 'Sales',
          type: 'REVENUE',
          class: 'REVENUE',
          status: 'ACTIVE',
          taxType: 'OUTPUT',
          enablePayments: false,
          systemAccount: null,
        },
        {
          code: '090',
          name: 'Bank',
          type: 'BANK',
          class: 'ASSET',
          status: 'ACTIVE',
          taxType: null,
          enablePayments: false,
          systemAccount: null,
        },
        {
          code: '250',
          name: 'Old',
          type: 'REVENUE',
          class: 'REVENUE',
          status: 'ARCHIVED',
          taxType: null,
          enablePayments: false,
          systemAccount: null,
        },
        {
          code: '860',
          name: 'Rounding',
          type: 'CURRLIAB',
          class: 'LIABILITY',
          status: 'ACTIVE',
          taxType: null,
          enablePayments: false,
          systemAccount: 'ROUNDING',
        },
      ],
      taxRates: [
        {
          taxType: 'OUTPUT',
          name: 'GST on Income',
          status: 'ACTIVE',
          rate: '10.0000',
          canApplyToRevenue: true,
        },
        { taxType: 'TAX001', name: 'Old', status: 'DELETED', rate: '12.5000', canApplyToRevenue: true },
        {
          taxType: 'INPUT',
          name: 'GST on Expenses',
          status: 'ACTIVE',
          rate: '10.0000',
          canApplyToRevenue: false,
        },
      ],
      trackingCategories: [
        {
          name: 'Location',
          status: 'ACTIVE',
          options: [
            { name: 'Bondi', status: 'ARCHIVED' },
            { name: 'CBD', status: 'ACTIVE' },
          ],
        },
        { name: 'Campaign', status: 'ARCHIVED', options: [] },
      ],
    });
    expect(requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET Accounts',
      'GET Organisation',
      'GET TaxRates',
      'GET TrackingCategories',
    ]);
    expect(requests.find((r) => r.path === 'TrackingCategories')?.query).toEqual({ includeArchived: 'true' });
    expect(requests.every((r) => r.tenantId === AU_TENANT)).toBe(true);
  });
});

describe('OrganisationListsService', () => {
  const tenants = [{ tenantId: AU_TENANT, connectionId: 'c1', tenantName: 'Harbourside Physiotherapy' }];

  /** `null`: never connected. */
  function service(record: XeroConnectionRecord | null = connectedRecord({ tenants })) {
    let clock = 1_000_000;
    const reads: string[] = [];
    let fail = false;
    const lists = new OrganisationListsService({
      read: async (tenantId): Promise<OrganisationLists> => {
        reads.push(tenantId);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail) throw new Error('Xero is down');
        return auLists({ readAt: clock });
      },
      connection: async () => record ?? undefined,
      now: () => clock,
    });
    return {
      lists,
      reads,
      advance: (ms: number) => {
        clock += ms;
      },
      failing: (value: boolean) => {
        fail = value;
      },
    };
  }

  it('makes one set of calls for several sections asking at once, and reads again after 30 s', async () => {
    const { lists, reads, advance } = service();
    const answers = await Promise.all([lists.get(AU_TENANT), lists.get(AU_TENANT), lists.get(AU_TENANT)]);
    expect(reads).toHaveLength(1);
    expect(answers[1]).toBe(answers[0]);
    advance(LISTS_MAX_AGE_MS - 1);
    await lists.get(AU_TENANT);
    expect(reads).toHaveLength(1);
    advance(1);
    await lists.get(AU_TENANT);
    expect(reads).toHaveLength(2);
    await lists.get(AU_TENANT, { refresh: true });
    expect(reads).toHaveLength(3);
  });

  it('keeps no failed read', async () => {
    const { lists, reads, failing } = service();
    failing(true);
    await expect(lists.get(AU_TENANT)).rejects.toThrow('Xero is down');
    failing(false);
    await expect(lists.get(AU_TENANT)).resolves.toMatchObject({ tenantId: AU_TENANT });
    expect(reads).toHaveLength(2);
  });

  it('says clearly when Xero is not connected, disconnected, or the organisation is not in the connection', async () => {
    await expect(service(null).lists.get(AU_TENANT)).rejects.toMatchObject({
      code: 'not-connected',
      message: expect.stringContaining('Xero is not connected'),
    });
    const disconnected = service(connectedRecord({ tenants, status: 'disconnected' }));
    await expect(disconnected.lists.get(AU_TENANT)).rejects.toMatchObject({
      code: 'disconnected',
      message: expect.stringContaining('reconnect'),
    });
    expect(disconnected.reads).toEqual([]);
    const other = '33333333-3333-4333-8333-333333333333';
    await expect(service().lists.get(other)).rejects.toMatchObject({
      code: 'unknown-organisation',
      message: expect.stringContaining(`The organisation ${other} is not one this Xero connection can reach`),
    });
  });
});
