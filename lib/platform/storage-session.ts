import { browser } from 'wxt/browser';

/** One value in a key-value store. */
export interface StoredItem<T> {
  get(): Promise<T | undefined>;
  set(value: T): Promise<void>;
  clear(): Promise<void>;
}

/**
 * One key of chrome.storage.session: survives the service worker being stopped, is cleared when
 * the browser closes, and by default is out of reach of content scripts. Values must be JSON.
 */
export function sessionStorageItem<T>(key: string): StoredItem<T> {
  return {
    get: async () => (await browser.storage.session.get(key))[key] as T | undefined,
    set: (value) => browser.storage.session.set({ [key]: value }),
    clear: () => browser.storage.session.remove(key),
  };
}
