// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageError, sendRequest } from '../../../lib/messaging/client';
import type { SetupCheck } from '../../../lib/setup/lists';
import { CheckSetupSection } from './CheckSetupSection';
import { PaymentsSection } from './PaymentsSection';
import { RevenueSection } from './RevenueSection';
import { answering, demoDirectory, demoDraft, demoLists, renderSections, TENANT_AU } from './setup-test-kit';

vi.mock('../../../lib/messaging/client', async (original) => ({
  ...(await original<typeof import('../../../lib/messaging/client')>()),
  sendRequest: vi.fn(),
}));
const send = vi.mocked(sendRequest);

const CHECKED_AT = Date.UTC(2026, 11, 1, 9, 45);
let check: () => Promise<SetupCheck>;

beforeEach(() => {
  check = async () => ({
    problems: [],
    organisations: { [TENANT_AU]: 'Demo Clinic AU' },
    checkedAt: CHECKED_AT,
  });
  send.mockImplementation(
    answering({
      'xero.lists': () => demoLists(),
      'sync.directory': () => demoDirectory(),
      'sync.checkSetup': () => check(),
    }) as typeof sendRequest,
  );
});
afterEach(() => {
  cleanup();
  send.mockReset();
});

describe('CheckSetupSection', () => {
  it('checks the current draft and says when nothing would fail', async () => {
    const draft = demoDraft((d) => {
      d.defaults.revenueAccounts = { Services: '200' };
    });
    renderSections(draft, (p) => <CheckSetupSection {...p} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Check setup' }));
    expect(await screen.findByText('No problems found.')).toBeTruthy();
    expect(screen.getByText(/Checked at .* against Demo Clinic AU\./)).toBeTruthy();
    expect(send).toHaveBeenCalledWith('sync.checkSetup', { document: draft });
  });

  it('lists problems by clinic, defaults first, errors before warnings, each linking to its field', async () => {
    check = async () => ({
      problems: [
        {
          clinicId: 'north',
          path: 'paymentAccounts.Cash',
          severity: 'error',
          message: 'Payment method Cash has no account.',
        },
        {
          clinicId: null,
          path: 'revenueAccounts.Products',
          severity: 'warning',
          message: 'Products is not mapped.',
        },
        {
          clinicId: null,
          path: 'revenueAccounts.Services',
          severity: 'error',
          message: 'Account 250 (Old revenue) is archived in Demo Clinic AU.',
        },
      ],
      organisations: { [TENANT_AU]: 'Demo Clinic AU' },
      checkedAt: CHECKED_AT,
    });
    renderSections(
      demoDraft((d) => {
        d.defaults.revenueAccounts = { Services: '250' };
      }),
      (p) => (
        <>
          <RevenueSection {...p} />
          <PaymentsSection {...p} clinicId="north" />
          <CheckSetupSection {...p} />
        </>
      ),
    );
    const user = userEvent.setup();
    await screen.findByRole('combobox', { name: 'Revenue account for Services' });
    await user.click(screen.getByRole('button', { name: 'Check setup' }));
    const groups = await screen.findAllByRole('heading', { level: 3, name: /Defaults|North/ });
    expect(groups.map((g) => g.textContent)).toEqual(['Defaults (every clinic)', 'North']);
    expect(screen.getByText('2 errors (would fail), 1 warning.')).toBeTruthy();
    const defaults = within(groups[0]!.parentElement!).getAllByRole('listitem');
    expect(defaults.map((li) => li.textContent)).toEqual([
      'Error: Account 250 (Old revenue) is archived in Demo Clinic AU. Revenue account for Services',
      'Warning: Products is not mapped. Revenue account for Products',
    ]);

    await user.click(within(defaults[0]!).getByRole('link', { name: 'Revenue account for Services' }));
    expect(document.activeElement).toBe(
      screen.getByRole('combobox', { name: 'Revenue account for Services' }),
    );
    const north = within(groups[1]!.parentElement!);
    await user.click(north.getByRole('link', { name: 'Payment account for Cash' }));
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Payment account for Cash' }));
    expect(window.location.hash).toBe('');
  });

  it('shows only the error when the draft cannot be checked', async () => {
    check = async () => {
      throw new MessageError(
        'invalid-input',
        'Settings defaults.revenueAccounts.Services: a Xero account code',
      );
    };
    renderSections(demoDraft(), (p) => <CheckSetupSection {...p} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Check setup' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Settings defaults.revenueAccounts.Services: a Xero account code',
    );
    expect(screen.queryByText(/Checked at/)).toBeNull();
  });

  it('holds a fixed-height skeleton while the check runs', async () => {
    check = () => new Promise(() => {});
    renderSections(demoDraft(), (p) => <CheckSetupSection {...p} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Check setup' }));
    expect(document.querySelector('.check-results .skeleton-block')).not.toBeNull();
    expect((screen.getByRole('button', { name: 'Check setup' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
