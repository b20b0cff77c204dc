import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sessionStorageItem } from './storage-session';

describe('sessionStorageItem', () => {
  it('keeps a value in storage.session, where a restarted worker finds it', async () => {
    await sessionStorageItem<{ n: number }>('test.item').set({ n: 1 });
    expect(await fakeBrowser.storage.session.get('test.item')).toEqual({ 'test.item': { n: 1 } });
    expect(await sessionStorageItem<{ n: number }>('test.item').get()).toEqual({ n: 1 });
  });

  it('reads nothing once cleared, and leaves other keys alone', async () => {
    const item = sessionStorageItem<string>('test.item');
    await item.set('x');
    await sessionStorageItem<string>('test.other').set('y');
    await item.clear();
    expect(await item.get()).toBeUndefined();
    expect(await sessionStorageItem<string>('test.other').get()).toBe('y');
  });
});
