// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageError, sendRequest } from '../../lib/messaging/client';
import { SetupPage } from './SetupPage';
import { fakeBackground, ORG_A, settingsWith, withQueryClient } from './setup/testing';
import { DRAFT_STORAGE_KEY } from './setup/use-settings-draft';

vi.mock('../../lib/messaging/client', async (original) => ({
  ...(await original<typeof import('../../lib/messaging/client')>()),
  sendRequest: vi.fn(),
}));

type Background = ReturnType<typeof fakeBackground>;

function useBackground(background: Background) {
  vi.mocked(sendRequest).mockImplementation(background.handle as typeof sendRequest);
  return background;
}

const saveCalls = () => vi.mocked(sendRequest).mock.calls.filter(([type]) => type === 'sync.saveSettings');

const SAVED = settingsWith((s) => {
  s.defaults.tenantId = ORG_A.tenantId;
  s.defaults.invoicePrefix = 'INV-';
});

async function renderPage() {
  const result = render(withQueryClient(<SetupPage />));
  await screen.findByRole('textbox', { name: 'Invoice number prefix' });
  return result;
}

const prefixField = () => screen.getByRole('textbox', { name: 'Invoice number prefix' }) as HTMLInputElement;
const saveStatus = () => within(screen.getByRole('region', { name: 'Save settings' })).getByRole('status');

beforeEach(() => {
  window.localStorage.clear();
  vi.mocked(sendRequest).mockClear();
});
afterEach(cleanup);

describe('SetupPage', () => {
  it('has a table of contents to every section, each a labelled region with its heading', async () => {
    useBackground(fakeBackground({ view: { status: 'saved', settings: SAVED } }));
    await renderPage();
    const toc = screen.getByRole('navigation', { name: 'Setup sections' });
    const titles = [
      'Organisation',
      'Sync behaviour',
      'Revenue',
      'Payments',
      'Rounding and tracking',
      'Clinic overrides',
      'Check setup',
      'Settings file',
    ];
    const links = within(toc).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(titles);
    for (const link of links) {
      const section = document.getElementById((link.getAttribute('href') ?? '').slice(1));
      expect(section?.tagName).toBe('SECTION');
      const heading = document.getElementById(section?.getAttribute('aria-labelledby') ?? '');
      expect(heading?.tagName).toBe('H2');
      expect(heading?.textContent).toBe(link.textContent);
    }
  });

  it('shows skeletons, not sections, until the settings arrive', async () => {
    let answer: (value: unknown) => void = () => {};
    const background = fakeBackground();
    vi.mocked(sendRequest).mockImplementation(((type: string, payload: unknown) =>
      type === 'sync.getSettings'
        ? new Promise<unknown>((resolve) => {
            answer = resolve;
          })
        : background.handle(type, payload)) as typeof sendRequest);
    const { container } = render(withQueryClient(<SetupPage />));
    expect(container.querySelectorAll('.skeleton').length).toBeGreaterThanOrEqual(8);
    expect(screen.queryByRole('textbox', { name: 'Invoice number prefix' })).toBeNull();
    answer({ status: 'saved', settings: SAVED });
    expect(await screen.findByRole('textbox', { name: 'Invoice number prefix' })).toBeTruthy();
  });

  it('refuses to save while a field is invalid, shows the error next to it and leads to it', async () => {
    useBackground(fakeBackground({ view: { status: 'saved', settings: SAVED } }));
    const user = userEvent.setup();
    await renderPage();
    await user.type(prefixField(), ' 2026');

    const error = document.getElementById(
      prefixField().getAttribute('aria-describedby')?.split(' ').at(-1) ?? '',
    );
    expect(error?.textContent).toBe('up to 20 letters, digits or . _ / # -');
    expect(prefixField().getAttribute('aria-invalid')).toBe('true');

    const bar = screen.getByRole('region', { name: 'Save settings' });
    const save = within(bar).getByRole('button', { name: 'Save' });
    expect(save.getAttribute('aria-disabled')).toBe('true');
    await user.click(within(bar).getByRole('link', { name: '1 problem to fix' }));
    expect(document.activeElement).toBe(prefixField());

    await user.click(save);
    expect(saveCalls()).toHaveLength(0);
    expect(within(bar).getByRole('alert').textContent).toBe('Nothing was saved: fix the problem first.');
    expect(saveStatus().textContent).toBe('Unsaved changes');
  });

  it('saves a valid draft, which becomes the saved settings', async () => {
    const background = useBackground(fakeBackground({ view: { status: 'saved', settings: SAVED } }));
    const user = userEvent.setup();
    await renderPage();
    expect(saveStatus().textContent).toBe('');
    await user.clear(prefixField());
    await user.type(prefixField(), 'HS-');
    expect(saveStatus().textContent).toBe('Unsaved changes');
    expect(window.localStorage.getItem(DRAFT_STORAGE_KEY)).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(background.state.saves).toEqual([
      { ...SAVED, defaults: { ...SAVED.defaults, invoicePrefix: 'HS-' } },
    ]);
    expect(window.localStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
    expect((screen.getByRole('button', { name: 'Discard changes' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('shows the background’s refusal and keeps the draft', async () => {
    const background = fakeBackground({ view: { status: 'saved', settings: SAVED } });
    vi.mocked(sendRequest).mockImplementation(((type: string, payload: unknown) =>
      type === 'sync.saveSettings'
        ? Promise.reject(new MessageError('invalid-settings', 'Settings defaults.tenantId: unknown'))
        : background.handle(type, payload)) as typeof sendRequest);
    const user = userEvent.setup();
    await renderPage();
    await user.type(prefixField(), 'A');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const bar = screen.getByRole('region', { name: 'Save settings' });
    expect((await within(bar).findByRole('alert')).textContent).toBe('Settings defaults.tenantId: unknown');
    expect(prefixField().value).toBe('INV-A');
    expect(saveStatus().textContent).toBe('Unsaved changes');
  });

  it('keeps unsaved changes across a reload of the page, until discarded', async () => {
    useBackground(fakeBackground({ view: { status: 'saved', settings: SAVED } }));
    const user = userEvent.setup();
    const first = await renderPage();
    await user.type(prefixField(), '2026-');
    await user.click(screen.getByRole('radio', { name: 'Auto' }));
    first.unmount();

    await renderPage();
    expect(prefixField().value).toBe('INV-2026-');
    expect((screen.getByRole('radio', { name: 'Auto' }) as HTMLInputElement).checked).toBe(true);
    expect(saveStatus().textContent).toBe('Unsaved changes');
    expect(screen.getByText(/Your unsaved changes from before were kept/)).toBeTruthy();
    expect(saveCalls()).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(prefixField().value).toBe('INV-');
    expect(window.localStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
  });

  it('keeps the draft and says so when the saved settings changed underneath it', async () => {
    const changedElsewhere = settingsWith((s) => {
      s.defaults.invoicePrefix = 'OTHER-';
    });
    window.localStorage.setItem(
      DRAFT_STORAGE_KEY,
      JSON.stringify({
        base: SAVED,
        draft: { ...SAVED, defaults: { ...SAVED.defaults, invoicePrefix: 'MINE-' } },
      }),
    );
    useBackground(fakeBackground({ view: { status: 'saved', settings: changedElsewhere } }));
    await renderPage();
    expect(prefixField().value).toBe('MINE-');
    expect(screen.getByRole('alert').textContent).toContain('The saved settings were changed elsewhere');
  });

  it('puts its unsaved edits back when another tab forgets the stored draft', async () => {
    useBackground(fakeBackground({ view: { status: 'saved', settings: SAVED } }));
    const user = userEvent.setup();
    await renderPage();
    await user.clear(prefixField());
    await user.type(prefixField(), 'MINE-');
    // Another tab discards: the browser removes the key and tells this tab.
    window.localStorage.removeItem(DRAFT_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: DRAFT_STORAGE_KEY, newValue: null }));
    const stored = JSON.parse(window.localStorage.getItem(DRAFT_STORAGE_KEY) ?? 'null');
    expect(stored?.draft.defaults.invoicePrefix).toBe('MINE-');
  });

  it('keeps a draft from an older version that lacks a setting added since, with its default', async () => {
    const { keepContactDetailsInSync: _added, ...olderDefaults } = SAVED.defaults;
    window.localStorage.setItem(
      DRAFT_STORAGE_KEY,
      JSON.stringify({
        base: SAVED,
        draft: { ...SAVED, defaults: { ...olderDefaults, invoicePrefix: 'MINE-' } },
      }),
    );
    useBackground(fakeBackground({ view: { status: 'saved', settings: SAVED } }));
    await renderPage();
    expect(prefixField().value).toBe('MINE-');
    expect(saveStatus().textContent).toBe('Unsaved changes');
  });

  it('says why stored settings cannot be read and overwrites nothing until the user saves', async () => {
    useBackground(fakeBackground({ view: { status: 'unreadable', reason: 'defaults.dueDays: too big' } }));
    const user = userEvent.setup();
    render(withQueryClient(<SetupPage />));
    const alert = await screen.findByTestId('settings-unreadable');
    expect(alert.textContent).toContain('(defaults.dueDays: too big)');
    expect(screen.queryByRole('textbox', { name: 'Invoice number prefix' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Export settings' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    await user.click(within(alert).getByRole('button', { name: 'Start from the defaults' }));
    expect(prefixField().value).toBe('');
    expect(saveStatus().textContent).toBe('Unsaved changes');
    expect(saveCalls()).toHaveLength(0);
  });

  it('exports the saved settings (not the unsaved draft) as practice-sync-settings.json', async () => {
    useBackground(fakeBackground({ view: { status: 'saved', settings: SAVED } }));
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:settings';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await renderPage();
    await user.type(prefixField(), 'X');
    expect(screen.getByText(/the export is of the saved settings/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Export settings' }));
    expect(names).toEqual(['practice-sync-settings.json']);
    expect(JSON.parse(await blobs[0]!.text())).toEqual(SAVED);
  });

  it('imports a bad file without changing anything, and says what is wrong', async () => {
    useBackground(fakeBackground({ view: { status: 'saved', settings: SAVED } }));
    const user = userEvent.setup();
    await renderPage();
    await user.type(prefixField(), 'X');

    await user.upload(
      screen.getByLabelText('Import settings…'),
      new File(['{"format": "practice-sync-settings", '], 'broken.json', { type: 'application/json' }),
    );
    expect((await screen.findByText(/Nothing was imported/)).textContent).toMatch(/broken\.json is not JSON/);

    const wrongPrefix = { ...SAVED, defaults: { ...SAVED.defaults, invoicePrefix: 'has space' } };
    await user.upload(
      screen.getByLabelText('Import settings…'),
      new File([JSON.stringify(wrongPrefix)], 'bad.json', { type: 'application/json' }),
    );
    const alert = await screen.findByText(/bad\.json: Settings defaults\.invoicePrefix/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(saveCalls()).toHaveLength(0);
    expect(prefixField().value).toBe('INV-X');
    expect(saveStatus().textContent).toBe('Unsaved changes');
  });

  it('imports a good file and saves it at once, replacing the draft', async () => {
    const background = useBackground(fakeBackground({ view: { status: 'saved', settings: SAVED } }));
    const user = userEvent.setup();
    await renderPage();
    await user.type(prefixField(), 'X');
    const imported = settingsWith((s) => {
      s.defaults.invoicePrefix = 'IMP-';
      s.defaults.mode = 'auto';
    });
    await user.upload(
      screen.getByLabelText('Import settings…'),
      new File([JSON.stringify(imported)], 'settings.json', { type: 'application/json' }),
    );
    expect(await screen.findByText('Imported and saved: settings.json.')).toBeTruthy();
    expect(background.state.saves).toEqual([imported]);
    expect(prefixField().value).toBe('IMP-');
    expect(saveStatus().textContent).toBe('');
    expect(window.localStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
  });
});
