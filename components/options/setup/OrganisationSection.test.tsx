// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendRequest } from '../../../lib/messaging/client';
import { OrganisationSection } from './OrganisationSection';
import {
  type FakeBackgroundOptions,
  fakeBackground,
  ORG_A,
  ORG_B,
  renderSection,
  settingsWith,
} from './testing';

vi.mock('../../../lib/messaging/client', async (original) => ({
  ...(await original<typeof import('../../../lib/messaging/client')>()),
  sendRequest: vi.fn(),
}));

afterEach(cleanup);

const directory = {
  clinics: [
    { id: 'c1', name: 'Harbourside' },
    { id: 'c2', name: 'Northside' },
    { id: 'c3', name: 'Eastside' },
  ],
  practitioners: [],
  categories: [],
  taxNames: [],
  itemCodes: [],
  paymentMethods: [],
};

function background(options: FakeBackgroundOptions = {}) {
  vi.mocked(sendRequest).mockImplementation(
    fakeBackground({ directory, ...options }).handle as typeof sendRequest,
  );
}

describe('OrganisationSection', () => {
  it('lists the clinics whose organisation is none, and says nothing of theirs is sent', async () => {
    background();
    const user = userEvent.setup();
    const { current } = renderSection(
      OrganisationSection,
      settingsWith((s) => {
        s.clinics.c2 = { tenantId: ORG_B.tenantId };
      }),
    );
    const warning = await screen.findByRole('alert');
    expect(warning.textContent).toContain('nothing of theirs is sent');
    const listed = within(warning)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(listed).toEqual(['Eastside (c3)', 'Harbourside (c1)']);

    // A default organisation covers every clinic without one of its own…
    await user.selectOptions(screen.getByRole('combobox', { name: 'Default organisation' }), ORG_A.name);
    expect(current.draft.defaults.tenantId).toBe(ORG_A.tenantId);
    expect(screen.queryByRole('alert')).toBeNull();

    // …except one whose override says none.
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Organisation for Eastside' }),
      '— none: nothing is sent —',
    );
    expect(current.draft.clinics.c3).toEqual({ name: 'Eastside', tenantId: null });
    const again = screen.getByRole('alert');
    expect(
      within(again)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Eastside (c3)']);
  });

  it('offers "Same as default" per clinic; choosing it drops an override left empty', async () => {
    background();
    const user = userEvent.setup();
    const { current } = renderSection(
      OrganisationSection,
      settingsWith((s) => {
        s.defaults.tenantId = ORG_A.tenantId;
      }),
    );
    const select = await screen.findByRole('combobox', { name: 'Organisation for Northside' });
    // The organisations arrive from the connection.
    await within(select).findByRole('option', { name: ORG_B.name });
    expect((select as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
      `Same as default (${ORG_A.name})`,
    );
    await user.selectOptions(select, ORG_B.name);
    expect(current.draft.clinics.c2).toEqual({ name: 'Northside', tenantId: ORG_B.tenantId });
    await user.selectOptions(select, `Same as default (${ORG_A.name})`);
    expect(current.draft.clinics.c2).toBeUndefined();
  });

  it('flags an organisation that is no longer connected', async () => {
    background({ connection: { tenants: [ORG_A] } });
    renderSection(
      OrganisationSection,
      settingsWith((s) => {
        s.defaults.tenantId = ORG_A.tenantId;
        s.clinics.c1 = { tenantId: ORG_B.tenantId };
      }),
    );
    const select = await screen.findByRole('combobox', { name: 'Organisation for Harbourside' });
    await vi.waitFor(() => expect(select.getAttribute('aria-invalid')).toBe('true'));
    const warningId = (select.getAttribute('aria-describedby') ?? '').split(' ').at(-1) ?? '';
    expect(document.getElementById(warningId)?.textContent).toContain('no longer connected');
    expect(
      screen.getByRole('combobox', { name: 'Default organisation' }).getAttribute('aria-invalid'),
    ).toBeNull();
  });

  it('says when Xero is not connected, and works without the directory', async () => {
    background({ connection: { status: 'not-connected', tenants: [] }, directory: new Error('stub') });
    renderSection(OrganisationSection, settingsWith());
    expect(await screen.findByText(/Not connected to Xero/)).toBeTruthy();
    expect(screen.getByText(/No clinics yet/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('No default organisation');
    const options = within(screen.getByRole('combobox', { name: 'Default organisation' })).getAllByRole(
      'option',
    );
    expect(options.map((o) => o.textContent)).toEqual(['— none: nothing is sent —']);
  });
});
