import type { ValidRecords } from '../records/validate';
import { emptyDirectory, type PracticeDirectory } from '../setup/lists';
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

export { emptyDirectory };

/**
 * One list of the directory while a submission is learnt: a Map keeps insertion order, so
 * deleting and setting a key moves it to the end (last seen) in constant time.
 */
class Recent<T> {
  private readonly entries: Map<string, T>;
  constructor(
    list: readonly T[],
    private readonly keyOf: (item: T) => string,
  ) {
    this.entries = new Map(list.map((item) => [keyOf(item), item]));
  }
  get(key: string): T | undefined {
    return this.entries.get(key);
  }
  see(item: T) {
    const key = this.keyOf(item);
    this.entries.delete(key);
    this.entries.set(key, item);
  }
  /** The list, oldest first, without those not seen for longest beyond `limit`. */
  list(limit: number): T[] {
    const all = [...this.entries.values()];
    return all.length > limit ? all.slice(all.length - limit) : all;
  }
}

const same = (value: string) => value;

/** The clinics that used a tax name: the one seen now last, at most `clinics` of them. */
function withClinic(known: readonly string[] | undefined, clinicId: string): string[] {
  const ids = (known ?? []).filter((id) => id !== clinicId);
  ids.push(clinicId);
  return ids.slice(-DIRECTORY_LIMITS.clinics);
}

/** The directory with what one validated submission names. Pure. */
export function learnDirectory(current: PracticeDirectory, records: ValidRecords): PracticeDirectory {
  const d: PracticeDirectory = { ...emptyDirectory(), ...current };
  const clinics = new Recent(d.clinics, (x) => x.id);
  const practitioners = new Recent(d.practitioners, (x) => x.id);
  const categories = new Recent(d.categories, same);
  const taxNames = new Recent(d.taxNames, (x) => x.name);
  const itemCodes = new Recent(d.itemCodes, (x) => x.code);
  const paymentMethods = new Recent(d.paymentMethods, same);
  const lines = (list: ValidRecords['invoices'][number]['lines'], clinicId: string) => {
    for (const line of list) {
      categories.see(line.category);
      taxNames.see({
        name: line.tax.name,
        ratePercent: line.tax.ratePercent,
        clinicIds: withClinic(taxNames.get(line.tax.name)?.clinicIds, clinicId),
      });
      if (line.itemCode) {
        const description =
          line.description.length > MAX_DESCRIPTION
            ? `${line.description.slice(0, MAX_DESCRIPTION - 1)}…`
            : line.description;
        itemCodes.see({ code: line.itemCode, description });
      }
    }
  };
  for (const invoice of records.invoices) {
    clinics.see({ id: invoice.clinic.id, name: invoice.clinic.name });
    if (invoice.practitioner)
      practitioners.see({ id: invoice.practitioner.id, name: invoice.practitioner.name });
    lines(invoice.lines, invoice.clinic.id);
  }
  for (const creditNote of records.creditNotes) {
    clinics.see({ id: creditNote.clinic.id, name: creditNote.clinic.name });
    lines(creditNote.lines, creditNote.clinic.id);
  }
  for (const payment of records.payments) paymentMethods.see(payment.method);
  return {
    clinics: clinics.list(DIRECTORY_LIMITS.clinics),
    practitioners: practitioners.list(DIRECTORY_LIMITS.practitioners),
    categories: categories.list(DIRECTORY_LIMITS.categories),
    taxNames: taxNames.list(DIRECTORY_LIMITS.taxNames),
    itemCodes: itemCodes.list(DIRECTORY_LIMITS.itemCodes),
    paymentMethods: paymentMethods.list(DIRECTORY_LIMITS.paymentMethods),
  };
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
