// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithQuery } from '../ui/render-with-query';
import { OptionsApp } from './OptionsApp';

// The pages ask the background for their data; here nothing answers (only the bar is looked at).
vi.mock('../../lib/messaging/client', () => ({ sendRequest: vi.fn(() => new Promise(() => undefined)) }));
vi.mock('../../lib/platform/ports', () => ({ connectSyncUpdates: vi.fn(() => () => undefined) }));

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('OptionsApp', () => {
  it('opens the page the hash names, and marks it in the bar', () => {
    window.location.hash = '#log';
    renderWithQuery(<OptionsApp />);
    expect(screen.getByRole('link', { name: 'Sync log' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Setup' }).getAttribute('aria-current')).toBeNull();
  });

  it('opens the log with its filters in the hash', () => {
    window.location.hash = '#log?status=failed';
    renderWithQuery(<OptionsApp />);
    expect(screen.getByRole('link', { name: 'Sync log' }).getAttribute('aria-current')).toBe('page');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('failed');
  });

  it('opens Setup when the hash names no page', () => {
    window.location.hash = '#nothing';
    renderWithQuery(<OptionsApp />);
    expect(screen.getByRole('link', { name: 'Setup' }).getAttribute('aria-current')).toBe('page');
  });
});
