import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRecords } from '../../lib/records/validate';
import { readSyncSettings } from '../../lib/settings/sync-settings';

const readme = readFileSync(path.resolve('README.md'), 'utf8');

/** The first ```json block after `marker` in the README. */
function jsonAfter(marker: string): unknown {
  const from = readme.indexOf(marker);
  expect(from, marker).toBeGreaterThanOrEqual(0);
  const block = /```json\n([\s\S]*?)\n```/.exec(readme.slice(from));
  expect(block, `a JSON block after ${marker}`).not.toBeNull();
  return JSON.parse(block![1]!);
}

describe('the README', () => {
  it('shows a complete practice-records example that the engine accepts as it is', () => {
    const example = jsonAfter('<!-- records-example -->');
    const result = validateRecords(example);
    expect(result).toMatchObject({ ok: true, errors: [] });
    if (!result.ok) return;
    for (const kind of ['patients', 'invoices', 'payments', 'creditNotes'] as const) {
      expect(result.records[kind].length, kind).toBeGreaterThan(0);
    }
  });

  it('shows a settings document that reads as it is', () => {
    expect(readSyncSettings(jsonAfter('## The settings document'))).toMatchObject({ ok: true });
  });

  it('keeps its two Quick start commands', () => {
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(
      quickStart
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => line.split('#')[0]!.trim()),
    ).toEqual(['npm run demo', 'npm test']);
  });
});
