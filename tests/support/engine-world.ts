import { SEED_TENANTS } from '../../emulator/xero/accounting/seed';
import { startXeroEmulator, type XeroEmulator } from '../../emulator/xero/server';
import { scriptTokens } from '../../emulator/xero/test-support/harness';
import type { EngineClock } from '../../lib/engine/clock';
import { EngineDb } from '../../lib/engine/db';
import { SyncEngine } from '../../lib/engine/engine';
import { dec, sum } from '../../lib/money/decimal';
import type { RecordOfKind } from '../../lib/records/schema';
import {
  DEFAULT_CLINIC_SETTINGS,
  DEFAULT_SYNC_SETTINGS,
  type SyncSettings,
} from '../../lib/settings/sync-settings';
import { XeroClient } from '../../lib/xero/client';

export const AU = SEED_TENANTS.auClinic.tenantId;
export const UK = SEED_TENANTS.ukAudiology.tenantId;
export const SOURCE = { system: 'cliniko', account: 'harbourside' };

/** Settings that map the AU clinic to the seeded GST organisation and the UK clinic to the VAT one. */
export function worldSettings(overrides: Partial<SyncSettings['defaults']> = {}): SyncSettings {
  return {
    ...DEFAULT_SYNC_SETTINGS,
    categories: ['Services', 'Products', 'Hearing aids'],
    defaults: {
      ...DEFAULT_CLINIC_SETTINGS,
      tenantId: AU,
      mode: 'auto',
      revenueAccounts: { Services: '210', Products: '220' },
      taxRates: { GST: 'OUTPUT', 'GST-free': 'EXEMPTOUTPUT' },
      paymentAccounts: { EFTPOS: '091', Cash: '090', HICAPS: '615' },
      defaultPaymentAccount: '090',
      rounding: { accountCode: '860', taxType: 'BASEXCLUDED' },
      invoicePrefix: 'HS-',
      creditNotePrefix: 'HSCN-',
      dueDays: 14,
      ...overrides,
    },
    clinics: {
      leeds: {
        name: 'Clearsound Leeds',
        tenantId: UK,
        revenueAccounts: { Services: '202', 'Hearing aids': '201', Products: '200' },
        taxRates: { 'VAT 20%': 'OUTPUT2', Exempt: 'EXEMPTOUTPUT' },
        paymentAccounts: { Card: '615', Cash: '090' },
        defaultPaymentAccount: '090',
        rounding: { accountCode: '860', taxType: 'NONE' },
        invoicePrefix: 'CS-',
        creditNotePrefix: 'CSCN-',
      },
    },
  };
}

export interface World {
  xero: XeroEmulator;
  engine: SyncEngine;
  db: EngineDb;
  token: string;
  settings: SyncSettings;
  /** Another engine with its own database, on the same emulator and token (a second browser). */
  another(options?: { clock?: EngineClock }): { engine: SyncEngine; db: EngineDb };
  close(): Promise<void>;
}

export async function scriptToken(xero: XeroEmulator): Promise<string> {
  return (await scriptTokens(xero, { tenantIds: [AU, UK] })).access_token;
}

export function clientFor(xero: XeroEmulator, token: string, timeoutMs?: number): XeroClient {
  return new XeroClient({
    // A token that Xero (the emulator, its clock moved on) says has expired is replaced, as a refresh would.
    session: {
      accessToken: async () => token,
      accessTokenAfterRejection: async () => {
        token = await scriptToken(xero);
        return token;
      },
    },
    apiBase: `${xero.url}/api.xro/2.0`,
    connectionsUrl: `${xero.url}/connections`,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

export function engineOn(
  xero: XeroEmulator,
  token: string,
  settings: () => SyncSettings,
  options: { db?: EngineDb; clock?: EngineClock; timeoutMs?: number } = {},
): { engine: SyncEngine; db: EngineDb } {
  const db = options.db ?? new EngineDb(`engine-${crypto.randomUUID()}`);
  const client = clientFor(xero, token, options.timeoutMs);
  const engine = new SyncEngine({
    db,
    xero: { send: (request) => client.accounting(request) },
    settings: async () => settings(),
    ...(options.clock ? { clock: options.clock } : {}),
    random: () => 0.5,
  });
  return { engine, db };
}

export async function startWorld(options: { settings?: SyncSettings } = {}): Promise<World> {
  const xero = await startXeroEmulator({ port: 0 });
  const token = await scriptToken(xero);
  const world = { settings: options.settings ?? worldSettings() } as World;
  const { engine, db } = engineOn(xero, token, () => world.settings);
  return Object.assign(world, {
    xero,
    engine,
    db,
    token,
    another: (o: { clock?: EngineClock } = {}) => engineOn(xero, token, () => world.settings, o),
    close: () => xero.close(),
  });
}

export const books = (world: World, tenantId: string = AU) => world.xero.state.books.get(tenantId)!;

/** A small clinic's records, built up by tests. */
export function patient(
  id: string,
  firstName = 'Jane',
  lastName = 'Citizen',
  extra: Partial<RecordOfKind['patients']> = {},
) {
  return {
    id,
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${id}@example.com`.toLowerCase(),
    ...extra,
  };
}

export function invoice(
  id: string,
  patientId: string,
  extra: Partial<RecordOfKind['invoices']> = {},
): RecordOfKind['invoices'] {
  return {
    id,
    number: id,
    issueDate: '2026-11-02',
    patientId,
    clinic: { id: 'cbd', name: 'Harbourside CBD' },
    practitioner: { id: '77', name: 'Dr Sam Lee' },
    amountsAre: 'inclusive',
    lines: [
      {
        description: 'Consultation',
        category: 'Services',
        quantity: '1',
        unitPrice: '95.0000',
        tax: { name: 'GST-free', ratePercent: '0' },
      },
      {
        description: 'Theraband',
        category: 'Products',
        quantity: '2',
        unitPrice: '12.5000',
        tax: { name: 'GST', ratePercent: '10' },
      },
    ],
    total: '120.00',
    ...extra,
  };
}

export function payment(
  id: string,
  allocations: { invoiceId: string; amount: string }[],
  extra: Partial<RecordOfKind['payments']> = {},
): RecordOfKind['payments'] {
  const total = sum(allocations.map((a) => dec(a.amount)));
  return { id, method: 'EFTPOS', date: '2026-11-03', amount: total.toFixed(2), allocations, ...extra };
}

export function records(
  parts: Partial<{ patients: unknown[]; invoices: unknown[]; payments: unknown[]; creditNotes: unknown[] }>,
) {
  return { format: 'practice-records/1', source: SOURCE, ...parts };
}
