import { z } from 'zod';
import { dec } from '../money/decimal';

/**
 * The practice-records format, version 1: the one boundary between PMS adapters and the sync
 * engine. PMS-neutral JSON. Money, quantities and rates are decimal strings ("85.0000"), never
 * JSON numbers, so no amount ever passes through binary floating point; ids are strings.
 *
 * This module is pure (zod only): content scripts import it, so it must stay free of Dexie, ky
 * and anything Xero-specific.
 */
export const RECORDS_FORMAT = 'practice-records/1';

/** What a JSON number in a money field is told: the commonest adapter mistake. */
const notANumber = (what: string) => (issue: { input?: unknown }) => {
  if (issue.input === undefined) return 'required';
  if (typeof issue.input === 'number') return `must be a decimal string such as "${what}", not a JSON number`;
  return 'not a decimal';
};

/** Xero's largest amount, for any figure it stores (reference §5.2). */
export const MAX_XERO_AMOUNT = '9999999999.99';

/**
 * A decimal string with at most `dp` places and no more than Xero takes (9,999,999,999.99):
 * an amount Xero would refuse is refused here, with its field named, before anything is queued.
 */
function decimal(dp: number, example: string, options: { signed?: boolean } = {}) {
  const pattern = new RegExp(`^${options.signed ? '-?' : ''}\\d{1,10}(\\.\\d{1,${dp}})?$`);
  return z
    .string({ error: notANumber(example) })
    .regex(pattern, {
      error: (issue) =>
        typeof issue.input === 'string' && /^-?\d+(\.\d+)?$/.test(issue.input)
          ? /^-/.test(issue.input) && !options.signed
            ? 'must not be negative'
            : /^-?\d{11,}/.test(issue.input)
              ? 'at most 9,999,999,999.99, the most Xero takes'
              : `at most ${dp} decimal places`
          : 'not a decimal',
    })
    .refine((v) => !/^-?\d+(\.\d+)?$/.test(v) || dec(v).abs().lte(dec(MAX_XERO_AMOUNT)), {
      error: 'at most 9,999,999,999.99, the most Xero takes',
    });
}

/** Amounts of money: 2 dp, as they are paid. */
export const moneySchema = decimal(2, '85.00');
/** A line's unit price: 4 dp (Xero takes 4 with unitdp=4); may be negative (a rebate). */
export const unitPriceSchema = decimal(4, '85.0000', { signed: true });
/** Quantities: 4 dp, may be negative (a returned item). */
export const quantitySchema = decimal(4, '1.0000', { signed: true });
/** Percentages: tax rates to 4 dp as Xero lists them, discounts to 2 dp as Xero keeps them. */
export const taxRateSchema = decimal(4, '10.0000').refine((v) => Number(v) <= 100, 'at most 100');
export const discountPercentSchema = decimal(2, '10.00').refine((v) => Number(v) <= 100, 'at most 100');

export const isoDateSchema = z.iso.date({ error: 'not a date (YYYY-MM-DD)' });

/** Ids as the PMS writes them: printable, no spaces; they become part of link keys and Xero references. */
export const recordIdSchema = z
  .string({ error: (i) => (i.input === undefined ? 'required' : 'must be a string id') })
  .regex(/^[A-Za-z0-9._:/#-]{1,64}$/, 'an id is 1–64 letters, digits or . _ : / # -');

/**
 * Names go into Xero and back onto the PMS page: no markup, no control characters. A name with
 * HTML in it is refused rather than cleaned, so nobody wonders where a part of it went.
 */
function text(max: number) {
  return z
    .string({ error: (i) => (i.input === undefined ? 'required' : 'must be text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine((s) => !/[<>]/.test(s), 'must not contain < or > (HTML is not accepted)')
    .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');
}

/** Descriptions may use < and > as words ("< 30 min") but not markup. */
const descriptionSchema = z
  .string({ error: (i) => (i.input === undefined ? 'required' : 'must be text') })
  .trim()
  .min(1, 'must not be empty')
  .max(4000, 'at most 4000 characters')
  .refine((s) => !/<\s*\/?\s*[A-Za-z!]/.test(s), 'must not contain HTML')
  .refine((s) => !/[\p{Cc}--[\n\t]]/v.test(s), 'must not contain control characters');

export const sourceSchema = z.strictObject({
  /** The PMS, e.g. "cliniko" or a user-defined site's id. */
  system: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and -, up to 32'),
  /** Which instance of it, e.g. the Cliniko account "harbourside". */
  account: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, . _ -, up to 63'),
});

/**
 * The record's page in the PMS, for "Open in the PMS" in the sync log: http(s) only, so a link
 * can never run script. Optional: a PMS without stable pages leaves it out.
 */
export const pmsUrlSchema = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL' })
  .max(2048, 'at most 2048 characters');

export const addressSchema = z.strictObject({
  line1: text(500),
  line2: text(500).optional(),
  city: text(255).optional(),
  region: text(255).optional(),
  postalCode: text(50).optional(),
  country: text(50).optional(),
});

export const patientSchema = z.strictObject({
  id: recordIdSchema,
  firstName: text(255),
  lastName: text(255),
  email: z.email('not an e-mail address').max(255).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+() .x-]{3,50}$/i, 'digits, spaces and + ( ) - . only')
    .optional(),
  dateOfBirth: isoDateSchema.optional(),
  address: addressSchema.optional(),
  /** The patient's page in the PMS. */
  url: pmsUrlSchema.optional(),
});

const partySchema = z.strictObject({ id: recordIdSchema, name: text(255) });

export const taxSchema = z.strictObject({
  /** The tax as the PMS names it ("GST", "VAT 20%", "GST-free"). */
  name: text(100),
  ratePercent: taxRateSchema,
});

const lineFields = {
  description: descriptionSchema,
  /** The PMS's code for the billable item or product; may select its own revenue account. */
  itemCode: z
    .string()
    .trim()
    .regex(/^[^<>\p{Cc}]{1,64}$/u, '1–64 characters, no < or >')
    .optional(),
  /** A category of the user's list (Services, Products, …): picks the revenue account. */
  category: text(100),
  quantity: quantitySchema,
  unitPrice: unitPriceSchema,
  tax: taxSchema,
};

export const invoiceLineSchema = z
  .strictObject({
    ...lineFields,
    discountPercent: discountPercentSchema.optional(),
    discountAmount: moneySchema.optional(),
  })
  .refine((line) => line.discountPercent === undefined || line.discountAmount === undefined, {
    error: 'a line has either discountPercent or discountAmount, not both',
    path: ['discountAmount'],
  });

/** Credit-note lines have the same fields; discounts are allowed and folded into the price. */
export const creditNoteLineSchema = invoiceLineSchema;

export const amountsAreSchema = z.enum(['exclusive', 'inclusive'], {
  error: 'must be "exclusive" or "inclusive"',
});

export const invoiceSchema = z.strictObject({
  id: recordIdSchema,
  /** The PMS's invoice number; Xero gets the settings' prefix + this. */
  number: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/#-]{0,39}$/, '1–40 letters, digits or . _ / # -'),
  issueDate: isoDateSchema,
  dueDate: isoDateSchema.optional(),
  patientId: recordIdSchema,
  clinic: partySchema,
  practitioner: partySchema.optional(),
  /** A payer other than the patient (insurer, plan manager, employer): the Xero contact invoiced. */
  billTo: z
    .strictObject({
      id: recordIdSchema.optional(),
      name: text(255),
      email: z.email('not an e-mail address').max(255).optional(),
    })
    .optional(),
  amountsAre: amountsAreSchema,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a three-letter currency code such as AUD')
    .optional(),
  lines: z.array(invoiceLineSchema).min(1, 'an invoice has at least one line').max(500, 'at most 500 lines'),
  /** What the PMS says the invoice totals, tax included. */
  total: moneySchema,
  deleted: z.literal(true).optional(),
  /** The invoice's page in the PMS; Xero shows it as a link back (at most 2000 characters there). */
  url: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL' })
    .max(2000, 'at most 2000 characters')
    .optional(),
});

/**
 * One share of a payment: `invoiceId` (money paid against an invoice) or `creditNoteId` (money
 * paid out against a credit note: a refund), and the amount.
 */
export const allocationSchema = z
  .strictObject({
    invoiceId: recordIdSchema.optional(),
    creditNoteId: recordIdSchema.optional(),
    amount: moneySchema,
  })
  .refine((a) => (a.invoiceId === undefined) !== (a.creditNoteId === undefined), {
    error: 'an allocation names either invoiceId or creditNoteId',
    path: ['invoiceId'],
  })
  .transform((a): { invoiceId: string; amount: string } | { creditNoteId: string; amount: string } =>
    a.invoiceId !== undefined
      ? { invoiceId: a.invoiceId, amount: a.amount }
      : { creditNoteId: a.creditNoteId!, amount: a.amount },
  );

export const paymentSchema = z.strictObject({
  id: recordIdSchema,
  /** The PMS's payment type (Cash, EFTPOS, HICAPS, …): picks the Xero payment account. */
  method: text(100),
  date: isoDateSchema,
  amount: moneySchema,
  reference: text(200).optional(),
  allocations: z.array(allocationSchema).max(500),
  deleted: z.literal(true).optional(),
  /** The payment's page in the PMS. */
  url: pmsUrlSchema.optional(),
});

export const creditNoteSchema = z.strictObject({
  id: recordIdSchema,
  number: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/#-]{0,39}$/, '1–40 letters, digits or . _ / # -'),
  date: isoDateSchema,
  patientId: recordIdSchema,
  invoiceId: recordIdSchema.optional(),
  clinic: partySchema,
  amountsAre: amountsAreSchema,
  lines: z.array(creditNoteLineSchema).min(1, 'a credit note has at least one line').max(500),
  total: moneySchema,
  deleted: z.literal(true).optional(),
  /** The credit note's page in the PMS. */
  url: pmsUrlSchema.optional(),
});

/** The whole document, as JSON Schema exports it and as a file a user or the harness hands over. */
export const practiceRecordsSchema = z.strictObject({
  format: z.literal(RECORDS_FORMAT),
  source: sourceSchema,
  patients: z.array(patientSchema).optional(),
  invoices: z.array(invoiceSchema).optional(),
  payments: z.array(paymentSchema).optional(),
  creditNotes: z.array(creditNoteSchema).optional(),
});

export type Source = z.infer<typeof sourceSchema>;
export type Patient = z.infer<typeof patientSchema>;
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;
export type Invoice = z.infer<typeof invoiceSchema>;
export type Allocation = z.infer<typeof allocationSchema>;
export type Payment = z.infer<typeof paymentSchema>;
export type CreditNote = z.infer<typeof creditNoteSchema>;
export type PracticeRecords = z.infer<typeof practiceRecordsSchema>;

/** The four kinds of record, by the name of their array. */
export const RECORD_KINDS = ['patients', 'invoices', 'payments', 'creditNotes'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RecordOfKind {
  patients: Patient;
  invoices: Invoice;
  payments: Payment;
  creditNotes: CreditNote;
}

export const recordSchemas = {
  patients: patientSchema,
  invoices: invoiceSchema,
  payments: paymentSchema,
  creditNotes: creditNoteSchema,
} as const satisfies { [K in RecordKind]: z.ZodType<RecordOfKind[K]> };
