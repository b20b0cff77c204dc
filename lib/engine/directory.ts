import type { ValidRecords } from '../records/validate';
import type { PracticeDirectory } from '../setup/lists';
import type { EngineDb } from './db';

/**
 * The practice directory: what the records have named so far (clinics, practitioners,
 * categories, PMS tax names, item codes, payment methods), so the setup offers them instead of
 * asking the user to type them. Kept in the engine database's `meta` table under one key.
 *
 * Each list is kept in the order entries were last seen; a name seen again moves to the end with
 * the name the PMS gave it last. When a list is full, the entries not seen for longest go, so a
 * practice that renamed or retired items does not grow it forever.
 */
export const DIRECTORY_KEY = 'practice-directory';

export const DIRECTORY_LIMITS = {
  clinics: 200,
  practitioners: 500,
  categories: 200,
  taxNames: 100,
  itemCodes: 500,
  paymentMethods: 100,
} as const satisfies Record<keyof PracticeDirectory, number>;

/** An item's description is a hint for the picker, not the whole text. */
const MAX_DESCRIPTION = 100;

export const emptyDirectory = (): PracticeDirectory => ({
  clinics: [],
  practitioners: [],
  categories: [],
  taxNames: [],
  itemCodes: [],
  paymentMethods: [],
});

/** Moves (or adds) an entry to the end, replacing an older one with the same key, and trims from the front. */
function remember<T>(list: T[], entry: T, keyOf: (item: T) => string, limit: number): T[] {
  const key = keyOf(entry);
  const next = list.filter((item) => keyOf(item) !== key);
  next.push(entry);
  return next.length > limit ? next.slice(next.length - limit) : next;
}

const same = <T>(value: T) => String(value);

/** The directory with what one validated submission names. Pure. */
export function learnDirectory(current: PracticeDirectory, records: ValidRecords): PracticeDirectory {
  const d: PracticeDirectory = { ...emptyDirectory(), ...current };
  const clinic = (c: { id: string; name: string }) => {
    d.clinics = remember(d.clinics, { id: c.id, name: c.name }, (x) => x.id, DIRECTORY_LIMITS.clinics);
  };
  const lines = (list: ValidRecords['invoices'][number]['lines']) => {
    for (const line of list) {
      d.categories = remember(d.categories, line.category, same, DIRECTORY_LIMITS.categories);
      d.taxNames = remember(
        d.taxNames,
        { name: line.tax.name, ratePercent: line.tax.ratePercent },
        (x) => x.name,
        DIRECTORY_LIMITS.taxNames,
      );
      if (line.itemCode) {
        const description =
          line.description.length > MAX_DESCRIPTION
            ? `${line.description.slice(0, MAX_DESCRIPTION - 1)}…`
            : line.description;
        d.itemCodes = remember(
          d.itemCodes,
          { code: line.itemCode, description },
          (x) => x.code,
          DIRECTORY_LIMITS.itemCodes,
        );
      }
    }
  };
  for (const invoice of records.invoices) {
    clinic(invoice.clinic);
    if (invoice.practitioner) {
      const { id, name } = invoice.practitioner;
      d.practitioners = remember(d.practitioners, { id, name }, (x) => x.id, DIRECTORY_LIMITS.practitioners);
    }
    lines(invoice.lines);
  }
  for (const creditNote of records.creditNotes) {
    clinic(creditNote.clinic);
    lines(creditNote.lines);
  }
  for (const payment of records.payments)
    d.paymentMethods = remember(d.paymentMethods, payment.method, same, DIRECTORY_LIMITS.paymentMethods);
  return d;
}

const byText = (a: string, b: string) =>
  a.localeCompare(b, undefined, { sensitivity: 'base' }) || a.localeCompare(b);

/** The directory as the options page shows it: every list sorted by name (or code). */
export function sortedDirectory(directory: PracticeDirectory): PracticeDirectory {
  return {
    clinics: [...directory.clinics].sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id)),
    practitioners: [...directory.practitioners].sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id)),
    categories: [...directory.categories].sort(byText),
    taxNames: [...directory.taxNames].sort((a, b) => byText(a.name, b.name)),
    itemCodes: [...directory.itemCodes].sort((a, b) => byText(a.code, b.code)),
    paymentMethods: [...directory.paymentMethods].sort(byText),
  };
}

export async function readDirectory(db: EngineDb): Promise<PracticeDirectory> {
  const row = await db.meta.get(DIRECTORY_KEY);
  return { ...emptyDirectory(), ...((row?.value as Partial<PracticeDirectory> | undefined) ?? {}) };
}

/** Adds what a submission names to the stored directory, in one transaction (submissions may overlap). */
export async function noteDirectory(db: EngineDb, records: ValidRecords): Promise<void> {
  const names = records.invoices.length + records.creditNotes.length + records.payments.length;
  if (names === 0) return;
  await db.transaction('rw', db.meta, async () => {
    const next = learnDirectory(await readDirectory(db), records);
    await db.meta.put({ key: DIRECTORY_KEY, value: next });
  });
}
