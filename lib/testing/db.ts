import { PracticeSyncDb } from '../db/database';

/** A database of its own for one test, on fake-indexeddb (no test sees another's rows). */
export function testDb(): PracticeSyncDb {
  return new PracticeSyncDb(`test-${crypto.randomUUID()}`);
}
