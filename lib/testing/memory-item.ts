import type { StoredItem } from '../platform/storage-session';

/** A StoredItem kept in memory: for tests and Node, where there is no chrome.storage. */
export function memoryItem<T>(): StoredItem<T> {
  let value: T | undefined;
  return {
    get: async () => value,
    set: async (next) => {
      value = next;
    },
    clear: async () => {
      value = undefined;
    },
  };
}
