// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendRequest } from '../../../lib/messaging/client';
import { ClinicOverridesSection } from './ClinicOverridesSection';
import { fakeBackground, ORG_A, ORG_B, renderSection, settingsWith } from './testing';

vi.mock('../../../lib/messaging/client', async (original) => ({
  ...(await original<typeof import('../../../lib/messaging/client')>()),
  sendRequest: vi.fn(),
}));

const directory = {
  clinics: [
    { id: 'c1', name: 'Harbourside' },
    { id: 'c2', name: 'Northside' },
  ],
  practitioners: [],
  categories: [],
  taxNames: [],
  itemCodes: [],
  paymentMethods: [],
};

beforeEach(() => {
  vi.mocked(sendRequest).mockImplementation(fakeBackground({ directory }).handle as typeof sendRequest);
});
afterEach(cleanup);

const DEFAULTS = settingsWith((s) => {
  s.defaults.tenantId = ORG_A.tenantId;
  s.defaults.mode = 'manual';
});

describe('ClinicOverridesSection', () => {
  it('adds an override for a clinic from the records; everything starts inherited', async () => {
    const user = userEvent.setup();
    const { current } = renderSection(ClinicOverridesSection, DEFAULTS);
    expect(screen.getByText(/No clinic overrides/)).toBeTruthy();
    const picker = screen.getByRole('combobox', { name: 'Clinic to override' });
    // The clinics the records named arrive from the background.
    await within(picker).findByRole('option', { name: 'Northside (c2)' });
    await user.selectOptions(picker, 'Northside (c2)');
    await user.click(screen.getByRole('button', { name: 'Add override' }));

    expect(current.draft.clinics).toEqual({ c2: { name: 'Northside' } });
    const panel = screen.getByRole('region', { name: 'Override for Northside' });
    expect(within(panel).getByRole('button', { name: 'Override Mode' })).toBeTruthy();
    const organisation = within(panel).getByRole('combobox', { name: 'Organisation for Northside' });
    expect((organisation as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
      `Same as default (${ORG_A.name})`,
    );
    // A clinic already overridden is not offered again.
    expect(within(picker).queryByRole('option', { name: 'Northside (c2)' })).toBeNull();

    await user.selectOptions(organisation, ORG_B.name);
    await user.click(within(panel).getByRole('button', { name: 'Override Mode' }));
    await user.click(within(panel).getByRole('radio', { name: 'Auto' }));
    expect(current.draft.clinics.c2).toEqual({ name: 'Northside', tenantId: ORG_B.tenantId, mode: 'auto' });
    expect(current.draft.defaults.mode).toBe('manual');
    expect(screen.getByText('overrides 2 settings: organisation, mode')).toBeTruthy();
  });

  it('adds an override for a clinic typed in by id and name', async () => {
    vi.mocked(sendRequest).mockImplementation(
      fakeBackground({ directory: new Error('not built') }).handle as typeof sendRequest,
    );
    const user = userEvent.setup();
    const { current } = renderSection(ClinicOverridesSection, DEFAULTS);
    await screen.findByRole('textbox', { name: 'Id of the new clinic' });
    await user.click(screen.getByRole('button', { name: 'Add override' }));
    expect(screen.getByRole('alert').textContent).toContain('Type the clinic’s id');
    await user.type(screen.getByRole('textbox', { name: 'Id of the new clinic' }), 'c9');
    await user.type(screen.getByRole('textbox', { name: 'Name of the new clinic' }), 'Westside');
    await user.click(screen.getByRole('button', { name: 'Add override' }));
    expect(current.draft.clinics).toEqual({ c9: { name: 'Westside' } });
    expect(screen.getByRole('region', { name: 'Override for Westside' })).toBeTruthy();
  });

  it('removes an override only after confirmation', async () => {
    const user = userEvent.setup();
    const { current } = renderSection(
      ClinicOverridesSection,
      settingsWith((s) => {
        s.clinics.c1 = { name: 'Harbourside', enabled: false };
      }),
    );
    expect(screen.getByText('overrides 1 setting: sync switch')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Harbourside (c1)' }));
    const panel = screen.getByRole('region', { name: 'Override for Harbourside' });
    expect(
      (within(panel).getByRole('checkbox', { name: 'Synchronisation enabled' }) as HTMLInputElement).checked,
    ).toBe(false);
    await user.click(within(panel).getByRole('button', { name: 'Remove override' }));
    await user.click(within(panel).getByRole('button', { name: 'Keep override' }));
    expect(current.draft.clinics.c1).toBeDefined();
    await user.click(within(panel).getByRole('button', { name: 'Remove override' }));
    await user.click(within(panel).getByRole('button', { name: 'Yes, remove override' }));
    expect(current.draft.clinics).toEqual({});
    expect(screen.queryByRole('region', { name: 'Override for Harbourside' })).toBeNull();
  });

  it('keeps a panel with a problem open', () => {
    renderSection(
      ClinicOverridesSection,
      settingsWith((s) => {
        s.clinics.c1 = { name: 'Harbourside', invoicePrefix: 'bad prefix' };
      }),
    );
    const panel = screen.getByRole('region', { name: 'Override for Harbourside' });
    const field = within(panel).getByRole('textbox', { name: 'Invoice number prefix' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });
});
