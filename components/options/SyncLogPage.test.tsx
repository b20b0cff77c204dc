// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logToCsv } from '../../lib/log/csv';
import { logRow, TENANT_AU } from '../../lib/log/fixtures';
import type { LogPage } from '../../lib/log/types';
import { sendRequest } from '../../lib/messaging/client';
import { connectSyncUpdates } from '../../lib/platform/ports';
import { renderWithQuery } from '../ui/render-with-query';
import { SyncLogPage } from './SyncLogPage';

vi.mock('../../lib/messaging/client', () => ({ sendRequest: vi.fn() }));
vi.mock('../../lib/platform/ports', () => ({ connectSyncUpdates: vi.fn(() => () => undefined) }));

const failed = logRow({ key: 'k3', opId: '000000000003', document: 'Invoice HS-3 · Ava Smith' });
const failedToo = logRow({ key: 'k2', opId: '000000000002', document: 'Invoice HS-2 · Jane Citizen' });
const synced = logRow({
  key: 'k1',
  opId: '000000000001',
  document: 'Invoice HS-1 · Jane Citizen',
  status: 'synced',
  canRetry: false,
  message: null,
  xeroMessages: [],
  xeroUrl: 'https://go.xero.com/app/!abc/invoicing/view/x1',
  pmsUrl: 'https://harbourside.au1.cliniko.com/invoices/1',
});
const deleted = logRow({
  key: 'k4',
  opId: null,
  document: 'Invoice HS-4 · Mia Lee',
  kind: 'invoice.void',
  status: 'needs-action',
  canRetry: false,
  canVoid: true,
  message: 'Deleted in the PMS.',
  xeroMessages: [],
  voidRef: { source: { system: 'cliniko', account: 'harbourside' }, kind: 'invoice', id: '4' },
});

interface World {
  connection: 'connected' | 'disconnected';
  pages: (query: Record<string, unknown>) => LogPage;
}

function serve(world: World) {
  vi.mocked(sendRequest).mockImplementation((async (type: string, payload: Record<string, unknown>) => {
    switch (type) {
      case 'sync.summary':
        return {
          counts: { waiting: 1, queued: 2, leased: 1, done: 9, failed: 2, blocked: 0, cancelled: 0 },
          pauses: [],
          lastSuccessAt: null,
          connection: world.connection,
        };
      case 'sync.logFacets':
        return {
          clinics: [{ id: 'cbd', name: 'Harbourside CBD' }],
          organisations: [{ tenantId: TENANT_AU, name: 'Harbourside Physio' }],
        };
      case 'sync.operations':
        return world.pages(payload);
      case 'sync.retry':
        return { retried: 'opIds' in payload ? (payload.opIds as string[]).length : 2 };
      case 'sync.voidInXero':
        return { queued: true };
      case 'sync.history':
        return [
          {
            seq: 2,
            at: 2,
            tenantId: TENANT_AU,
            docKey: payload.docKey,
            label: 'x',
            clinicId: null,
            opKind: 'invoice.create',
            result: 'failed',
            message: 'Refused by Xero',
          },
          {
            seq: 1,
            at: 1,
            tenantId: TENANT_AU,
            docKey: payload.docKey,
            label: 'x',
            clinicId: null,
            opKind: 'submit',
            result: 'info',
            message: 'Queued',
          },
        ];
      case 'sync.run':
        return { started: true };
      case 'connection.connect':
        return { status: 'connected', tenants: [], activeTenantId: null, organisationName: null };
    }
    throw new Error(`unexpected ${type}`);
  }) as typeof sendRequest);
}

const onePage =
  (rows = [deleted, failed, failedToo, synced]) =>
  () => ({ rows, newer: null, older: null });
const calls = (type: string) =>
  vi
    .mocked(sendRequest)
    .mock.calls.filter(([t]) => t === type)
    .map(([, payload]) => payload as Record<string, unknown>);

beforeEach(() => {
  window.history.replaceState(null, '', '#log');
});
afterEach(() => {
  cleanup();
});

describe('the sync log page', () => {
  it('sends the filters as the query, the search once typing settles, and keeps them in the hash', async () => {
    window.history.replaceState(null, '', '#log?kind=invoice.create');
    serve({ connection: 'connected', pages: onePage() });
    renderWithQuery(<SyncLogPage />);
    await screen.findByText('Invoice HS-3 · Ava Smith');
    expect(calls('sync.operations')[0]).toEqual({ kind: 'invoice.create', limit: 50 });

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'failed');
    await userEvent.selectOptions(screen.getByLabelText('Clinic'), 'cbd');
    await userEvent.selectOptions(screen.getByLabelText('Organisation'), TENANT_AU);
    await userEvent.type(screen.getByLabelText('Search number or patient'), 'jane');
    await waitFor(() =>
      expect(calls('sync.operations').at(-1)).toEqual({
        kind: 'invoice.create',
        status: 'failed',
        clinicId: 'cbd',
        tenantId: TENANT_AU,
        search: 'jane',
        limit: 50,
      }),
    );
    // Not one request per key stroke.
    expect(
      calls('sync.operations').filter((q) => typeof q.search === 'string' && q.search !== 'jane'),
    ).toEqual([]);
    expect(window.location.hash).toBe(
      `#log?status=failed&kind=invoice.create&clinic=cbd&org=${TENANT_AU}&q=jane`,
    );
  });

  it('sends dates as the whole days chosen', async () => {
    serve({ connection: 'connected', pages: onePage() });
    renderWithQuery(<SyncLogPage />);
    await screen.findByText('Invoice HS-3 · Ava Smith');
    const from = screen.getByLabelText('From');
    await userEvent.clear(from);
    await userEvent.type(from, '2026-11-01');
    await waitFor(() =>
      expect(calls('sync.operations').at(-1)).toMatchObject({ since: new Date(2026, 10, 1).getTime() }),
    );
  });

  it('retries the selected operations, one row, or all failed', async () => {
    serve({ connection: 'connected', pages: onePage() });
    renderWithQuery(<SyncLogPage />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Invoice HS-3 · Ava Smith' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Invoice HS-2 · Jane Citizen' }));
    await userEvent.click(screen.getByRole('button', { name: 'Retry selected (2)' }));
    await waitFor(() => expect(calls('sync.retry')).toEqual([{ opIds: ['000000000003', '000000000002'] }]));
    expect(await screen.findByText('2 operations are queued again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry selected (0)' })).toHaveProperty('disabled', true);

    await userEvent.click(screen.getByRole('button', { name: 'Retry Invoice HS-2 · Jane Citizen' }));
    await waitFor(() => expect(calls('sync.retry').at(-1)).toEqual({ opIds: ['000000000002'] }));
    // A synced row has nothing to retry.
    expect(screen.queryByRole('button', { name: 'Retry Invoice HS-1 · Jane Citizen' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Retry all failed (2)' }));
    await waitFor(() => expect(calls('sync.retry').at(-1)).toEqual({ allFailed: true }));
  });

  it('asks before "Void in Xero" and sends it only when confirmed', async () => {
    serve({ connection: 'connected', pages: onePage() });
    renderWithQuery(<SyncLogPage />);
    const open = await screen.findByRole('button', { name: 'Void in Xero: Invoice HS-4 · Mia Lee' });
    await userEvent.click(open);
    const dialog = screen.getByRole('dialog', { name: 'Void in Xero?' });
    expect(dialog.textContent).toContain('cancels it there for good');
    expect(dialog.textContent).toContain('its number cannot be used again');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(calls('sync.voidInXero')).toEqual([]);
    expect(document.activeElement).toBe(open);

    await userEvent.click(open);
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes, void in Xero' }),
    );
    await waitFor(() => expect(calls('sync.voidInXero')).toEqual([{ ref: deleted.voidRef }]));
    const notice = await screen.findByText('Void in Xero is queued.');
    // The row's button is about to go: focus lands on the notice, not on the page.
    await waitFor(() => expect(document.activeElement).toBe(notice));
  });

  it('links to Xero and the PMS in a new tab, and shows a document’s history', async () => {
    serve({ connection: 'connected', pages: onePage() });
    renderWithQuery(<SyncLogPage />);
    const xero = await screen.findByRole('link', { name: 'Open in Xero' });
    expect(xero.getAttribute('href')).toBe(synced.xeroUrl);
    expect(xero.getAttribute('target')).toBe('_blank');
    expect(xero.getAttribute('rel')).toBe('noreferrer');
    expect(screen.getByRole('link', { name: 'Open in the PMS' }).getAttribute('href')).toBe(synced.pmsUrl);
    expect(screen.getAllByRole('link', { name: 'Open in Xero' })).toHaveLength(1);

    const toggle = screen.getByRole('button', { name: 'History of Invoice HS-3 · Ava Smith' });
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const history = await screen.findByRole('list', { name: 'History of Invoice HS-3 · Ava Smith' });
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringContaining('Create invoice: Refused by Xero'),
      expect.stringContaining('Received from the PMS: Queued'),
    ]);
    expect(calls('sync.history')).toEqual([{ docKey: failed.docKey }]);
  });

  it('follows a hash set from outside: the pages bar\'s "Sync log" clears the filters', async () => {
    window.location.hash = '#log?status=failed';
    serve({ connection: 'connected', pages: onePage() });
    renderWithQuery(<SyncLogPage />);
    expect(((await screen.findByLabelText('Status')) as HTMLSelectElement).value).toBe('failed');
    act(() => {
      window.location.hash = '#log';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe(''));
    await waitFor(() => expect(calls('sync.operations').at(-1)).not.toHaveProperty('status'));
  });

  it('offers a checkbox only on rows that can be retried, and forgets the selection when the filters change', async () => {
    serve({ connection: 'connected', pages: () => ({ rows: [failed, synced], newer: null, older: null }) });
    renderWithQuery(<SyncLogPage />);
    const box = await screen.findByRole('checkbox', { name: 'Select Invoice HS-3 · Ava Smith' });
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    await userEvent.click(box);
    expect(screen.getByRole('button', { name: 'Retry selected (1)' })).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'failed');
    expect(await screen.findByRole('button', { name: 'Retry selected (0)' })).toBeTruthy();
  });

  it('reads the rows again when the queue moves, keeping the filters and the selection', async () => {
    let version = 0;
    serve({
      connection: 'connected',
      pages: () => ({
        rows: version === 0 ? [failed, synced] : [{ ...failed, message: 'Still refused by Xero.' }, synced],
        newer: null,
        older: null,
      }),
    });
    renderWithQuery(<SyncLogPage />);
    await userEvent.selectOptions(await screen.findByLabelText('Status'), 'failed');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Invoice HS-3 · Ava Smith' }));
    const before = calls('sync.operations').length;
    version = 1;
    const listener = vi.mocked(connectSyncUpdates).mock.calls.at(-1)![0];
    act(() => {
      listener({ type: 'sync.changed', docKeys: [failed.docKey] });
      listener({ type: 'sync.queue' });
    });
    const row = () =>
      screen.getByRole('checkbox', { name: 'Select Invoice HS-3 · Ava Smith' }).closest('tr')!;
    expect(within(row()).queryByText(/Still refused by Xero/)).toBeNull();
    await waitFor(() => expect(within(row()).getByText(/Still refused by Xero/)).toBeTruthy());
    // Two notices, one read.
    expect(calls('sync.operations').length).toBe(before + 1);
    expect(calls('sync.operations').at(-1)).toMatchObject({ status: 'failed' });
    expect(screen.getByRole('checkbox', { name: 'Select Invoice HS-3 · Ava Smith' })).toHaveProperty(
      'checked',
      true,
    );
  });

  it('pages to older and newer rows by cursor', async () => {
    serve({
      connection: 'connected',
      pages: (q) =>
        q.page && 'older' in (q.page as object)
          ? { rows: [synced], newer: 'k1', older: null }
          : { rows: [failed], newer: null, older: 'k3' },
    });
    renderWithQuery(<SyncLogPage />);
    await screen.findByText('Invoice HS-3 · Ava Smith');
    expect(screen.getByRole('button', { name: 'Newer' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    await screen.findByText('Invoice HS-1 · Jane Citizen');
    expect(calls('sync.operations').at(-1)).toEqual({ limit: 50, page: { older: 'k3' } });
    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    await waitFor(() =>
      expect(calls('sync.operations').at(-1)).toEqual({ limit: 50, page: { newer: 'k1' } }),
    );
  });

  it('exports every filtered row as CSV, not only the page shown', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:log';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    serve({
      connection: 'connected',
      pages: (q) =>
        q.page
          ? { rows: [failedToo, synced], newer: 'k3', older: null }
          : { rows: [deleted, failed], newer: null, older: 'k3' },
    });
    renderWithQuery(<SyncLogPage />);
    await userEvent.selectOptions(await screen.findByLabelText('Status'), 'failed');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(await blobs[0]!.text()).toBe(logToCsv([deleted, failed, failedToo, synced]));
    expect(calls('sync.operations').slice(-2)).toEqual([
      { status: 'failed', limit: 200 },
      { status: 'failed', limit: 200, page: { older: 'k3' } },
    ]);
    expect(click).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('4 rows exported.')).toBeTruthy();
  });

  it('shows the queue counts, and "Xero is disconnected" with Reconnect', async () => {
    serve({ connection: 'disconnected', pages: onePage([]) });
    renderWithQuery(<SyncLogPage />);
    expect(await screen.findByText('Nothing in the log matches these filters.')).toBeTruthy();
    const banner = await screen.findByTestId('log-disconnected');
    expect(banner.textContent).toContain('Xero is disconnected.');
    expect(screen.getByTestId('log-queued').textContent).toBe('3');
    expect(screen.getByTestId('log-syncing').textContent).toBe('1');
    expect(screen.getByTestId('log-failed').textContent).toBe('2');
    await userEvent.click(within(banner).getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(calls('connection.connect')).toEqual([{}]));
    await userEvent.click(screen.getByRole('button', { name: 'Send now' }));
    await waitFor(() => expect(calls('sync.run')).toEqual([{}]));
  });

  it('holds the table’s place with skeleton rows while the first page is read', async () => {
    serve({ connection: 'connected', pages: onePage() });
    vi.mocked(sendRequest).mockImplementation((() => new Promise(() => undefined)) as typeof sendRequest);
    const { container } = renderWithQuery(<SyncLogPage />);
    expect(container.querySelectorAll('tbody .skeleton')).toHaveLength(10);
  });
});
