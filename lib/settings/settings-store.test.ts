import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PracticeSyncDb } from '../db/database';
import { testDb } from '../testing/db';
import { SettingsStore } from './settings-store';
import { defineSettingsDocument, UnreadableSettingsError } from './versioned';

const counters = defineSettingsDocument({
  key: 'counters',
  title: 'counter',
  version: 2,
  schema: z.object({ a: z.number(), b: z.number() }),
  defaults: { a: 0, b: 0 },
  migrations: { 2: (v1) => ({ a: v1.count, b: 0 }) },
});

describe('SettingsStore', () => {
  it('saves a document with its version, and a restarted worker reads it back', async () => {
    const db = testDb();
    await new SettingsStore(db, counters).save({ a: 1, b: 2 });
    expect(await db.settings.get('counters')).toEqual({ key: 'counters', version: 2, value: { a: 1, b: 2 } });
    const reopened = new SettingsStore(new PracticeSyncDb(db.name), counters);
    expect(await reopened.read()).toEqual({ status: 'saved', value: { a: 1, b: 2 }, storedVersion: 2 });
  });

  it('migrates an older document on read without writing it back', async () => {
    const db = testDb();
    await db.settings.put({ key: 'counters', version: 1, value: { count: 5 } });
    expect(await new SettingsStore(db, counters).get()).toEqual({ a: 5, b: 0 });
    expect(await db.settings.get('counters')).toEqual({ key: 'counters', version: 1, value: { count: 5 } });
  });

  it('keeps an unreadable document: reading reports it, changing it is refused, nothing is overwritten', async () => {
    const db = testDb();
    const damaged = { key: 'counters', version: 2, value: { a: 'one' } };
    await db.settings.put(damaged);
    const store = new SettingsStore(db, counters);
    expect(await store.read()).toMatchObject({
      status: 'unreadable',
      problem: { key: 'counters', storedVersion: 2, stored: { a: 'one' } },
    });
    await expect(store.get()).rejects.toBeInstanceOf(UnreadableSettingsError);
    await expect(store.update((c) => ({ ...c, b: 1 }))).rejects.toBeInstanceOf(UnreadableSettingsError);
    expect(await db.settings.get('counters')).toEqual(damaged);
  });

  it('replaces an unreadable document when a whole new one is saved', async () => {
    const db = testDb();
    await db.settings.put({ key: 'counters', version: 9, value: 'from the future' });
    const store = new SettingsStore(db, counters);
    await store.save({ a: 3, b: 4 });
    expect(await store.get()).toEqual({ a: 3, b: 4 });
  });

  it('lands two changes made at the same time', async () => {
    const store = new SettingsStore(testDb(), counters);
    await Promise.all([
      store.update((c) => ({ ...c, a: c.a + 1 })),
      store.update((c) => ({ ...c, b: c.b + 1 })),
    ]);
    expect(await store.get()).toEqual({ a: 1, b: 1 });
  });

  it('refuses an invalid value and keeps what was stored', async () => {
    const store = new SettingsStore(testDb(), counters);
    await store.save({ a: 1, b: 1 });
    await expect(store.save({ a: 1, b: Number.NaN })).rejects.toThrow();
    expect(await store.get()).toEqual({ a: 1, b: 1 });
  });
});
