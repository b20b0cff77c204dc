// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendRequest } from '../../lib/messaging/client';
import { OptionsApp } from './OptionsApp';
import { fakeBackground, withQueryClient } from './setup/testing';

vi.mock('../../lib/messaging/client', async (original) => ({
  ...(await original<typeof import('../../lib/messaging/client')>()),
  sendRequest: vi.fn(),
}));

beforeEach(() => {
  vi.mocked(sendRequest).mockImplementation(fakeBackground().handle as typeof sendRequest);
});

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('OptionsApp', () => {
  it('opens the page the hash names, and marks it in the bar', () => {
    window.location.hash = '#log';
    render(withQueryClient(<OptionsApp />));
    expect(screen.getByRole('link', { name: 'Sync log' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Setup' }).getAttribute('aria-current')).toBeNull();
  });

  it('opens Setup when the hash names no page', () => {
    window.location.hash = '#nothing';
    render(withQueryClient(<OptionsApp />));
    expect(screen.getByRole('link', { name: 'Setup' }).getAttribute('aria-current')).toBe('page');
  });
});
