import { describe, expect, it } from 'vitest';
import type { EngineDb } from '../engine/db';
import { operationLogKey } from '../engine/log-index';
import {
  fillLargeLog,
  logTestDb,
  needsActionLink,
  operation,
  SOURCE_KEY,
  TENANT_AU,
  TENANT_UK,
} from './fixtures';
import { allLogRows, documentHistory, logFacets, queryLog, type ReadCounter } from './query';

async function seed(db: EngineDb) {
  await db.operations.bulkAdd([
    operation(1, { label: 'Invoice HS-1042 · Jane Citizen', updatedAt: 5_000 }),
    operation(2, {
      label: 'Invoice HS-1043 · John Smith',
      state: 'failed',
      result: {
        code: 'validation',
        message: 'Xero refused it',
        xeroMessages: ['Account code 200 is archived'],
      },
      updatedAt: 6_000,
    }),
    operation(3, {
      kind: 'payment.create',
      docKey: `${SOURCE_KEY}|payment|9001>1`,
      recordKey: `${SOURCE_KEY}|payments|9001`,
      label: 'Payment 9001 (EFTPOS) → HS-1042',
      updatedAt: 6_000,
    }),
    operation(4, {
      label: 'Invoice HS-2001 · Jane Doe',
      clinicId: 'north',
      tenantId: TENANT_UK,
      state: 'leased',
      updatedAt: 6_000,
    }),
    operation(5, {
      kind: 'contact.create',
      label: 'Contact Jane Citizen',
      state: 'queued',
      updatedAt: 7_000,
    }),
  ]);
}

const keysOf = (rows: { opId: string | null }[]) => rows.map((r) => r.opId);

describe('the sync log query', () => {
  it('lists operations newest first, ties in a stable order', async () => {
    const db = logTestDb();
    await seed(db);
    const page = await queryLog(db, {});
    expect(keysOf(page.rows)).toEqual([
      '000000000005',
      '000000000004',
      '000000000003',
      '000000000002',
      '000000000001',
    ]);
    expect(page).toMatchObject({ newer: null, older: null });
    expect(page.rows[3]).toMatchObject({
      status: 'failed',
      canRetry: true,
      message: 'Xero refused it',
      xeroMessages: ['Account code 200 is archived'],
    });
    expect(page.rows[1]).toMatchObject({ status: 'syncing', canRetry: false });
  });

  it('combines filters: each one narrows the rows', async () => {
    const db = logTestDb();
    await seed(db);
    const ids = async (q: Parameters<typeof queryLog>[1]) => keysOf((await queryLog(db, q)).rows);
    expect(await ids({ status: 'failed' })).toEqual(['000000000002']);
    expect(await ids({ status: 'queued' })).toEqual(['000000000005']);
    expect(await ids({ kind: 'invoice.create' })).toEqual(['000000000004', '000000000002', '000000000001']);
    expect(await ids({ kind: 'invoice.create', clinicId: 'cbd' })).toEqual(['000000000002', '000000000001']);
    expect(await ids({ kind: 'invoice.create', clinicId: 'cbd', status: 'synced' })).toEqual([
      '000000000001',
    ]);
    expect(await ids({ tenantId: TENANT_UK })).toEqual(['000000000004']);
    expect(await ids({ tenantId: TENANT_UK, status: 'failed' })).toEqual([]);
    expect(await ids({ since: 6_000, until: 6_000 })).toEqual([
      '000000000004',
      '000000000003',
      '000000000002',
    ]);
    expect(await ids({ since: 6_000, kind: 'payment.create' })).toEqual(['000000000003']);
    expect(await ids({ until: 5_999 })).toEqual(['000000000001']);
  });

  it('searches by number or patient, by the start of each word, with the other filters', async () => {
    const db = logTestDb();
    await seed(db);
    const ids = async (q: Parameters<typeof queryLog>[1]) => keysOf((await queryLog(db, q)).rows);
    expect(await ids({ search: 'HS-1042' })).toEqual(['000000000003', '000000000001']);
    expect(await ids({ search: '1042' })).toEqual(['000000000003', '000000000001']);
    expect(await ids({ search: 'jane' })).toEqual(['000000000005', '000000000004', '000000000001']);
    expect(await ids({ search: 'JANE cit' })).toEqual(['000000000005', '000000000001']);
    expect(await ids({ search: 'jane', kind: 'invoice.create' })).toEqual(['000000000004', '000000000001']);
    expect(await ids({ search: 'jane', clinicId: 'north' })).toEqual(['000000000004']);
    expect(await ids({ search: 'smith', status: 'failed' })).toEqual(['000000000002']);
    expect(await ids({ search: 'nobody' })).toEqual([]);
    // The kind's own word is not what a search looks for: it narrows nothing.
    expect(await ids({ search: 'invoice 1043' })).toEqual(['000000000002']);
  });

  it('pages forwards and backwards by cursor, through ties, without repeating or losing a row', async () => {
    const db = logTestDb();
    await db.operations.bulkAdd(
      Array.from({ length: 23 }, (_, i) => operation(i + 1, { updatedAt: 10_000 + Math.floor(i / 3) })),
    );
    const all = keysOf((await queryLog(db, { limit: 200 })).rows);
    expect(all).toHaveLength(23);
    const seen: (string | null)[] = [];
    let page = await queryLog(db, { limit: 5 });
    expect(page.newer).toBeNull();
    const pages = [page];
    while (page.older) {
      page = await queryLog(db, { limit: 5, page: { older: page.older } });
      pages.push(page);
    }
    for (const p of pages) seen.push(...keysOf(p.rows));
    expect(seen).toEqual(all);
    expect(pages.map((p) => p.rows.length)).toEqual([5, 5, 5, 5, 3]);
    // Back up from the last page: the same pages in reverse.
    const backOne = await queryLog(db, { limit: 5, page: { newer: pages[4]!.newer! } });
    expect(keysOf(backOne.rows)).toEqual(keysOf(pages[3]!.rows));
    const backTwo = await queryLog(db, { limit: 5, page: { newer: backOne.newer! } });
    expect(keysOf(backTwo.rows)).toEqual(keysOf(pages[2]!.rows));
    // Newer is the rows right above the cursor; near the top, the newest page whole.
    const above = await queryLog(db, { limit: 5, page: { newer: pages[1]!.rows[2]!.key } });
    expect(keysOf(above.rows)).toEqual([
      '000000000021',
      '000000000020',
      '000000000019',
      '000000000018',
      '000000000017',
    ]);
    expect(above.newer).toBe(above.rows[0]!.key);
    const top = await queryLog(db, { limit: 5, page: { newer: pages[1]!.rows[0]!.key } });
    expect(keysOf(top.rows)).toEqual(keysOf(pages[0]!.rows));
    expect(top.newer).toBeNull();
  });

  it('pages a filtered search too', async () => {
    const db = logTestDb();
    await db.operations.bulkAdd(
      Array.from({ length: 30 }, (_, i) =>
        operation(i + 1, {
          label: `Invoice HS-${i + 1} · ${i % 2 ? 'Jane' : 'John'} Doe`,
          updatedAt: 10_000,
        }),
      ),
    );
    const first = await queryLog(db, { search: 'jane', limit: 4 });
    const second = await queryLog(db, { search: 'jane', limit: 4, page: { older: first.older! } });
    expect(keysOf(first.rows)).toEqual(['000000000030', '000000000028', '000000000026', '000000000024']);
    expect(keysOf(second.rows)).toEqual(['000000000022', '000000000020', '000000000018', '000000000016']);
  });

  it('lists documents deleted in the PMS as needing "Void in Xero", until the void is queued', async () => {
    const db = logTestDb();
    await seed(db);
    await db.links.bulkAdd([
      needsActionLink(1, { updatedAt: 9_000 }),
      { ...needsActionLink(2), state: 'synced', note: null },
    ]);
    await db.tenants.put({
      tenantId: TENANT_AU,
      recentCalls: [],
      pausedUntil: null,
      pauseReason: null,
      dayRemaining: null,
      facts: {
        tenantId: TENANT_AU,
        name: 'Harbourside Physio',
        shortCode: '!abc',
        baseCurrency: 'AUD',
        lockDate: null,
        taxRates: {},
      },
      factsReadAt: 0,
    });
    const all = await queryLog(db, {});
    expect(all.rows[0]).toMatchObject({
      opId: null,
      status: 'needs-action',
      kind: 'invoice.void',
      canVoid: true,
      organisation: 'Harbourside Physio',
      voidRef: { source: { system: 'cliniko', account: 'harbourside' }, kind: 'invoice', id: '1' },
      xeroUrl: 'https://go.xero.com/app/!abc/invoicing/view/xero-invoice-1',
    });
    expect(all.rows).toHaveLength(6);
    expect(keysOf((await queryLog(db, { status: 'needs-action' })).rows)).toEqual([null]);
    expect((await queryLog(db, { status: 'failed' })).rows.every((r) => r.status === 'failed')).toBe(true);
    expect(keysOf((await queryLog(db, { kind: 'invoice.void' })).rows)).toEqual([null]);
    expect((await queryLog(db, { kind: 'invoice.void', search: 'smith' })).rows).toEqual([]);

    await db.operations.add(
      operation(6, {
        kind: 'invoice.void',
        docKey: `${SOURCE_KEY}|invoice|1`,
        label: 'Void Invoice HS-1042 · Jane Citizen',
        state: 'queued',
        updatedAt: 9_500,
      }),
    );
    const after = await queryLog(db, { status: 'needs-action' });
    expect(after.rows[0]).toMatchObject({
      canVoid: false,
      voidRef: null,
      message: 'Void in Xero is queued.',
    });
  });

  it('links each row to Xero and to the PMS page its record names', async () => {
    const db = logTestDb();
    await seed(db);
    await db.links.put({
      ...needsActionLink(1),
      state: 'synced',
      key: `${TENANT_AU}|${SOURCE_KEY}|invoice|1`,
    });
    await db.records.put({
      key: `${SOURCE_KEY}|invoices|1`,
      sourceKey: SOURCE_KEY,
      kind: 'invoices',
      id: '1',
      data: {
        clinic: { id: 'cbd', name: 'Harbourside CBD' },
        url: 'https://harbourside.au1.cliniko.com/invoices/1',
      },
      hash: 'h',
      receivedAt: 0,
    });
    const row = (await queryLog(db, {})).rows.find((r) => r.opId === '000000000001')!;
    expect(row).toMatchObject({
      xeroUrl: 'https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=xero-invoice-1',
      pmsUrl: 'https://harbourside.au1.cliniko.com/invoices/1',
      clinicName: 'Harbourside CBD',
    });
    // The other invoices of the clinic get its name too; a row without a Xero document has no link.
    const other = (await queryLog(db, {})).rows.find((r) => r.opId === '000000000002')!;
    expect(other).toMatchObject({ clinicName: 'Harbourside CBD', xeroUrl: null, pmsUrl: null });
  });

  it('reads every filtered row for an export, page after page', async () => {
    const db = logTestDb();
    await db.operations.bulkAdd(
      Array.from({ length: 450 }, (_, i) => operation(i + 1, { clinicId: i % 2 ? 'cbd' : 'north' })),
    );
    const pages: number[] = [];
    for await (const rows of allLogRows(db, { clinicId: 'cbd' })) pages.push(rows.length);
    expect(pages).toEqual([200, 25]);
  });

  it('offers the clinics and organisations it has rows for', async () => {
    const db = logTestDb();
    await seed(db);
    expect(await logFacets(db, { clinicNames: { north: 'Harbourside North' } })).toEqual({
      clinics: [
        { id: 'cbd', name: 'cbd' },
        { id: 'north', name: 'Harbourside North' },
      ],
      organisations: [
        { tenantId: TENANT_AU, name: TENANT_AU },
        { tenantId: TENANT_UK, name: TENANT_UK },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    });
  });

  it('gives a document’s history newest first', async () => {
    const db = logTestDb();
    const docKey = `${SOURCE_KEY}|invoice|1`;
    const entry = (at: number, message: string) => ({
      at,
      tenantId: TENANT_AU,
      docKey,
      label: 'Invoice HS-1',
      clinicId: 'cbd',
      opKind: 'invoice.create' as const,
      result: 'ok' as const,
      message,
    });
    await db.log.bulkAdd([entry(1, 'created'), entry(2, 'updated'), { ...entry(3, 'other'), docKey: 'x' }]);
    expect((await documentHistory(db, docKey)).map((e) => e.message)).toEqual(['updated', 'created']);
  });
});

describe('the sync log at 100,000 rows', () => {
  it('reads a page through an index: no more rows than the page and one to tell if there are more', async () => {
    const db = logTestDb();
    await fillLargeLog(db, 100_000);
    const limit = 50;
    const measure = async (query: Parameters<typeof queryLog>[1]) => {
      const counter: ReadCounter = { rows: 0 };
      const page = await queryLog(db, query, {}, counter);
      return { page, read: counter.rows };
    };
    const first = await measure({ limit });
    expect(first.page.rows).toHaveLength(limit);
    expect(first.read).toBeLessThanOrEqual(limit + 1);

    const failed = await measure({ limit, status: 'failed' });
    expect(failed.page.rows.every((r) => r.status === 'failed')).toBe(true);
    expect(failed.read).toBeLessThanOrEqual(limit + 1);

    const search = await measure({ limit, search: 'citizen' });
    expect(search.page.rows.every((r) => r.document.includes('Citizen'))).toBe(true);
    expect(search.read).toBeLessThanOrEqual(limit + 1);

    // Deep in the log (row 80,000 of 100,000), as cheap as the first page.
    const deep = await measure({
      limit,
      page: { older: operationLogKey(1_700_000_000_000 + 20_000 * 1_000, '000000080000') },
    });
    expect(deep.page.rows[0]!.opId).toBe('000000079999');
    expect(deep.read).toBeLessThanOrEqual(limit + 1);
    const deepSearch = await measure({
      limit,
      search: 'jane',
      clinicId: 'cbd',
      page: { older: operationLogKey(1_700_000_000_000 + 20_000 * 1_000, '000000080000') },
    });
    expect(deepSearch.page.rows).toHaveLength(limit);
    expect(deepSearch.page.rows.every((r) => r.document.includes('Jane') && r.clinicId === 'cbd')).toBe(true);
    // Two of three Janes are at the clinic: the rows read stay near the page, far from the log's size.
    expect(deepSearch.read).toBeLessThanOrEqual(4 * limit);
  }, 240_000);
});
