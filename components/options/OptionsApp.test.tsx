// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsApp } from './OptionsApp';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('OptionsApp', () => {
  it('opens the page the hash names, and marks it in the bar', () => {
    window.location.hash = '#log';
    render(<OptionsApp />);
    expect(screen.getByRole('link', { name: 'Sync log' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Setup' }).getAttribute('aria-current')).toBeNull();
  });

  it('opens Setup when the hash names no page', () => {
    window.location.hash = '#nothing';
    render(<OptionsApp />);
    expect(screen.getByRole('link', { name: 'Setup' }).getAttribute('aria-current')).toBe('page');
  });
});
