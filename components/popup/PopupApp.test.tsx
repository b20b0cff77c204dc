// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueSummary } from '../../lib/engine/engine';
import { sendRequest } from '../../lib/messaging/client';
import { openOptionsPageAt } from '../../lib/platform/pages';
import { connectSyncUpdates } from '../../lib/platform/ports';
import type { ConnectionView } from '../../lib/xero/connection-service';
import { renderWithQuery } from '../ui/render-with-query';
import { PopupApp } from './PopupApp';

vi.mock('../../lib/messaging/client', () => ({ sendRequest: vi.fn() }));
vi.mock('../../lib/platform/ports', () => ({ connectSyncUpdates: vi.fn(() => () => undefined) }));
vi.mock('../../lib/platform/pages', () => ({
  openOptionsPageAt: vi.fn(async () => undefined),
  openOptionsPage: vi.fn(async () => undefined),
  optionsPageUrl: (hash: string) => `chrome-extension://id/options.html#${hash}`,
}));

const TENANT = '3f1a8c52-7b0e-4d2a-9c61-5e2b8f0d4a11';
const connected: ConnectionView = {
  status: 'connected',
  tenants: [{ tenantId: TENANT, name: 'Harbourside Physio' }],
  activeTenantId: TENANT,
  organisationName: 'Harbourside Physio',
} as ConnectionView;

type Summary = QueueSummary & { connection: 'connected' | 'disconnected' | 'not-connected' };
const counts = { waiting: 2, queued: 3, leased: 1, done: 40, failed: 2, blocked: 1, cancelled: 0 };

function answer(view: ConnectionView, summary: Summary) {
  vi.mocked(sendRequest).mockImplementation((async (type: string) => {
    if (type === 'sync.summary') return summary;
    return view;
  }) as typeof sendRequest);
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the popup', () => {
  it('shows queued and failed counts, the last success, and opens the sync log', async () => {
    const lastSuccessAt = Date.now() - 5 * 60_000;
    answer(connected, { counts, pauses: [], lastSuccessAt, connection: 'connected' });
    renderWithQuery(<PopupApp />);
    expect(await screen.findByTestId('queued-count')).toHaveProperty('textContent', '6');
    expect(screen.getByTestId('failed-count').textContent).toBe('3');
    const time = screen.getByTestId('last-success').querySelector('time')!;
    expect(time.textContent).toBe('5 minutes ago');
    expect(time.getAttribute('title')).toBe(
      new Date(lastSuccessAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    );
    const link = screen.getByRole('link', { name: 'Open sync log' });
    expect(link.getAttribute('href')).toBe('chrome-extension://id/options.html#log');
    await userEvent.click(link);
    expect(openOptionsPageAt).toHaveBeenCalledWith('log');
  });

  it('says when nothing was sent yet', async () => {
    answer(connected, { counts, pauses: [], lastSuccessAt: null, connection: 'connected' });
    renderWithQuery(<PopupApp />);
    expect((await screen.findByTestId('last-success')).textContent).toBe('Last sent to Xero: not yet');
  });

  it('shows the disconnected state with Reconnect, and that the queue waits', async () => {
    answer(
      {
        ...connected,
        status: 'disconnected',
        disconnectedReason: 'Xero no longer accepts the connection.',
      } as ConnectionView,
      { counts, pauses: [], lastSuccessAt: null, connection: 'disconnected' },
    );
    renderWithQuery(<PopupApp />);
    expect(await screen.findByText('Xero is disconnected')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reconnect' })).toBeTruthy();
    expect((await screen.findByTestId('queue-disconnected')).textContent).toContain('Nothing is sent');
  });

  it('shows a daily-limit pause with the time sending resumes', async () => {
    const until = Date.now() + 3 * 3600_000;
    answer(connected, {
      counts,
      pauses: [{ tenantId: TENANT, organisation: 'Harbourside Physio', until, reason: 'day limit' }],
      lastSuccessAt: null,
      connection: 'connected',
    });
    renderWithQuery(<PopupApp />);
    const paused = await screen.findByTestId('queue-paused');
    expect(paused.textContent).toContain('Xero’s daily limit for Harbourside Physio is used up');
    expect(paused.querySelector('time')!.getAttribute('dateTime')).toBe(new Date(until).toISOString());
  });

  it('reads the counts again when the queue moves', async () => {
    answer(connected, { counts, pauses: [], lastSuccessAt: null, connection: 'connected' });
    renderWithQuery(<PopupApp />);
    await screen.findByTestId('queued-count');
    const listener = vi.mocked(connectSyncUpdates).mock.calls.at(-1)![0];
    answer(connected, {
      counts: { ...counts, waiting: 0, queued: 0, leased: 0 },
      pauses: [],
      lastSuccessAt: null,
      connection: 'connected',
    });
    await act(() => vi.advanceTimersByTimeAsync(400));
    vi.mocked(sendRequest).mockClear();
    act(() => {
      listener({ type: 'sync.queue' });
      listener({ type: 'sync.queue' });
    });
    await act(() => vi.advanceTimersByTimeAsync(400));
    await waitFor(() => expect(screen.getByTestId('queued-count').textContent).toBe('0'));
    // Two notices, one refetch.
    expect(vi.mocked(sendRequest).mock.calls.filter(([type]) => type === 'sync.summary')).toHaveLength(1);
  });
});
