// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendRequest } from '../../../lib/messaging/client';
import { SyncBehaviourSection } from './SyncBehaviourSection';
import { fakeBackground, renderSection, settingsWith } from './testing';

vi.mock('../../../lib/messaging/client', async (original) => ({
  ...(await original<typeof import('../../../lib/messaging/client')>()),
  sendRequest: vi.fn(),
}));

beforeEach(() => {
  vi.mocked(sendRequest).mockImplementation(fakeBackground().handle as typeof sendRequest);
});
afterEach(cleanup);

describe('SyncBehaviourSection', () => {
  it('edits the defaults and shows the schema’s error next to a bad prefix', async () => {
    const user = userEvent.setup();
    const { current } = renderSection(SyncBehaviourSection, settingsWith());
    await user.click(screen.getByRole('radio', { name: 'Auto' }));
    await user.click(screen.getByRole('radio', { name: 'Draft' }));
    await user.click(screen.getByRole('checkbox', { name: 'Synchronisation enabled' }));
    expect(current.draft.defaults).toMatchObject({ mode: 'auto', invoiceStatus: 'DRAFT', enabled: false });

    const prefix = screen.getByRole('textbox', { name: 'Invoice number prefix' });
    await user.type(prefix, 'INV 1');
    expect(prefix.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (prefix.getAttribute('aria-describedby') ?? '').split(' ');
    const error = describedBy
      .map((id) => document.getElementById(id))
      .find((el) => el?.className === 'field-error');
    expect(error?.textContent).toBe('up to 20 letters, digits or . _ / # -');
    expect(
      screen.getByRole('textbox', { name: 'Credit note number prefix' }).getAttribute('aria-invalid'),
    ).toBeNull();
  });

  it('shows what a clinic without an override inherits, and overrides one key at a time', async () => {
    const user = userEvent.setup();
    const initial = settingsWith((s) => {
      s.defaults.mode = 'auto';
      s.defaults.invoicePrefix = 'INV-';
    });
    const { current } = renderSection(SyncBehaviourSection, initial, 'clinic-1');

    // Nothing of this clinic's own: every field says what it inherits and offers no control.
    expect(screen.getByText('Auto', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByText('“INV-”', { selector: 'strong' })).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getAllByText('Inherited:', { exact: false })).toHaveLength(7);

    await user.click(screen.getByRole('button', { name: 'Override Mode' }));
    expect(current.draft.clinics['clinic-1']).toEqual({ mode: 'auto' });
    await user.click(screen.getByRole('radio', { name: 'Manual' }));
    // Only the key that was overridden; the defaults are untouched.
    expect(current.draft.clinics['clinic-1']).toEqual({ mode: 'manual' });
    expect(current.draft.defaults.mode).toBe('auto');
    expect(screen.getByText('Default: Auto')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Use default for Mode' }));
    expect(current.draft.clinics['clinic-1']).toEqual({});
    expect(screen.getByRole('button', { name: 'Override Mode' })).toBeTruthy();
  });

  it('shows a clinic’s own invalid prefix error next to its field', async () => {
    const user = userEvent.setup();
    renderSection(
      SyncBehaviourSection,
      settingsWith((s) => {
        s.clinics.c2 = { name: 'Northside', creditNotePrefix: 'CN-' };
      }),
      'c2',
    );
    const field = screen.getByRole('textbox', { name: 'Credit note number prefix' });
    expect((field as HTMLInputElement).value).toBe('CN-');
    await user.type(field, '<');
    const container = field.closest('.setup-field') as HTMLElement;
    expect(within(container).getByText('up to 20 letters, digits or . _ / # -')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });
});
