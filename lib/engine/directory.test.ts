import { describe, expect, it } from 'vitest';
import type { ValidRecords } from '../records/validate';
import { DEFAULT_SYNC_SETTINGS } from '../settings/sync-settings';
import { EngineDb } from './db';
import {
  DIRECTORY_KEY,
  DIRECTORY_LIMITS,
  emptyDirectory,
  learnDirectory,
  sortedDirectory,
} from './directory';
import { SyncEngine } from './engine';

const SOURCE = { system: 'cliniko', account: 'harbourside' };

const line = (category: string, tax: [string, string], itemCode?: string, description = 'Consultation') => ({
  description,
  category,
  quantity: '1',
  unitPrice: '100.0000',
  tax: { name: tax[0], ratePercent: tax[1] },
  ...(itemCode ? { itemCode } : {}),
});

function invoice(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    number: id,
    issueDate: '2026-11-02',
    patientId: 'p1',
    clinic: { id: 'cbd', name: 'Harbourside CBD' },
    practitioner: { id: '77', name: 'Dr Sam Lee' },
    amountsAre: 'inclusive',
    lines: [line('Services', ['GST-free', '0.0000'], 'IA1'), line('Products', ['GST', '10.0000'])],
    total: '200.00',
    ...extra,
  };
}

const valid = (parts: Partial<ValidRecords>): ValidRecords =>
  ({ source: SOURCE, patients: [], invoices: [], payments: [], creditNotes: [], ...parts }) as ValidRecords;

describe('learnDirectory', () => {
  it('collects clinics, practitioners, categories, tax names, item codes and payment methods', () => {
    const d = learnDirectory(
      emptyDirectory(),
      valid({
        invoices: [invoice('1') as never],
        creditNotes: [
          {
            id: 'c1',
            number: 'c1',
            date: '2026-11-03',
            patientId: 'p1',
            clinic: { id: 'north', name: 'Northside' },
            amountsAre: 'inclusive',
            lines: [line('Hearing aids', ['GST', '10.0000'], 'HA-2', 'Hearing aid, left')],
            total: '100.00',
          } as never,
        ],
        payments: [
          { id: 'pay1', method: 'EFTPOS', date: '2026-11-03', amount: '10.00', allocations: [] } as never,
          { id: 'pay2', method: 'Cash', date: '2026-11-03', amount: '10.00', allocations: [] } as never,
        ],
      }),
    );
    expect(d.clinics).toEqual([
      { id: 'cbd', name: 'Harbourside CBD' },
      { id: 'north', name: 'Northside' },
    ]);
    expect(d.practitioners).toEqual([{ id: '77', name: 'Dr Sam Lee' }]);
    expect(d.categories).toEqual(['Services', 'Products', 'Hearing aids']);
    // With the clinics whose documents used them, so "Check setup" asks each clinic only for its own.
    expect(d.taxNames).toEqual([
      { name: 'GST-free', ratePercent: '0.0000', clinicIds: ['cbd'] },
      { name: 'GST', ratePercent: '10.0000', clinicIds: ['cbd', 'north'] },
    ]);
    expect(d.itemCodes).toEqual([
      { code: 'IA1', description: 'Consultation' },
      { code: 'HA-2', description: 'Hearing aid, left' },
    ]);
    expect(d.paymentMethods).toEqual(['EFTPOS', 'Cash']);
  });

  it('keeps the last name the PMS gave, once', () => {
    const first = learnDirectory(emptyDirectory(), valid({ invoices: [invoice('1') as never] }));
    const renamed = learnDirectory(
      first,
      valid({
        invoices: [
          invoice('2', {
            clinic: { id: 'cbd', name: 'Harbourside City' },
            lines: [line('Services', ['GST', '15.0000'], 'IA1', 'Initial assessment')],
          }) as never,
        ],
      }),
    );
    expect(renamed.clinics).toEqual([{ id: 'cbd', name: 'Harbourside City' }]);
    expect(renamed.taxNames).toContainEqual({ name: 'GST', ratePercent: '15.0000', clinicIds: ['cbd'] });
    expect(renamed.taxNames.filter((t) => t.name === 'GST')).toHaveLength(1);
    expect(renamed.itemCodes).toEqual([{ code: 'IA1', description: 'Initial assessment' }]);
  });

  it('keeps at most its limit of item codes, dropping those not seen for longest', () => {
    let d = emptyDirectory();
    const count = DIRECTORY_LIMITS.itemCodes + 20;
    for (let i = 0; i < count; i += 100) {
      const lines = Array.from({ length: Math.min(100, count - i) }, (_, j) =>
        line('Services', ['GST', '10.0000'], `C${i + j}`),
      );
      d = learnDirectory(d, valid({ invoices: [invoice(`i${i}`, { lines }) as never] }));
    }
    expect(d.itemCodes).toHaveLength(DIRECTORY_LIMITS.itemCodes);
    expect(d.itemCodes.map((x) => x.code)).not.toContain('C0');
    expect(d.itemCodes.at(-1)?.code).toBe(`C${count - 1}`);
  });

  it('shortens a long description', () => {
    const d = learnDirectory(
      emptyDirectory(),
      valid({
        invoices: [
          invoice('1', { lines: [line('Services', ['GST', '10.0000'], 'X', 'a'.repeat(300))] }) as never,
        ],
      }),
    );
    expect(d.itemCodes[0]!.description).toHaveLength(100);
    expect(d.itemCodes[0]!.description.endsWith('…')).toBe(true);
  });
});

describe('sortedDirectory', () => {
  it('sorts every list by name or code, ignoring case', () => {
    const sorted = sortedDirectory({
      clinics: [
        { id: '2', name: 'northside' },
        { id: '1', name: 'Bondi' },
      ],
      practitioners: [
        { id: 'b', name: 'Zoe' },
        { id: 'a', name: 'adam' },
      ],
      categories: ['Services', 'hearing aids', 'Products'],
      taxNames: [
        { name: 'VAT 20%', ratePercent: '20' },
        { name: 'Exempt', ratePercent: '0' },
      ],
      itemCodes: [
        { code: 'b2', description: '' },
        { code: 'A1', description: '' },
      ],
      paymentMethods: ['HICAPS', 'cash', 'EFTPOS'],
    });
    expect(sorted.clinics.map((c) => c.name)).toEqual(['Bondi', 'northside']);
    expect(sorted.practitioners.map((c) => c.name)).toEqual(['adam', 'Zoe']);
    expect(sorted.categories).toEqual(['hearing aids', 'Products', 'Services']);
    expect(sorted.taxNames.map((t) => t.name)).toEqual(['Exempt', 'VAT 20%']);
    expect(sorted.itemCodes.map((t) => t.code)).toEqual(['A1', 'b2']);
    expect(sorted.paymentMethods).toEqual(['cash', 'EFTPOS', 'HICAPS']);
  });
});

describe('the engine keeps the directory', () => {
  const engineWith = (db: EngineDb) =>
    new SyncEngine({
      db,
      xero: {
        send: async () => {
          throw new Error('no Xero in this test');
        },
      },
      settings: async () => DEFAULT_SYNC_SETTINGS,
    });

  it('learns from submitted records, also of a clinic that has no organisation, and survives a restart', async () => {
    const name = `directory-${crypto.randomUUID()}`;
    const db = new EngineDb(name);
    const engine = engineWith(db);
    const summary = await engine.submit(
      {
        format: 'practice-records/1',
        source: SOURCE,
        patients: [{ id: 'p1', firstName: 'Jane', lastName: 'Citizen' }],
        invoices: [invoice('5001')],
        payments: [{ id: '9', method: 'HICAPS', date: '2026-11-03', amount: '5.00', allocations: [] }],
      },
      { trigger: 'manual' },
    );
    // Nothing is queued (no organisation chosen), yet the setup must be able to offer what was seen.
    expect(summary.queued).toBe(0);
    expect(await engine.directory()).toEqual({
      clinics: [{ id: 'cbd', name: 'Harbourside CBD' }],
      practitioners: [{ id: '77', name: 'Dr Sam Lee' }],
      categories: ['Products', 'Services'],
      taxNames: [
        { name: 'GST', ratePercent: '10.0000', clinicIds: ['cbd'] },
        { name: 'GST-free', ratePercent: '0.0000', clinicIds: ['cbd'] },
      ],
      itemCodes: [{ code: 'IA1', description: 'Consultation' }],
      paymentMethods: ['HICAPS'],
    });
    expect(await db.meta.get(DIRECTORY_KEY)).toBeDefined();
    db.close();
    const reopened = engineWith(new EngineDb(name));
    expect((await reopened.directory()).clinics).toEqual([{ id: 'cbd', name: 'Harbourside CBD' }]);
  });

  it('learns nothing from a submission that fails validation as a whole', async () => {
    const engine = engineWith(new EngineDb(`directory-${crypto.randomUUID()}`));
    await engine.submit({ format: 'nope' }, { trigger: 'manual' });
    expect(await engine.directory()).toEqual(emptyDirectory());
  });
});
