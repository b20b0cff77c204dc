// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { sendRequest } from '../../../lib/messaging/client';
import { RoundingTrackingSection } from './RoundingTrackingSection';
import { demoDraft, optionTexts, renderSections, serveDemoBackground } from './setup-test-kit';

vi.mock('../../../lib/messaging/client', () => ({ sendRequest: vi.fn() }));
const send = vi.mocked(sendRequest);

serveDemoBackground(send);

describe('RoundingTrackingSection', () => {
  it('sets a rounding account with a 0 % tax rate, offering only zero rates, or none with a note', async () => {
    const view = renderSections(demoDraft(), (p) => <RoundingTrackingSection {...p} />);
    const user = userEvent.setup();
    const account = await screen.findByRole('combobox', { name: 'Rounding account' });
    expect(optionTexts(account)).not.toContain('090 — Business Bank');
    expect(optionTexts(account)).not.toContain('610 — Accounts Receivable');
    expect(optionTexts(account)).toContain('860 — Rounding');
    expect(screen.getByText(/Without a rounding account/)).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Rounding tax rate (0 %)' })).toBeNull();

    await user.selectOptions(account, '860');
    const tax = screen.getByRole('combobox', { name: 'Rounding tax rate (0 %)' });
    expect(optionTexts(tax)).toEqual([
      '— Choose a 0 % rate —',
      'GST Free Income (0 %)',
      'BAS Excluded (0 %)',
    ]);
    await user.selectOptions(tax, 'BASEXCLUDED');
    expect(view.latest().defaults.rounding).toEqual({ accountCode: '860', taxType: 'BASEXCLUDED' });

    await user.selectOptions(account, '');
    expect(view.latest().defaults.rounding).toBeNull();
  });

  it('flags a rounding tax rate that is not 0 %', async () => {
    renderSections(
      demoDraft((d) => {
        d.defaults.rounding = { accountCode: '860', taxType: 'OUTPUT' };
      }),
      (p) => <RoundingTrackingSection {...p} />,
    );
    await screen.findByRole('combobox', { name: 'Rounding tax rate (0 %)' });
    expect(
      screen.getByText('Tax rate GST on Income (OUTPUT) is 10 %; a rounding line needs a 0 % rate.'),
    ).toBeTruthy();
  });

  it('maps clinics to an active tracking category and picks options, defaulting to the clinic’s name', async () => {
    const view = renderSections(demoDraft(), (p) => <RoundingTrackingSection {...p} />);
    const user = userEvent.setup();
    const category = await screen.findByRole('combobox', { name: 'Tracking category for clinics' });
    expect(optionTexts(category)).toEqual(['— No tracking —', 'Location']);
    await user.selectOptions(category, 'Location');
    expect(view.latest().defaults.tracking.clinic).toEqual({ category: 'Location', options: {} });

    const north = screen.getByRole('combobox', { name: 'Tracking option for North' });
    expect(optionTexts(north)).toEqual(['Its own name: “North”', 'North', 'Harbour']);
    // South has no active option of its own name.
    expect(screen.getByText('“South” is archived in Location.')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tracking option for South' }), 'Harbour');
    expect(view.latest().defaults.tracking.clinic).toEqual({
      category: 'Location',
      options: { south: 'Harbour' },
    });
  });

  it('flags an archived tracking category and a missing option', async () => {
    renderSections(
      demoDraft((d) => {
        d.defaults.tracking = {
          clinic: { category: 'Location', options: { north: 'Gone' } },
          practitioner: { category: 'Old region', options: {} },
        };
      }),
      (p) => <RoundingTrackingSection {...p} />,
    );
    const practitioners = await screen.findByRole('combobox', {
      name: 'Tracking category for practitioners',
    });
    expect((practitioners as HTMLSelectElement).value).toBe('Old region');
    expect(screen.getByText('Tracking category “Old region” is archived in Demo Clinic AU.')).toBeTruthy();
    expect(screen.getByText('“Gone” is not an option of Location.')).toBeTruthy();
  });

  it('in a clinic, shows the inherited rounding and overrides it whole', async () => {
    const view = renderSections(
      demoDraft((d) => {
        d.defaults.rounding = { accountCode: '860', taxType: 'BASEXCLUDED' };
      }),
      (p) => <RoundingTrackingSection {...p} clinicId="north" />,
    );
    const user = userEvent.setup();
    await screen.findByRole('combobox', { name: 'Rounding account' });
    const rounding = screen.getByRole('heading', { name: 'Rounding' }).parentElement!;
    expect(within(rounding).getByText('Inherited: 860 — Rounding')).toBeTruthy();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Rounding tax rate (0 %)' }),
      'EXEMPTOUTPUT',
    );
    expect(view.latest().clinics.north?.rounding).toEqual({ accountCode: '860', taxType: 'EXEMPTOUTPUT' });
    expect(view.latest().defaults.rounding).toEqual({ accountCode: '860', taxType: 'BASEXCLUDED' });
    await user.click(within(rounding).getByRole('button', { name: 'Use default for Rounding' }));
    expect(view.latest().clinics.north).toEqual({ name: 'North' });
  });
});
