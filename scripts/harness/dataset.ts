import { dec, round, sum } from '../../lib/money/decimal';

/**
 * A clinic's history as practice records, generated from a seed (the same seed, the same data):
 * patients, invoices with 4-dp prices, discounts and mixed tax, one payment per invoice, and
 * credit notes each allocated to its invoice (whose payment leaves room for the credit).
 */
export interface DatasetSize {
  patients: number;
  invoices: number;
  creditNotes: number;
}

/** Mulberry32: a small seeded generator, so a dataset is reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Jane',
  'Sam',
  'Alex',
  'Priya',
  'Mohammed',
  'Li',
  'Olivia',
  'Noah',
  'Ava',
  'Lucas',
  'Mia',
  'Ethan',
];
const LAST = ['Citizen', 'Nguyen', 'Smith', 'Patel', 'Brown', 'Wilson', 'Taylor', 'Khan', 'Martin', 'Lee'];

export function clinicDataset(
  size: DatasetSize,
  seed = 42,
  source = { system: 'cliniko', account: 'harbourside' },
  options: { splitPayments?: boolean } = {},
) {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const patients = Array.from({ length: size.patients }, (_, i) => ({
    id: String(10_000 + i),
    firstName: pick(FIRST),
    lastName: pick(LAST),
    email: `patient${10_000 + i}@example.com`,
  }));
  const invoices = [];
  const payments: {
    id: string;
    method: string;
    date: string;
    amount: string;
    allocations: { invoiceId: string; amount: string }[];
  }[] = [];
  const creditNotes = [];
  for (let i = 0; i < size.invoices; i++) {
    const id = String(50_000 + i);
    const day = 1 + (i % 28);
    const issueDate = `2026-10-${String(day).padStart(2, '0')}`;
    const amountsAre = random() < 0.5 ? ('inclusive' as const) : ('exclusive' as const);
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, n) => {
      const taxed = random() < 0.4;
      const line = {
        description: taxed ? `Product ${n + 1}` : `Treatment ${n + 1}`,
        category: taxed ? 'Products' : 'Services',
        quantity: String(1 + Math.floor(random() * 3)),
        unitPrice: (20 + random() * 100).toFixed(4),
        tax: taxed ? { name: 'GST', ratePercent: '10' } : { name: 'GST-free', ratePercent: '0' },
      };
      return random() < 0.2 ? { ...line, discountPercent: String(5 * (1 + Math.floor(random() * 3))) } : line;
    });
    // The PMS totals the exact amounts and rounds once, as most systems do.
    const total = round(
      sum(
        lines.map((l) => {
          const net = dec(l.quantity)
            .times(l.unitPrice)
            .times(dec(100).minus('discountPercent' in l ? l.discountPercent : '0'))
            .div(100);
          return amountsAre === 'inclusive' ? net : net.times(dec(100).plus(l.tax.ratePercent)).div(100);
        }),
      ),
    );
    const patient = patients[i % patients.length]!;
    invoices.push({
      id,
      number: id,
      issueDate,
      patientId: patient.id,
      clinic: { id: 'cbd', name: 'Harbourside CBD' },
      practitioner: { id: '77', name: 'Dr Sam Lee' },
      amountsAre,
      lines,
      total: total.toFixed(2),
    });
    const credit = i < size.creditNotes ? dec('10.00') : dec(0);
    const due = total.minus(credit);
    // With `splitPayments`, every third invoice is paid in two parts (a deposit, then the rest).
    const half = round(due.div(2));
    const parts = options.splitPayments && i % 3 === 0 ? [half, due.minus(half)] : [due];
    parts.forEach((part, n) => {
      payments.push({
        id: String(90_000 + i + n * 1_000_000),
        method: pick(['EFTPOS', 'Cash', 'HICAPS']),
        date: issueDate,
        amount: part.toFixed(2),
        allocations: [{ invoiceId: id, amount: part.toFixed(2) }],
      });
    });
    if (credit.gt(0)) {
      creditNotes.push({
        id: String(70_000 + i),
        number: `C${70_000 + i}`,
        date: issueDate,
        patientId: patient.id,
        invoiceId: id,
        clinic: { id: 'cbd', name: 'Harbourside CBD' },
        amountsAre: 'inclusive' as const,
        lines: [
          {
            description: 'Goodwill credit',
            category: 'Services',
            quantity: '1',
            unitPrice: '10.0000',
            tax: { name: 'GST-free', ratePercent: '0' },
          },
        ],
        total: '10.00',
      });
    }
  }
  return { format: 'practice-records/1', source, patients, invoices, payments, creditNotes };
}
