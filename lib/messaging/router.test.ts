import { describe, expect, it, vi } from 'vitest';
import { emptyDirectory } from '../setup/lists';
import type { ConnectionView } from '../xero/connection-service';
import { createRouter, type Handlers } from './router';

const self = {
  extensionId: 'abcdefghijklmnopabcdefghijklmnop',
  extensionOrigin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
};
const popup = {
  id: self.extensionId,
  url: `${self.extensionOrigin}popup.html`,
  origin: self.extensionOrigin.slice(0, -1),
};
const contentScript = { id: self.extensionId, url: 'https://acme.cliniko.com/invoices/1', tab: { id: 7 } };
const TENANT = '3f1a8c52-7b0e-4d2a-9c61-5e2b8f0d4a11';

function handlers(): Handlers {
  const view: ConnectionView = {
    status: 'not-connected',
    tenants: [],
    activeTenantId: null,
    organisationName: null,
  };
  return {
    'connection.get': vi.fn(async () => view),
    'connection.verify': vi.fn(async () => view),
    'connection.connect': vi.fn(async () => view),
    'connection.disconnect': vi.fn(async () => view),
    'connection.selectTenant': vi.fn(async () => view),
    'settings.getXeroApp': vi.fn(async () => ({
      settings: { xeroClientId: null, scopeProfile: 'granular' as const },
    })),
    'settings.saveXeroApp': vi.fn(async () => ({
      settings: { xeroClientId: null, scopeProfile: 'granular' as const },
    })),
    'sync.submit': vi.fn(async () => ({
      accepted: 0,
      queued: 0,
      unchanged: 0,
      rejected: [],
      errors: [],
      notes: [],
    })),
    'sync.status': vi.fn(async () => []),
    'sync.retry': vi.fn(async () => ({ retried: 0 })),
    'xero.lists': vi.fn(async () => ({
      tenantId: TENANT,
      organisationName: 'Test',
      lockDate: null,
      accounts: [],
      taxRates: [],
      trackingCategories: [],
      readAt: 0,
    })),
    'sync.checkSetup': vi.fn(async () => ({ problems: [], organisations: {}, checkedAt: 0 })),
    'sync.directory': vi.fn(async () => emptyDirectory()),
    'sync.voidInXero': vi.fn(async () => ({ queued: false })),
    'sync.summary': vi.fn(async () => ({
      counts: { waiting: 0, queued: 0, leased: 0, done: 0, failed: 0, blocked: 0, cancelled: 0 },
      pauses: [],
      lastSuccessAt: null,
      connection: 'not-connected' as const,
    })),
    'sync.run': vi.fn(async () => ({ started: true as const })),
    'sync.log': vi.fn(async () => []),
    'sync.operations': vi.fn(async () => ({ rows: [], newer: null, older: null })),
    'sync.history': vi.fn(async () => []),
    'sync.logFacets': vi.fn(async () => ({ clinics: [], organisations: [] })),
    'sync.getSettings': vi.fn(async () => ({ status: 'unreadable' as const, reason: 'test' })),
    'sync.saveSettings': vi.fn(async () => ({ status: 'unreadable' as const, reason: 'test' })),
  };
}

const records = { format: 'practice-records/1', source: { system: 'cliniko', account: 'acme' } };
const ref = { source: { system: 'cliniko', account: 'acme' }, kind: 'invoice', id: '1' };

describe('background message router', () => {
  it('routes a valid message from an extension page to its handler with parsed input', async () => {
    const h = handlers();
    const reply = await createRouter(h, self)(
      { type: 'connection.selectTenant', payload: { tenantId: TENANT } },
      popup,
    );
    expect(reply).toMatchObject({ ok: true, value: { status: 'not-connected' } });
    expect(h['connection.selectTenant']).toHaveBeenCalledWith(
      { tenantId: TENANT },
      { kind: 'extension-page', origin: null },
    );
  });

  it('lets a content script read the connection state but not make the background call Xero', async () => {
    const h = handlers();
    const router = createRouter(h, self);
    expect(await router({ type: 'connection.get', payload: {} }, contentScript)).toMatchObject({ ok: true });
    expect(h['connection.get']).toHaveBeenCalledWith(
      {},
      { kind: 'content-script', origin: 'https://acme.cliniko.com' },
    );
    const verify = await router({ type: 'connection.verify', payload: {} }, contentScript);
    expect(verify).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(h['connection.verify']).not.toHaveBeenCalled();
  });

  it.each([
    ['another extension', { ...popup, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }],
    ['a sender without an id', { url: popup.url }],
    ['a page of ours with no tab and a foreign URL', { id: self.extensionId, url: 'https://evil.example/' }],
  ])('refuses %s and runs no handler', async (_label, sender) => {
    const h = handlers();
    const reply = await createRouter(h, self)({ type: 'connection.get', payload: {} }, sender);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(h['connection.get']).not.toHaveBeenCalled();
  });

  it('refuses a content script asking for what only extension pages may do', async () => {
    const h = handlers();
    const router = createRouter(h, self);
    for (const type of [
      'connection.connect',
      'connection.disconnect',
      'settings.saveXeroApp',
      'settings.getXeroApp',
    ]) {
      const reply = await router({ type, payload: {} }, contentScript);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(h['connection.connect']).not.toHaveBeenCalled();
    expect(h['connection.disconnect']).not.toHaveBeenCalled();
    expect(h['settings.saveXeroApp']).not.toHaveBeenCalled();
  });

  it.each([
    ['not an object', 'connection.get'],
    ['no type', { payload: {} }],
    ['extra envelope fields', { type: 'connection.get', payload: {}, sneaky: true }],
  ])('refuses a malformed message (%s)', async (_label, message) => {
    const reply = await createRouter(handlers(), self)(message, popup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('refuses unknown types, including prototype names', async () => {
    const router = createRouter(handlers(), self);
    expect(await router({ type: 'connection.steal', payload: {} }, popup)).toMatchObject({
      error: { code: 'unknown-type' },
    });
    expect(await router({ type: 'toString', payload: {} }, popup)).toMatchObject({
      error: { code: 'unknown-type' },
    });
  });

  it('refuses invalid input with a clear message and changes nothing', async () => {
    const h = handlers();
    const router = createRouter(h, self);
    const bad = await router({ type: 'connection.selectTenant', payload: { tenantId: 'not-a-uuid' } }, popup);
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('selectTenant') },
    });
    const extra = await router(
      { type: 'settings.saveXeroApp', payload: { xeroClientId: 'ok', scopeProfile: 'broad', admin: true } },
      popup,
    );
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const badId = await router(
      { type: 'settings.saveXeroApp', payload: { xeroClientId: 'has spaces!', scopeProfile: 'broad' } },
      popup,
    );
    expect(badId).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(h['connection.selectTenant']).not.toHaveBeenCalled();
    expect(h['settings.saveXeroApp']).not.toHaveBeenCalled();
  });

  it('turns a handler failure into an error reply carrying its code', async () => {
    const h = handlers();
    h['connection.connect'] = vi.fn(async () => {
      throw Object.assign(new Error('The Xero window was closed'), { code: 'auth-flow' });
    });
    const reply = await createRouter(h, self)({ type: 'connection.connect', payload: {} }, popup);
    expect(reply).toEqual({ ok: false, error: { code: 'auth-flow', message: 'The Xero window was closed' } });
  });

  it('lets a content script submit records and read their status, telling the handler its page origin', async () => {
    const h = handlers();
    const router = createRouter(h, self);
    expect(
      await router({ type: 'sync.submit', payload: { records, trigger: 'auto' } }, contentScript),
    ).toMatchObject({
      ok: true,
    });
    expect(h['sync.submit']).toHaveBeenCalledWith(
      { records, trigger: 'auto' },
      { kind: 'content-script', origin: 'https://acme.cliniko.com' },
    );
    expect(await router({ type: 'sync.status', payload: { refs: [ref] } }, contentScript)).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['sync.retry', { allFailed: true }],
    ['sync.run', {}],
    ['sync.summary', {}],
    ['sync.log', {}],
    ['sync.operations', {}],
    ['sync.history', { docKey: 'cliniko:acme|invoice|1' }],
    ['sync.logFacets', {}],
    ['sync.getSettings', {}],
    ['sync.saveSettings', { document: {} }],
  ])('refuses %s from a content script', async (type, payload) => {
    const h = handlers();
    const reply = await createRouter(h, self)({ type, payload }, contentScript);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(h[type as keyof Handlers]).not.toHaveBeenCalled();
  });

  it.each([
    ['no trigger', { records }],
    ['an unknown trigger', { records, trigger: 'sometimes' }],
    ['an extra field', { records, trigger: 'manual', admin: true }],
    [
      'more than 5 MB',
      { records: { ...records, patients: ['x'.repeat(6 * 1024 * 1024)] }, trigger: 'manual' },
    ],
  ])('refuses a sync.submit with %s before the engine sees it', async (_label, payload) => {
    const h = handlers();
    const reply = await createRouter(h, self)({ type: 'sync.submit', payload }, popup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(h['sync.submit']).not.toHaveBeenCalled();
  });

  it.each([
    ['no refs', { refs: [] }],
    ['a ref of an unknown kind', { refs: [{ ...ref, kind: 'appointment' }] }],
    ['a ref with a bad id', { refs: [{ ...ref, id: '<script>' }] }],
    ['too many refs', { refs: Array.from({ length: 201 }, () => ref) }],
  ])('refuses a sync.status with %s', async (_label, payload) => {
    const h = handlers();
    const reply = await createRouter(h, self)({ type: 'sync.status', payload }, popup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it.each([
    ['a page of more than 200 rows', { limit: 201 }],
    ['an unknown status', { status: 'lost' }],
    ['an unknown operation', { kind: 'invoice.delete' }],
    ['a cursor in both directions', { page: { older: 'a', newer: 'b' } }],
    ['an extra field', { orderBy: 'label' }],
  ])('refuses a sync.operations with %s', async (_label, payload) => {
    const h = handlers();
    const reply = await createRouter(h, self)({ type: 'sync.operations', payload }, popup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(h['sync.operations']).not.toHaveBeenCalled();
  });
});
