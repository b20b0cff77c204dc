import { describe, expect, it } from 'vitest';
import { SETTINGS_DOCUMENTS } from './documents';
import { SYNC_FIXTURES } from './fixtures/sync';
import { XERO_APP_FIXTURES } from './fixtures/xero-app';
import { syncSettingsDocument } from './sync-settings';
import type { StoredDocument } from './versioned';
import { xeroAppSettings } from './xero-app-settings';

/** For each document (by key): what every version stored, and what today's code reads from it. */
const FIXTURES: Record<string, Record<number, { stored: StoredDocument; reads: unknown }>> = {
  [xeroAppSettings.key]: XERO_APP_FIXTURES,
  [syncSettingsDocument.key]: SYNC_FIXTURES,
};

const cases = SETTINGS_DOCUMENTS.flatMap((document) =>
  Object.entries(FIXTURES[document.key] ?? {}).map(([version, fixture]) => ({
    key: document.key,
    version: Number(version),
    document,
    fixture,
  })),
);

describe('settings documents', () => {
  it('each have a key of their own', () => {
    const keys = SETTINGS_DOCUMENTS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('each have a saved fixture for every version up to today’s', () => {
    for (const document of SETTINGS_DOCUMENTS) {
      const versions = Object.keys(FIXTURES[document.key] ?? {}).map(Number);
      expect(versions, document.key).toEqual(Array.from({ length: document.version }, (_, i) => i + 1));
    }
  });

  it.each(cases)('read $key as saved at version $version with today’s code', ({ document, fixture }) => {
    expect(document.read(fixture.stored)).toMatchObject({ status: 'saved', value: fixture.reads });
  });
});
