import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSettingsDocument, type Migration, UnreadableSettingsError, usableValue } from './versioned';

/**
 * A made-up document with a history: version 1 was `{ enabled }`, version 2 added `hour`,
 * version 3 renamed `enabled` to `on`.
 */
const reminders = defineSettingsDocument({
  key: 'reminders',
  title: 'reminder',
  version: 3,
  schema: z.object({ on: z.boolean(), hour: z.number().int().min(0).max(23) }).strict(),
  defaults: { on: false, hour: 9 },
  migrations: {
    2: (v1) => ({ ...v1, hour: 9 }),
    3: ({ enabled, ...rest }) => ({ ...rest, on: enabled }),
  },
});

describe('versioned settings documents', () => {
  it('gives the defaults while nothing was saved', () => {
    expect(reminders.read(undefined)).toEqual({ status: 'default', value: { on: false, hour: 9 } });
  });

  it.each([
    ['version 1', { version: 1, value: { enabled: true } }, { on: true, hour: 9 }],
    ['version 2', { version: 2, value: { enabled: true, hour: 7 } }, { on: true, hour: 7 }],
    ['version 3', { version: 3, value: { on: false, hour: 18 } }, { on: false, hour: 18 }],
  ])('walks a document saved at %s up to today’s', (_label, stored, value) => {
    expect(reminders.read(stored)).toEqual({ status: 'saved', value, storedVersion: stored.version });
  });

  it('reads a document saved before documents carried a version as version 1', () => {
    expect(reminders.read({ value: { enabled: true } })).toEqual({
      status: 'saved',
      value: { on: true, hour: 9 },
      storedVersion: 1,
    });
  });

  it.each([
    ['invalid after migrating', { version: 2, value: { enabled: 'yes', hour: 7 } }, /on/],
    ['not an object', { version: 1, value: 'on' }, /version 1 is not an object/],
    ['from a newer release', { version: 4, value: { on: true, hour: 9, snooze: 5 } }, /newer release/],
    ['without a usable version', { version: 0, value: {} }, /not a version/],
  ])('reports a document that is %s with what was stored, and no defaults', (_label, stored, reason) => {
    const read = reminders.read(stored);
    expect(read).toMatchObject({
      status: 'unreadable',
      problem: { key: 'reminders', stored: stored.value, reason: expect.stringMatching(reason) },
    });
    expect(() => usableValue(read)).toThrow(UnreadableSettingsError);
    expect(() => usableValue(read)).toThrow(/^The saved reminder settings cannot be read/);
  });

  it('reports a migration that fails', () => {
    const broken = defineSettingsDocument({
      key: 'broken',
      title: 'broken',
      version: 2,
      schema: z.object({}),
      defaults: {},
      migrations: {
        2: () => {
          throw new Error('no idea what this was');
        },
      },
    });
    expect(broken.read({ value: {} })).toMatchObject({
      status: 'unreadable',
      problem: { storedVersion: 1, reason: 'moving it to version 2 failed: no idea what this was' },
    });
  });

  it('refuses a definition whose migrations do not lead step by step to its version', () => {
    const define = (version: number, migrations: Record<number, Migration>) => () =>
      defineSettingsDocument({
        key: 'x',
        title: 'x',
        version,
        schema: z.object({}),
        defaults: {},
        migrations,
      });
    expect(define(3, { 2: (v) => v })).toThrow(/from 2 to 3/);
    expect(define(1, { 2: (v) => v })).toThrow(/from 2 to 1/);
    expect(define(2, { 2: (v) => v })).not.toThrow();
  });

  it('stores a valid value with today’s version, and refuses an invalid one', () => {
    expect(reminders.toStored({ on: true, hour: 6 })).toEqual({ version: 3, value: { on: true, hour: 6 } });
    expect(() => reminders.toStored({ on: true, hour: 25 })).toThrow();
  });
});
