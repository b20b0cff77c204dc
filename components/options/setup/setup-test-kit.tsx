import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import { afterEach, beforeEach, type Mock } from 'vitest';
import {
  DEFAULT_SYNC_SETTINGS,
  type SyncSettings,
  syncSettingsSchema,
} from '../../../lib/settings/sync-settings';
import type { OrganisationLists, PracticeDirectory } from '../../../lib/setup/lists';
import type { FieldErrors, SetupSectionProps } from './types';

/** Fixtures and a harness for the setup sections' component tests (not shipped: only tests import it). */

export const TENANT_AU = '11111111-1111-4111-8111-111111111111';
export const TENANT_NZ = '22222222-2222-4222-8222-222222222222';

const account = (
  code: string,
  name: string,
  type: string,
  cls: OrganisationLists['accounts'][number]['class'],
  extra: Partial<OrganisationLists['accounts'][number]> = {},
) => ({
  code,
  name,
  type,
  class: cls,
  status: 'ACTIVE',
  taxType: null,
  enablePayments: false,
  systemAccount: null,
  ...extra,
});

export function demoLists(overrides: Partial<OrganisationLists> = {}): OrganisationLists {
  return {
    tenantId: TENANT_AU,
    organisationName: 'Demo Clinic AU',
    lockDate: null,
    accounts: [
      account('090', 'Business Bank', 'BANK', 'ASSET'),
      account('095', 'Undeposited funds', 'CURRENT', 'ASSET', { enablePayments: true }),
      account('200', 'Sales', 'REVENUE', 'REVENUE'),
      account('250', 'Old revenue', 'REVENUE', 'REVENUE', { status: 'ARCHIVED' }),
      account('260', 'Other Revenue', 'OTHERINCOME', 'REVENUE'),
      account('400', 'Advertising', 'EXPENSE', 'EXPENSE'),
      account('610', 'Accounts Receivable', 'CURRENT', 'ASSET', { systemAccount: 'DEBTORS' }),
      account('860', 'Rounding', 'CURRLIAB', 'LIABILITY', { systemAccount: 'ROUNDING' }),
      account('091', 'Closed bank', 'BANK', 'ASSET', { status: 'ARCHIVED' }),
    ],
    taxRates: [
      {
        taxType: 'OUTPUT',
        name: 'GST on Income',
        status: 'ACTIVE',
        rate: '10.0000',
        canApplyToRevenue: true,
      },
      {
        taxType: 'EXEMPTOUTPUT',
        name: 'GST Free Income',
        status: 'ACTIVE',
        rate: '0.0000',
        canApplyToRevenue: true,
      },
      {
        taxType: 'BASEXCLUDED',
        name: 'BAS Excluded',
        status: 'ACTIVE',
        rate: '0.0000',
        canApplyToRevenue: true,
      },
      {
        taxType: 'INPUT',
        name: 'GST on Expenses',
        status: 'ACTIVE',
        rate: '10.0000',
        canApplyToRevenue: false,
      },
      { taxType: 'TAX002', name: 'Old GST', status: 'DELETED', rate: '12.5000', canApplyToRevenue: true },
    ],
    trackingCategories: [
      {
        name: 'Location',
        status: 'ACTIVE',
        options: [
          { name: 'North', status: 'ACTIVE' },
          { name: 'South', status: 'ARCHIVED' },
          { name: 'Harbour', status: 'ACTIVE' },
        ],
      },
      { name: 'Old region', status: 'ARCHIVED', options: [{ name: 'East', status: 'ACTIVE' }] },
    ],
    readAt: Date.UTC(2026, 11, 1, 9, 30),
    ...overrides,
  };
}

export function demoDirectory(overrides: Partial<PracticeDirectory> = {}): PracticeDirectory {
  return {
    clinics: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
    practitioners: [{ id: 'p1', name: 'Dr Lee' }],
    categories: ['Services', 'Massage'],
    taxNames: [
      { name: 'GST', ratePercent: '10' },
      { name: 'GST free', ratePercent: '0.00' },
    ],
    itemCodes: [
      { code: 'CONS1', description: 'Initial consultation' },
      { code: 'REV2', description: 'Review appointment' },
    ],
    paymentMethods: ['EFTPOS', 'Cash'],
    ...overrides,
  };
}

export function demoDraft(recipe?: (draft: SyncSettings) => void): SyncSettings {
  const draft = structuredClone(DEFAULT_SYNC_SETTINGS);
  draft.defaults.tenantId = TENANT_AU;
  draft.clinics = { north: { name: 'North' } };
  recipe?.(draft);
  return draft;
}

/** zod's messages by dotted path, as the setup page computes them. */
export function errorsOf(draft: SyncSettings): FieldErrors {
  const parsed = syncSettingsSchema.safeParse(draft);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.map(String).join('.'), i.message]));
}

/**
 * Renders sections as the setup page would: one draft in state, errors from the schema,
 * `change` applying a recipe to a copy. `latest()` is the draft as it is now.
 */
export function renderSections(initial: SyncSettings, sections: (props: SetupSectionProps) => ReactNode) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  let current = initial;
  function Harness() {
    const [draft, setDraft] = useState(initial);
    current = draft;
    const change: SetupSectionProps['change'] = (recipe) =>
      setDraft((d) => {
        const next = structuredClone(d);
        recipe(next);
        return next;
      });
    return <>{sections({ draft, errors: errorsOf(draft), change })}</>;
  }
  const view = render(
    <QueryClientProvider client={client}>
      <Harness />
    </QueryClientProvider>,
  );
  return { ...view, client, latest: () => current };
}

/** A sendRequest stand-in answering by request type. */
export function answering(answers: Record<string, (payload: unknown) => unknown>) {
  return async (type: string, payload: unknown) => {
    const answer = answers[type];
    if (!answer) throw new Error(`No answer for ${type} in this test.`);
    return answer(payload);
  };
}

/**
 * Each test of the file gets a background that answers the demo organisation's lists and the
 * demo directory (`send`: the file's mocked `sendRequest`); the page is cleaned up after it.
 */
export function serveDemoBackground(send: Mock) {
  beforeEach(() => {
    send.mockImplementation(
      answering({
        'xero.lists': () => demoLists(),
        'sync.directory': () => demoDirectory(),
      }),
    );
  });
  afterEach(() => {
    cleanup();
    send.mockReset();
  });
}

/** The texts of a select's options, in order. */
export const optionTexts = (select: HTMLElement) =>
  [...(select as HTMLSelectElement).options].map((o) => o.textContent);
