import { describe, expect, it } from 'vitest';
import { originOf, sourceForOrigin } from './source-origins';

describe('which PMS instance a page belongs to', () => {
  it.each([
    ['https://harbourside.au1.cliniko.com', { system: 'cliniko', account: 'harbourside' }],
    ['https://harbourside.uk2.cliniko.com', { system: 'cliniko', account: 'harbourside' }],
    ['https://old-clinic.cliniko.com', { system: 'cliniko', account: 'old-clinic' }],
  ])('knows the Cliniko account of %s', (origin, source) => {
    expect(sourceForOrigin(origin)).toEqual(source);
  });

  it.each([
    'http://harbourside.au1.cliniko.com',
    'https://api.au1.cliniko.com',
    'https://www.cliniko.com',
    'https://harbourside.au1.cliniko.com.evil.example',
    'https://evil-cliniko.com',
    'https://harbourside.au1.cliniko.com:8443',
    'https://a.b.au1.cliniko.com',
  ])('does not take %s for a Cliniko account', (origin) => {
    expect(sourceForOrigin(origin)).toBeNull();
  });

  it('knows a user-defined site only by its exact origin', () => {
    const sites = [
      { origin: 'https://pms.clinic.example', source: { system: 'clinicpms', account: 'main' } },
    ];
    expect(sourceForOrigin('https://pms.clinic.example', sites)).toEqual({
      system: 'clinicpms',
      account: 'main',
    });
    expect(sourceForOrigin('https://pms.clinic.example.evil', sites)).toBeNull();
  });

  it('reads the origin of web pages only', () => {
    expect(originOf('https://harbourside.au1.cliniko.com/invoices/1?x=1')).toBe(
      'https://harbourside.au1.cliniko.com',
    );
    expect(originOf('chrome-extension://abc/popup.html')).toBeNull();
    expect(originOf(undefined)).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});
