import { z } from 'zod';
import { dec, formatFixed, round, sum } from '../money/decimal';
import {
  type CreditNote,
  type Invoice,
  MAX_XERO_AMOUNT,
  type Payment,
  type PracticeRecords,
  RECORD_KINDS,
  RECORDS_FORMAT,
  type RecordKind,
  type RecordOfKind,
  recordSchemas,
  type Source,
  sourceSchema,
} from './schema';
import { exactTotal, TOTAL_TOLERANCE } from './totals';

/** One problem, named by record and field: "invoices[3].lines[1].unitPrice: not a decimal". */
export interface RecordError {
  path: string;
  message: string;
  /** The record it belongs to, when the record had a readable id. */
  kind?: RecordKind;
  id?: string;
}

export interface ValidRecords {
  source: Source;
  patients: RecordOfKind['patients'][];
  invoices: RecordOfKind['invoices'][];
  payments: RecordOfKind['payments'][];
  creditNotes: RecordOfKind['creditNotes'][];
}

export type ValidationResult =
  | { ok: true; records: ValidRecords; errors: RecordError[] }
  | { ok: false; errors: RecordError[] };

/** More records than this in one submission is refused as a whole: send a backfill in parts. */
export const MAX_RECORDS_PER_SUBMISSION = 5000;

const envelopeSchema = z.strictObject({
  format: z.literal(RECORDS_FORMAT, { error: `must be "${RECORDS_FORMAT}"` }),
  source: sourceSchema,
  patients: z.array(z.unknown(), { error: 'must be an array' }).optional(),
  invoices: z.array(z.unknown(), { error: 'must be an array' }).optional(),
  payments: z.array(z.unknown(), { error: 'must be an array' }).optional(),
  creditNotes: z.array(z.unknown(), { error: 'must be an array' }).optional(),
});

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

function issuesToErrors(prefix: (string | number)[], error: z.ZodError, kind?: RecordKind, id?: string) {
  return error.issues.map(
    (issue): RecordError => ({
      path: formatPath([...prefix, ...issue.path]) || '(the submission)',
      message: issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message,
      ...(kind ? { kind } : {}),
      ...(id ? { id } : {}),
    }),
  );
}

const idOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
    ? (value as { id: string }).id
    : undefined;

/**
 * Validates a submission record by record. A broken envelope (wrong format, bad source, a
 * field that is not an array) refuses everything; otherwise each record stands on its own: the
 * valid ones are returned, and every invalid one is named with its field and left out entirely.
 */
export function validateRecords(input: unknown): ValidationResult {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) return { ok: false, errors: issuesToErrors([], envelope.error) };
  const count = RECORD_KINDS.reduce((n, kind) => n + (envelope.data[kind]?.length ?? 0), 0);
  if (count > MAX_RECORDS_PER_SUBMISSION) {
    return {
      ok: false,
      errors: [
        {
          path: '(the submission)',
          message: `${count} records in one submission; at most ${MAX_RECORDS_PER_SUBMISSION}. Send them in parts.`,
        },
      ],
    };
  }

  const errors: RecordError[] = [];
  const records: ValidRecords = {
    source: envelope.data.source,
    patients: [],
    invoices: [],
    payments: [],
    creditNotes: [],
  };
  for (const kind of RECORD_KINDS) {
    const seen = new Set<string>();
    (envelope.data[kind] ?? []).forEach((raw, index) => {
      const id = idOf(raw);
      const parsed = recordSchemas[kind].safeParse(raw);
      if (!parsed.success) {
        errors.push(...issuesToErrors([kind, index], parsed.error, kind, id));
        return;
      }
      const record = parsed.data as RecordOfKind[typeof kind];
      const problems = [
        ...(seen.has(record.id)
          ? [{ path: 'id', message: `"${record.id}" appears more than once in this submission` }]
          : []),
        ...recordChecks(kind, record),
      ];
      seen.add(record.id);
      if (problems.length > 0) {
        for (const p of problems) {
          errors.push({ path: `${kind}[${index}].${p.path}`, message: p.message, kind, id: record.id });
        }
        return;
      }
      (records[kind] as RecordOfKind[typeof kind][]).push(record);
    });
  }
  return { ok: true, records, errors };
}

type Problem = { path: string; message: string };

function recordChecks(kind: RecordKind, record: RecordOfKind[RecordKind]): Problem[] {
  switch (kind) {
    case 'invoices':
      return documentChecks(record as Invoice, (record as Invoice).issueDate, (record as Invoice).dueDate);
    case 'creditNotes':
      return documentChecks(record as CreditNote, (record as CreditNote).date, undefined);
    case 'payments':
      return paymentChecks(record as Payment);
    default:
      return [];
  }
}

function documentChecks(doc: Invoice | CreditNote, date: string, dueDate: string | undefined): Problem[] {
  const problems: Problem[] = [];
  if (dueDate && dueDate < date) problems.push({ path: 'dueDate', message: 'is before the issue date' });
  doc.lines.forEach((line, i) => {
    const gross = dec(line.quantity).times(dec(line.unitPrice));
    if (gross.abs().gt(dec(MAX_XERO_AMOUNT))) {
      problems.push({
        path: `lines[${i}].quantity`,
        message: `quantity × unit price is ${formatFixed(gross)}, more than 9,999,999,999.99 (the most Xero takes)`,
      });
    }
    // Compared with the line to the cent, as the PMS shows it.
    if (line.discountAmount && dec(line.discountAmount).gt(round(gross.abs(), 2))) {
      problems.push({
        path: `lines[${i}].discountAmount`,
        message: `${line.discountAmount} is more than the line itself (${formatFixed(gross.abs())})`,
      });
    }
  });
  const lines = exactTotal(doc.lines, doc.amountsAre);
  const gap = dec(doc.total).minus(lines).abs();
  if (gap.gt(TOTAL_TOLERANCE)) {
    problems.push({
      path: 'total',
      message: `${doc.total} is ${formatFixed(gap)} away from what its lines add up to (${formatFixed(lines)}); at most ${TOTAL_TOLERANCE.toFixed(2)} of rounding is accepted`,
    });
  }
  return problems;
}

function paymentChecks(payment: Payment): Problem[] {
  const problems: Problem[] = [];
  if (dec(payment.amount).lte(0)) problems.push({ path: 'amount', message: 'must be more than 0' });
  payment.allocations.forEach((allocation, i) => {
    if (dec(allocation.amount).lte(0)) {
      problems.push({ path: `allocations[${i}].amount`, message: 'must be more than 0' });
    }
  });
  const allocated = sum(payment.allocations.map((a) => dec(a.amount)));
  if (allocated.gt(dec(payment.amount))) {
    problems.push({
      path: 'allocations',
      message: `allocate ${formatFixed(allocated)}, more than the payment's ${payment.amount}`,
    });
  }
  const targets = payment.allocations.map((a) =>
    'invoiceId' in a ? `i:${a.invoiceId}` : `c:${a.creditNoteId}`,
  );
  if (new Set(targets).size !== targets.length) {
    problems.push({ path: 'allocations', message: 'name the same document twice; add the amounts together' });
  }
  return problems;
}

export type { PracticeRecords };
