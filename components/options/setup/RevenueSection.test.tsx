// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { sendRequest } from '../../../lib/messaging/client';
import type { OrganisationLists } from '../../../lib/setup/lists';
import { fieldId } from './field-id';
import { RevenueSection } from './RevenueSection';
import {
  demoDirectory,
  demoDraft,
  demoLists,
  optionTexts,
  renderSections,
  serveDemoBackground,
  TENANT_AU,
} from './setup-test-kit';

vi.mock('../../../lib/messaging/client', () => ({ sendRequest: vi.fn() }));
const send = vi.mocked(sendRequest);

serveDemoBackground(send);

describe('RevenueSection', () => {
  it('offers only active revenue accounts and tax rates that can apply to revenue', async () => {
    renderSections(demoDraft(), (p) => <RevenueSection {...p} />);
    const account = await screen.findByRole('combobox', { name: 'Revenue account for Services' });
    expect(optionTexts(account)).toEqual(['— Not mapped —', '200 — Sales', '260 — Other Revenue']);
    const tax = screen.getByRole('combobox', { name: 'Tax rate for Services' });
    expect(optionTexts(tax)).toEqual([
      '— Not mapped —',
      'GST on Income (10 %)',
      'GST Free Income (0 %)',
      'BAS Excluded (0 %)',
    ]);
    expect(send).toHaveBeenCalledWith('xero.lists', { tenantId: TENANT_AU });
  });

  it('maps a category, writing the account code into the defaults', async () => {
    const view = renderSections(demoDraft(), (p) => <RevenueSection {...p} />);
    const user = userEvent.setup();
    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Revenue account for Services' }),
      '200',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tax rate for Services' }), 'OUTPUT');
    expect(view.latest().defaults.revenueAccounts).toEqual({ Services: '200' });
    expect(view.latest().defaults.categoryTaxRates).toEqual({ Services: 'OUTPUT' });
  });

  it('keeps a mapping to an archived or missing account selected, and flags it next to the field', async () => {
    renderSections(
      demoDraft((d) => {
        d.defaults.revenueAccounts = { Services: '250', Products: '999' };
        d.defaults.categoryTaxRates = { Services: 'TAX002' };
      }),
      (p) => <RevenueSection {...p} />,
    );
    const services = await screen.findByRole('combobox', { name: 'Revenue account for Services' });
    expect((services as HTMLSelectElement).value).toBe('250');
    expect(optionTexts(services)).toContain('250 — Old revenue (archived)');
    expect(services.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Account 250 (Old revenue) is archived in Demo Clinic AU.').id).toBe(
      services.getAttribute('aria-describedby'),
    );
    const products = screen.getByRole('combobox', { name: 'Revenue account for Products' });
    expect((products as HTMLSelectElement).value).toBe('999');
    expect(screen.getByText('Account 999 is not in Demo Clinic AU.')).toBeTruthy();
    expect(screen.getByText('Tax rate Old GST (TAX002) is deleted in Demo Clinic AU.')).toBeTruthy();
  });

  it('shows the validation message next to its field', async () => {
    renderSections(
      demoDraft((d) => {
        d.defaults.revenueAccounts = { Services: 'not a code!' };
      }),
      (p) => <RevenueSection {...p} />,
    );
    const field = await screen.findByRole('combobox', { name: 'Revenue account for Services' });
    const described = field.getAttribute('aria-describedby')!.split(' ');
    const messages = described.map((id) => document.getElementById(id)?.textContent);
    expect(messages).toContain('a Xero account code: up to 10 letters or digits');
  });

  it('renaming a category moves its mappings in the defaults and in clinic overrides', async () => {
    const view = renderSections(
      demoDraft((d) => {
        d.defaults.revenueAccounts = { Services: '200' };
        d.defaults.categoryTaxRates = { Services: 'OUTPUT' };
        d.clinics = { north: { name: 'North', revenueAccounts: { Services: '260' } } };
      }),
      (p) => <RevenueSection {...p} />,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rename Services' }));
    const input = screen.getByRole('textbox', { name: 'New name for Services' });
    await user.clear(input);
    await user.type(input, 'Products');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(screen.getByText('“Products” is already in the list.')).toBeTruthy();
    await user.clear(input);
    await user.type(input, 'Consultations{Enter}');
    const draft = view.latest();
    expect(draft.categories).toEqual(['Consultations', 'Products', 'Custom items']);
    expect(draft.defaults.revenueAccounts).toEqual({ Consultations: '200' });
    expect(draft.defaults.categoryTaxRates).toEqual({ Consultations: 'OUTPUT' });
    expect(draft.clinics.north?.revenueAccounts).toEqual({ Consultations: '260' });
    expect(
      (screen.getByRole('combobox', { name: 'Revenue account for Consultations' }) as HTMLSelectElement)
        .value,
    ).toBe('200');
  });

  it('asks before removing a mapped category, and removes an unmapped one at once', async () => {
    const view = renderSections(
      demoDraft((d) => {
        d.defaults.revenueAccounts = { Services: '200' };
      }),
      (p) => <RevenueSection {...p} />,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Remove Custom items' }));
    expect(view.latest().categories).toEqual(['Services', 'Products']);
    await user.click(screen.getByRole('button', { name: 'Remove Services' }));
    expect(screen.getByRole('alert').textContent).toContain('“Services” is mapped in the defaults');
    expect(view.latest().categories).toEqual(['Services', 'Products']);
    await user.click(screen.getByRole('button', { name: 'Remove Services and its mappings' }));
    expect(view.latest().categories).toEqual(['Products']);
    expect(view.latest().defaults.revenueAccounts).toEqual({});
  });

  it('adds a category, and one the records use that is not in the list', async () => {
    const view = renderSections(demoDraft(), (p) => <RevenueSection {...p} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add Massage to the list' }));
    await user.type(screen.getByRole('textbox', { name: 'New category' }), 'Hearing aids');
    await user.click(screen.getByRole('button', { name: 'Add category' }));
    expect(view.latest().categories).toEqual([
      'Services',
      'Products',
      'Custom items',
      'Massage',
      'Hearing aids',
    ]);
    expect(screen.queryByRole('button', { name: 'Add Massage to the list' })).toBeNull();
  });

  it('adds an item code override by code and filters the table by the search box', async () => {
    const view = renderSections(
      demoDraft((d) => {
        d.defaults.itemAccounts = { REV2: '260' };
      }),
      (p) => <RevenueSection {...p} />,
    );
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Item code' }), 'CONS1');
    await user.click(screen.getByRole('button', { name: 'Add item code' }));
    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Revenue account for item code CONS1' }),
      '200',
    );
    expect(view.latest().defaults.itemAccounts).toEqual({ REV2: '260', CONS1: '200' });
    expect(screen.getByText('Initial consultation')).toBeTruthy();
    await user.type(screen.getByRole('searchbox', { name: 'Search item codes' }), 'review');
    expect(screen.queryByRole('combobox', { name: 'Revenue account for item code CONS1' })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Revenue account for item code REV2' })).toBeTruthy();
  });

  it('lists the PMS tax names the records use, with their rate', async () => {
    const view = renderSections(demoDraft(), (p) => <RevenueSection {...p} />);
    const user = userEvent.setup();
    const row = (await screen.findByRole('rowheader', { name: 'GST free' })).closest('tr')!;
    expect(within(row).getByText('0 %')).toBeTruthy();
    await user.selectOptions(
      within(row).getByRole('combobox', { name: 'Xero tax rate for GST free' }),
      'EXEMPTOUTPUT',
    );
    expect(view.latest().defaults.taxRates).toEqual({ 'GST free': 'EXEMPTOUTPUT' });
  });

  it('in a clinic, shows inherited values and an override writes only that key', async () => {
    const view = renderSections(
      demoDraft((d) => {
        d.defaults.revenueAccounts = { Services: '200', Products: '260' };
      }),
      (p) => <RevenueSection {...p} clinicId="north" />,
    );
    const user = userEvent.setup();
    const services = await screen.findByRole('combobox', { name: 'Revenue account for Services' });
    expect(services.id).toBe(fieldId('clinics.north.revenueAccounts.Services'));
    expect((services as HTMLSelectElement).value).toBe('200');
    expect(screen.getAllByText('Inherited: 200 — Sales').length).toBe(1);
    expect(screen.getByText('Inherited: 260 — Other Revenue')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Rename Services' })).toBeNull();

    await user.selectOptions(services, '260');
    expect(view.latest().clinics.north).toEqual({ name: 'North', revenueAccounts: { Services: '260' } });
    expect(view.latest().defaults.revenueAccounts).toEqual({ Services: '200', Products: '260' });
    expect(screen.queryByText('Inherited: 200 — Sales')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Override Revenue account for Products' }));
    expect(view.latest().clinics.north?.revenueAccounts).toEqual({ Services: '260', Products: '260' });

    await user.click(screen.getByRole('button', { name: 'Use default for Revenue account for Services' }));
    await user.click(screen.getByRole('button', { name: 'Use default for Revenue account for Products' }));
    expect(view.latest().clinics.north).toEqual({ name: 'North' });
    expect(screen.getByText('Inherited: 200 — Sales')).toBeTruthy();
  });

  it('reads the lists of the organisation the clinic overrides', async () => {
    const nz = '33333333-3333-4333-8333-333333333333';
    renderSections(
      demoDraft((d) => {
        d.clinics = { north: { name: 'North', tenantId: nz } };
      }),
      (p) => <RevenueSection {...p} clinicId="north" />,
    );
    await screen.findByRole('combobox', { name: 'Revenue account for Services' });
    expect(send).toHaveBeenCalledWith('xero.lists', { tenantId: nz });
    expect(send).not.toHaveBeenCalledWith('xero.lists', { tenantId: TENANT_AU });
  });

  it('without an organisation, says to choose one first and offers no way to type a code', async () => {
    renderSections(
      demoDraft((d) => {
        d.defaults.tenantId = null;
        d.defaults.revenueAccounts = { Services: '200' };
      }),
      (p) => <RevenueSection {...p} />,
    );
    await screen.findByRole('button', { name: 'Add Massage to the list' });
    const services = screen.getByRole('combobox', {
      name: 'Revenue account for Services',
    }) as HTMLSelectElement;
    expect(services.disabled).toBe(true);
    expect(services.value).toBe('200');
    expect(screen.getAllByText('Choose an organisation first').length).toBeGreaterThan(3);
    expect(send).not.toHaveBeenCalledWith('xero.lists', expect.anything());
    // The only text fields are names (categories, item codes, tax names, search), never account codes.
    const textboxes = screen.getAllByRole('textbox').map((t) => t.getAttribute('id'));
    expect(textboxes.every((id) => !id?.startsWith('field-'))).toBe(true);
  });

  it('keeps the draft’s values on screen while the lists refresh, and after', async () => {
    let resolveSecond: (lists: OrganisationLists) => void = () => {};
    let calls = 0;
    send.mockImplementation(((type: string) => {
      if (type === 'sync.directory') return Promise.resolve(demoDirectory());
      calls += 1;
      if (calls === 1) return Promise.resolve(demoLists());
      return new Promise<OrganisationLists>((resolve) => {
        resolveSecond = resolve;
      });
    }) as unknown as typeof sendRequest);
    const view = renderSections(
      demoDraft((d) => {
        d.defaults.revenueAccounts = { Services: '200' };
      }),
      (p) => <RevenueSection {...p} />,
    );
    const user = userEvent.setup();
    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Revenue account for Products' }),
      '260',
    );
    await user.click(screen.getByRole('button', { name: 'Refresh from Xero' }));
    expect(calls).toBe(2);
    const services = () =>
      screen.getByRole('combobox', { name: 'Revenue account for Services' }) as HTMLSelectElement;
    expect(services().value).toBe('200');
    expect(document.querySelector('.skeleton')).toBeNull();
    resolveSecond(
      demoLists({
        accounts: demoLists().accounts.map((a) => (a.code === '200' ? { ...a, name: 'Sales (renamed)' } : a)),
        readAt: Date.UTC(2026, 11, 1, 10, 0),
      }),
    );
    await waitFor(() => expect(optionTexts(services())).toContain('200 — Sales (renamed)'));
    expect(services().value).toBe('200');
    expect(view.latest().defaults.revenueAccounts).toEqual({ Services: '200', Products: '260' });
  });

  it('when Xero cannot be read, says so with Retry and keeps the current codes visible', async () => {
    let fail = true;
    send.mockImplementation(((type: string) => {
      if (type === 'sync.directory') return Promise.resolve(demoDirectory());
      return fail ? Promise.reject(new Error('Xero is disconnected')) : Promise.resolve(demoLists());
    }) as typeof sendRequest);
    renderSections(
      demoDraft((d) => {
        d.defaults.revenueAccounts = { Services: '200' };
      }),
      (p) => <RevenueSection {...p} />,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Xero is disconnected');
    expect(
      (screen.getByRole('combobox', { name: 'Revenue account for Services' }) as HTMLSelectElement).value,
    ).toBe('200');
    fail = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(optionTexts(screen.getByRole('combobox', { name: 'Revenue account for Services' }))).toContain(
        '260 — Other Revenue',
      ),
    );
  });

  it('shows fixed-size skeletons while the lists load', async () => {
    send.mockImplementation(((type: string) =>
      type === 'sync.directory'
        ? Promise.resolve(demoDirectory())
        : new Promise(() => {})) as typeof sendRequest);
    renderSections(demoDraft(), (p) => <RevenueSection {...p} />);
    await screen.findByRole('button', { name: 'Add Massage to the list' });
    // Two per category (account, tax rate) and one per PMS tax name the records use.
    expect(document.querySelectorAll('.skeleton-select').length).toBe(3 * 2 + 2);
    expect(screen.queryByRole('combobox', { name: 'Revenue account for Services' })).toBeNull();
  });
});
