// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { sendRequest } from '../../../lib/messaging/client';
import { PaymentsSection } from './PaymentsSection';
import { demoDraft, optionTexts, renderSections, serveDemoBackground } from './setup-test-kit';

vi.mock('../../../lib/messaging/client', () => ({ sendRequest: vi.fn() }));
const send = vi.mocked(sendRequest);

serveDemoBackground(send);

describe('PaymentsSection', () => {
  it('offers only active bank accounts and accounts with payments enabled', async () => {
    renderSections(demoDraft(), (p) => <PaymentsSection {...p} />);
    const eftpos = await screen.findByRole('combobox', { name: 'Payment account for EFTPOS' });
    expect(optionTexts(eftpos)).toEqual(['— Not mapped —', '090 — Business Bank', '095 — Undeposited funds']);
    expect(optionTexts(screen.getByRole('combobox', { name: 'Default payment account' })).slice(1)).toEqual([
      '090 — Business Bank',
      '095 — Undeposited funds',
    ]);
    expect(screen.getByText(/clearing account/).textContent).toMatch(/never to a revenue account/);
  });

  it('has a row per method the records use and per mapped method, and adds a method', async () => {
    const view = renderSections(
      demoDraft((d) => {
        d.defaults.paymentAccounts = { Cheque: '090' };
      }),
      (p) => <PaymentsSection {...p} />,
    );
    const user = userEvent.setup();
    await screen.findByRole('combobox', { name: 'Payment account for EFTPOS' });
    const methods = screen.getAllByRole('rowheader').map((r) => r.textContent);
    expect(methods).toEqual(['EFTPOS', 'Cash', 'Cheque']);
    await user.type(screen.getByRole('textbox', { name: 'Payment method' }), 'HICAPS');
    await user.click(screen.getByRole('button', { name: 'Add payment method' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Payment account for HICAPS' }), '095');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Default payment account' }), '090');
    expect(view.latest().defaults.paymentAccounts).toEqual({ Cheque: '090', HICAPS: '095' });
    expect(view.latest().defaults.defaultPaymentAccount).toBe('090');
  });

  it('flags a method mapped to a revenue account or an archived bank account', async () => {
    renderSections(
      demoDraft((d) => {
        d.defaults.paymentAccounts = { EFTPOS: '200', Cash: '091' };
      }),
      (p) => <PaymentsSection {...p} />,
    );
    const eftpos = await screen.findByRole('combobox', { name: 'Payment account for EFTPOS' });
    expect((eftpos as HTMLSelectElement).value).toBe('200');
    expect(
      screen.getByText('Account 200 (Sales) is not a bank account or an account with payments enabled.'),
    ).toBeTruthy();
    expect(screen.getByText('Account 091 (Closed bank) is archived in Demo Clinic AU.')).toBeTruthy();
  });

  it('in a clinic, inherits the default payment account until overridden', async () => {
    const view = renderSections(
      demoDraft((d) => {
        d.defaults.defaultPaymentAccount = '090';
        d.defaults.paymentAccounts = { EFTPOS: '095' };
      }),
      (p) => <PaymentsSection {...p} clinicId="north" />,
    );
    const user = userEvent.setup();
    const fallback = await screen.findByRole('combobox', { name: 'Default payment account' });
    const picker = fallback.closest('.picker') as HTMLElement;
    expect(within(picker).getByText('Inherited: 090 — Business Bank')).toBeTruthy();
    await user.click(within(picker).getByRole('button', { name: 'Override Default payment account' }));
    expect(view.latest().clinics.north).toEqual({ name: 'North', defaultPaymentAccount: '090' });
    await user.selectOptions(fallback, '095');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Payment account for Cash' }), '090');
    expect(view.latest().clinics.north).toEqual({
      name: 'North',
      defaultPaymentAccount: '095',
      paymentAccounts: { Cash: '090' },
    });
    await user.click(within(picker).getByRole('button', { name: 'Use default for Default payment account' }));
    expect(view.latest().clinics.north).toEqual({ name: 'North', paymentAccounts: { Cash: '090' } });
  });
});
