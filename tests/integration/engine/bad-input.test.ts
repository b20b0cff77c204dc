import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordError } from '../../../lib/records/validate';
import {
  AU_PROFILE,
  baseDocument,
  type Doc,
  deleteAt,
  expectedHoldings,
  getAt,
  type Kind,
  parsePath,
  queuedWork,
  setAt,
  storedRecords,
  TARGETS,
  xeroHolds,
} from '../../support/bad-records';
import { books, invoice, patient, records, SOURCE, startWorld, type World } from '../../support/engine-world';
import { profileInvoice } from '../../support/org-profiles';

/**
 * Bad input (issue 5, §1 and §10): malformed records never reach the queue or Xero. Each case
 * breaks one thing in a valid submission and hands it to a real engine on the emulator; the
 * engine must name the record and field with a readable message, queue nothing of that record
 * (and exactly what it would queue without it), and after a drain Xero must hold the good
 * documents and nothing of the bad one. A broken envelope refuses the whole submission.
 */

interface BadCase {
  name: string;
  /** The kind of the broken record, or null when the envelope is broken (everything refused). */
  target: Kind | null;
  /** The broken record's position, when it is not the base document's target (an added duplicate). */
  index?: number;
  build: () => unknown;
  /** Errors that must be reported, each by its exact path. */
  errors: { path: string; message: string | RegExp }[];
  /** The broken record's own id is still someone else's (a duplicate): do not ask for its status. */
  idTaken?: boolean;
}

const KINDS: readonly Kind[] = ['patients', 'invoices', 'payments', 'creditNotes'];
const MB10 = 10 * 1024 * 1024;

function show(value: unknown): string {
  if (typeof value === 'string' && value.length > 60)
    return `${(value.length / 1024 / 1024).toFixed(0)} MB of text`;
  if (typeof value === 'number') return `${String(value)} (a JSON number)`;
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function targetOf(path: string): Kind | null {
  const [head, index] = parsePath(path);
  if (!KINDS.includes(head as Kind) || typeof index !== 'number') return null;
  if (index !== TARGETS[head as Kind].index) throw new Error(`${path} does not address the broken record`);
  return head as Kind;
}

/** Sets a field (to a wrong type, a bad value…); the error is expected at that path unless told. */
function set(
  path: string,
  value: unknown,
  message: string | RegExp,
  options: { errorPath?: string; name?: string } = {},
): BadCase {
  return {
    name: options.name ?? `${path} = ${show(value)}`,
    target: targetOf(path),
    build: () => {
      const doc = baseDocument();
      setAt(doc, path, value);
      return doc;
    },
    errors: [{ path: options.errorPath ?? path, message }],
  };
}

function drop(path: string, message: string | RegExp = /required|expected \w+, received undefined/): BadCase {
  return {
    name: `without ${path}`,
    target: targetOf(path),
    build: () => {
      const doc = baseDocument();
      deleteAt(doc, path);
      return doc;
    },
    errors: [{ path, message }],
  };
}

/** An extra field on an object: strict records name it. */
function extra(objectPath: string, field: string, value: unknown = 'x'): BadCase {
  return {
    name: `${objectPath}.${field}, a field the format does not have`,
    target: targetOf(objectPath),
    build: () => {
      const doc = baseDocument();
      (getAt(doc, objectPath) as Record<string, unknown>)[field] = value;
      return doc;
    },
    errors: [{ path: objectPath, message: `unknown field ${field}` }],
  };
}

/** Any change to the base document, for what a single field cannot say. */
function custom(
  name: string,
  target: Kind | null,
  change: (doc: Doc) => unknown,
  errors: BadCase['errors'],
  more: Partial<BadCase> = {},
): BadCase {
  return {
    name,
    target,
    build: () => {
      const doc = baseDocument();
      const changed = change(doc);
      return changed === undefined ? doc : changed;
    },
    errors,
    ...more,
  };
}

const P = 'patients[1]';
const I = 'invoices[1]';
const L = 'invoices[1].lines[1]';
const PAY = 'payments[0]';
const C = 'creditNotes[0]';

const HTML = /HTML is not accepted/;
const CONTROL = /control characters/;
const JSON_NUMBER = /not a JSON number/;
const NOT_A_DATE = /not a date \(YYYY-MM-DD\)/;
const BAD_ID = /an id is 1–64 letters, digits or \. _ : \/ # -/;
const NOT_DECIMAL = /^not a decimal$/;

const gstLine = (unitPrice: string, description = 'Adjustment') => ({
  description,
  category: 'Products',
  quantity: '1',
  unitPrice,
  tax: { name: 'GST', ratePercent: '10' },
});

const CASES: BadCase[] = [
  // ── Patients ──────────────────────────────────────────────────────────────────────────────
  set(`${P}.id`, 1002, 'must be a string id'),
  drop(`${P}.id`, 'required'),
  set(`${P}.id`, '10 02', BAD_ID),
  set(`${P}.id`, '', BAD_ID),
  set(`${P}.id`, 'x'.repeat(65), BAD_ID, { name: `${P}.id of 65 characters` }),
  set(`${P}.id`, '<1002>', BAD_ID),
  drop(`${P}.firstName`, 'required'),
  set(`${P}.firstName`, 42, 'must be text'),
  set(`${P}.firstName`, ['John'], 'must be text'),
  set(`${P}.firstName`, '<b>John</b>', HTML),
  set(`${P}.lastName`, '<script>alert(1)</script>', HTML),
  set(`${P}.lastName`, 'Smith<img src=x onerror=alert(1)>', HTML),
  set(`${P}.firstName`, 'Jo\u0000hn', CONTROL),
  set(`${P}.lastName`, 'Smith\nDROP TABLE', CONTROL),
  set(`${P}.firstName`, '   ', 'must not be empty'),
  set(`${P}.lastName`, 'S'.repeat(256), 'at most 255 characters', {
    name: `${P}.lastName of 256 characters`,
  }),
  set(`${P}.email`, 'john at example.com', 'not an e-mail address'),
  set(`${P}.email`, 12345, /not an e-mail address|expected string/),
  set(`${P}.phone`, 'call me maybe', 'digits, spaces and + ( ) - . only'),
  set(`${P}.dateOfBirth`, '1984-02-30', NOT_A_DATE),
  set(`${P}.dateOfBirth`, '03/02/1984', NOT_A_DATE),
  set(`${P}.dateOfBirth`, 444_614_400_000, NOT_A_DATE),
  set(`${P}.address`, '12 Harbour St, Sydney', /expected object/),
  set(`${P}.address`, { city: 'Sydney' }, 'required', { errorPath: `${P}.address.line1` }),
  set(`${P}.address`, { line1: '12 Harbour St', city: '<i>Sydney</i>' }, HTML, {
    errorPath: `${P}.address.city`,
  }),
  extra(`${P}`, 'medicareNumber', '2123 45670 1'),
  set(P, null, /expected object/),
  set(P, 'John Smith', /expected object/),
  set(P, ['1002', 'John', 'Smith'], /expected object/),

  // ── Invoices ──────────────────────────────────────────────────────────────────────────────
  drop(`${I}.id`, 'required'),
  set(`${I}.id`, 5002, 'must be a string id'),
  set(`${I}.id`, 'INV 5002', BAD_ID),
  set(`${I}.number`, 'INV 5002', '1–40 letters, digits or . _ / # -'),
  set(`${I}.number`, 5002, /expected string/),
  drop(`${I}.number`),
  drop(`${I}.issueDate`, NOT_A_DATE),
  set(`${I}.issueDate`, '2026-13-01', NOT_A_DATE),
  set(`${I}.issueDate`, '2 Nov 2026', NOT_A_DATE),
  set(`${I}.issueDate`, '2026-11-02T09:30:00Z', NOT_A_DATE),
  set(`${I}.issueDate`, 20261102, NOT_A_DATE),
  set(`${I}.dueDate`, '2026-11-01', 'is before the issue date'),
  drop(`${I}.patientId`, 'required'),
  set(`${I}.patientId`, 1002, 'must be a string id'),
  drop(`${I}.clinic`),
  set(`${I}.clinic`, 'cbd', /expected object/),
  set(`${I}.clinic.name`, '<img src=x onerror=alert(1)>', HTML),
  set(`${I}.clinic.id`, '', BAD_ID),
  set(`${I}.practitioner.name`, 'Dr Sam\u0007 Lee', CONTROL),
  extra(`${I}.practitioner`, 'ahpra', 'PHY0001234567'),
  set(`${I}.billTo`, { name: '<a href="https://evil.example">NDIS</a>' }, HTML, {
    errorPath: `${I}.billTo.name`,
  }),
  set(`${I}.billTo`, { name: 'NDIS plan manager', email: 'plans@' }, 'not an e-mail address', {
    errorPath: `${I}.billTo.email`,
  }),
  set(`${I}.amountsAre`, 'gross', 'must be "exclusive" or "inclusive"'),
  drop(`${I}.amountsAre`, 'must be "exclusive" or "inclusive"'),
  set(`${I}.currency`, 'aud', 'a three-letter currency code such as AUD'),
  drop(`${I}.lines`),
  set(`${I}.lines`, [], 'an invoice has at least one line'),
  set(`${I}.lines`, { 0: gstLine('12.5000') }, /expected array/, { name: `${I}.lines as an object` }),
  custom(
    `${I} with 501 lines`,
    'invoices',
    (doc) => {
      setAt(
        doc,
        `${I}.lines`,
        Array.from({ length: 501 }, () => gstLine('0.1000')),
      );
      setAt(doc, `${I}.total`, '50.10');
    },
    [{ path: `${I}.lines`, message: 'at most 500 lines' }],
  ),
  set(L, null, /expected object/),
  drop(`${L}.description`, 'required'),
  set(`${L}.description`, '<b>Theraband</b>', 'must not contain HTML'),
  set(`${L}.description`, 'Theraband <script>steal()</script>', 'must not contain HTML'),
  set(`${L}.description`, 'Thera\u0000band', 'must not contain control characters'),
  set(`${L}.description`, 'D'.repeat(4001), 'at most 4000 characters', {
    name: `${L}.description of 4001 characters`,
  }),
  drop(`${L}.category`, 'required'),
  set(`${L}.category`, '<Products>', HTML),
  set(`${L}.quantity`, 2, JSON_NUMBER),
  set(`${L}.quantity`, '2.00005', 'at most 4 decimal places'),
  set(`${L}.quantity`, '', NOT_DECIMAL),
  set(`${L}.quantity`, '2e0', NOT_DECIMAL),
  set(`${L}.unitPrice`, 12.5, JSON_NUMBER),
  set(`${L}.unitPrice`, 0.1 + 0.2, JSON_NUMBER),
  set(`${L}.unitPrice`, String(0.1 + 0.2), 'at most 4 decimal places'),
  set(`${L}.unitPrice`, '12.50001', 'at most 4 decimal places'),
  set(`${L}.unitPrice`, '12,50', NOT_DECIMAL),
  set(`${L}.unitPrice`, '$12.50', NOT_DECIMAL),
  set(`${L}.unitPrice`, 'NaN', NOT_DECIMAL),
  set(`${L}.unitPrice`, '12345678901234.00', 'at most 9,999,999,999.99, the most Xero takes'),
  drop(`${L}.unitPrice`, 'required'),
  set(`${L}.discountPercent`, '10.005', 'at most 2 decimal places'),
  set(`${L}.discountPercent`, '150', 'at most 100'),
  set(`${L}.discountPercent`, '-5', 'must not be negative'),
  set(`${L}.discountPercent`, 10, JSON_NUMBER),
  custom(
    `${L} with both discountPercent and discountAmount`,
    'invoices',
    (doc) => {
      setAt(doc, `${L}.discountPercent`, '10');
      setAt(doc, `${L}.discountAmount`, '2.50');
    },
    [
      {
        path: `${L}.discountAmount`,
        message: 'a line has either discountPercent or discountAmount, not both',
      },
    ],
  ),
  set(`${L}.discountAmount`, 2.5, JSON_NUMBER),
  set(`${L}.discountAmount`, '2.505', 'at most 2 decimal places'),
  drop(`${L}.tax`),
  set(`${L}.tax`, 'GST', /expected object/),
  set(`${L}.tax.ratePercent`, 10, JSON_NUMBER),
  set(`${L}.tax.ratePercent`, '110', 'at most 100'),
  set(`${L}.tax.name`, '<GST>', HTML),
  extra(L, 'taxAmount', '2.27'),
  set(`${L}.itemCode`, '<TB-M>', '1–64 characters, no < or >'),
  set(`${I}.total`, 120, JSON_NUMBER),
  set(`${I}.total`, 120.00000000000001, JSON_NUMBER),
  set(`${I}.total`, '120.001', 'at most 2 decimal places'),
  set(`${I}.total`, '-120.00', 'must not be negative'),
  custom(
    `${I} totalling less than zero (lines and total)`,
    'invoices',
    (doc) => {
      setAt(doc, `${I}.lines`, [gstLine('-10.0000', 'Refund of overcharge')]);
      setAt(doc, `${I}.total`, '-10.00');
    },
    [{ path: `${I}.total`, message: 'must not be negative' }],
  ),
  set(`${I}.total`, '120.06', /^120\.06 is 0\.06 away from what its lines add up to \(120\.00\)/),
  set(`${I}.total`, '119.94', /^119\.94 is 0\.06 away from what its lines add up to \(120\.00\)/),
  set(`${I}.total`, '1200.00', /^1200\.00 is 1080\.00 away from what its lines add up to \(120\.00\)/),
  drop(`${I}.total`, 'required'),
  set(`${I}.deleted`, false, /expected true/),
  set(`${I}.deleted`, 'yes', /expected true/),
  set(`${I}.url`, 'javascript:alert(document.cookie)', 'an http(s) URL'),
  set(`${I}.url`, 'ftp://files.example/5002.pdf', 'an http(s) URL'),
  extra(I, 'status', 'PAID'),
  set(I, null, /expected object/),
  set(I, 'INV-5002', /expected object/),
  set(I, 5002, /expected object/),

  // ── Payments ──────────────────────────────────────────────────────────────────────────────
  drop(`${PAY}.id`, 'required'),
  drop(`${PAY}.method`, 'required'),
  set(`${PAY}.method`, '<EFTPOS>', HTML),
  set(`${PAY}.date`, '2026-02-29', NOT_A_DATE),
  drop(`${PAY}.date`, NOT_A_DATE),
  set(`${PAY}.amount`, 50, JSON_NUMBER),
  set(`${PAY}.amount`, '-50.00', 'must not be negative'),
  custom(
    `${PAY} of 0.00`,
    'payments',
    (doc) => {
      setAt(doc, `${PAY}.amount`, '0.00');
      setAt(doc, `${PAY}.allocations`, []);
    },
    [{ path: `${PAY}.amount`, message: 'must be more than 0' }],
  ),
  set(`${PAY}.amount`, '50.001', 'at most 2 decimal places'),
  drop(`${PAY}.allocations`),
  set(`${PAY}.allocations`, { invoiceId: '5001', amount: '50.00' }, /expected array/, {
    name: `${PAY}.allocations as an object`,
  }),
  set(`${PAY}.allocations[0].amount`, '0.00', 'must be more than 0'),
  set(`${PAY}.allocations[0].amount`, '-50.00', 'must not be negative'),
  set(`${PAY}.allocations[0].amount`, '50.005', 'at most 2 decimal places'),
  set(`${PAY}.allocations[0].amount`, '60.00', "allocate 60.00, more than the payment's 50.00", {
    errorPath: `${PAY}.allocations`,
    name: `${PAY} allocating 60.00 of 50.00`,
  }),
  custom(
    `${PAY} allocating 30.00 + 30.00 of 50.00 over two invoices`,
    'payments',
    (doc) =>
      setAt(doc, `${PAY}.allocations`, [
        { invoiceId: '5001', amount: '30.00' },
        { invoiceId: '5002', amount: '30.00' },
      ]),
    [{ path: `${PAY}.allocations`, message: "allocate 60.00, more than the payment's 50.00" }],
  ),
  set(
    `${PAY}.allocations[0]`,
    { invoiceId: '5001', creditNoteId: '7001', amount: '50.00' },
    'an allocation names either invoiceId or creditNoteId',
    { errorPath: `${PAY}.allocations[0].invoiceId` },
  ),
  set(`${PAY}.allocations[0]`, { amount: '50.00' }, 'an allocation names either invoiceId or creditNoteId', {
    errorPath: `${PAY}.allocations[0].invoiceId`,
  }),
  custom(
    `${PAY} naming invoice 5001 twice`,
    'payments',
    (doc) =>
      setAt(doc, `${PAY}.allocations`, [
        { invoiceId: '5001', amount: '25.00' },
        { invoiceId: '5001', amount: '25.00' },
      ]),
    [{ path: `${PAY}.allocations`, message: 'name the same document twice; add the amounts together' }],
  ),
  set(`${PAY}.reference`, 'Terminal\u001b[2J', CONTROL),
  extra(PAY, 'surcharge', '1.50'),
  set(PAY, 42, /expected object/),

  // ── Credit notes ──────────────────────────────────────────────────────────────────────────
  drop(`${C}.number`),
  set(`${C}.date`, '2026-11-31', NOT_A_DATE),
  set(`${C}.patientId`, 'patient 1001', BAD_ID),
  set(`${C}.invoiceId`, 5001, 'must be a string id'),
  set(`${C}.amountsAre`, 'Inclusive', 'must be "exclusive" or "inclusive"'),
  set(`${C}.clinic.name`, 'Harbourside <CBD>', HTML),
  set(`${C}.lines`, [], 'a credit note has at least one line'),
  set(`${C}.lines[0].unitPrice`, 20, JSON_NUMBER),
  set(`${C}.lines[0].quantity`, '1.00000', 'at most 4 decimal places'),
  set(`${C}.total`, '-20.00', 'must not be negative'),
  set(`${C}.total`, '20.10', /^20\.10 is 0\.10 away from what its lines add up to \(20\.00\)/),
  set(`${C}.total`, 20, JSON_NUMBER),
  extra(C, 'reason', 'Patient unhappy'),
  set(C, [], /expected object/),

  // ── Duplicate ids in one submission: the second is refused, the first goes ahead ────────────
  custom(
    'invoice 5002 twice, the second with another total',
    'invoices',
    (doc) => {
      doc.invoices.push(
        invoice('5002', '1002', { total: '95.00', lines: [invoice('5002', '1002').lines[0]!] }),
      );
    },
    [{ path: 'invoices[2].id', message: '"5002" appears more than once in this submission' }],
    { index: 2, idTaken: true },
  ),
  custom(
    'patient 1001 twice',
    'patients',
    (doc) => {
      doc.patients.push(patient('1001', 'Janet', 'Citizen'));
    },
    [{ path: 'patients[2].id', message: '"1001" appears more than once in this submission' }],
    { index: 2, idTaken: true },
  ),

  // ── 10 MB in one record: that record is refused, the rest go ahead ────────────────────────
  set(`${L}.description`, 'x'.repeat(MB10), 'at most 4000 characters'),
  set(`${P}.firstName`, 'J'.repeat(MB10), 'at most 255 characters'),

  // ── The envelope: nothing of the submission is taken ─────────────────────────────────────
  set('format', 'practice-records/2', 'must be "practice-records/1"'),
  set('format', 'cliniko-export', 'must be "practice-records/1"'),
  drop('format', 'must be "practice-records/1"'),
  drop('source', /expected object/),
  set('source', 'cliniko', /expected object/),
  set('source.system', 'Cliniko!', 'lower-case letters, digits and -, up to 32'),
  set('source.account', '<harbourside>', 'letters, digits, . _ -, up to 63'),
  set('source.account', 'h'.repeat(MB10), 'letters, digits, . _ -, up to 63'),
  extra('source', 'region', 'au1'),
  set('invoices', { 0: invoice('5001', '1001') }, 'must be an array', { name: 'invoices as an object' }),
  set('patients', 'Jane Citizen', 'must be an array'),
  set('payments', null, 'must be an array'),
  custom('a field the format does not have at the top', null, (doc) => ({ ...doc, clinics: [] }), [
    { path: '(the submission)', message: 'unknown field clinics' },
  ]),
  custom('null instead of a submission', null, () => null, [
    { path: '(the submission)', message: /expected object/ },
  ]),
  custom('a string instead of a submission', null, () => JSON.stringify(baseDocument()), [
    { path: '(the submission)', message: /expected object/ },
  ]),
  custom('an array instead of a submission', null, (doc) => [doc], [
    { path: '(the submission)', message: /expected object/ },
  ]),
  custom('a number instead of a submission', null, () => 42, [
    { path: '(the submission)', message: /expected object/ },
  ]),
  custom(
    '10 MB submission of 6,500 patients',
    null,
    (doc) => {
      const address = {
        line1: 'A'.repeat(500),
        line2: 'B'.repeat(500),
        city: 'C'.repeat(255),
        region: 'D'.repeat(255),
      };
      doc.patients = Array.from({ length: 6_500 }, (_, i) => ({ ...patient(`p${i}`), address }));
      if (JSON.stringify(doc).length < MB10) throw new Error('the payload is meant to be 10 MB');
    },
    [
      {
        path: '(the submission)',
        message: '6504 records in one submission; at most 5000. Send them in parts.',
      },
    ],
  ),
];

/** Valid input that looks suspicious, and must go through to Xero as it is. */
const VALID_EDGES = [
  {
    name: 'a negative line (a rebate) on an invoice whose total stays positive',
    invoice: profileInvoice(AU_PROFILE, '6001', '1001', {
      lines: [...profileInvoice(AU_PROFILE, '6001', '1001').lines, gstLine('-5.0000', 'Loyalty rebate')],
      total: '115.00',
    }),
    total: '115.00',
  },
  {
    name: 'a rebate that brings the invoice to exactly zero',
    invoice: profileInvoice(AU_PROFILE, '6002', '1001', {
      lines: [
        { ...profileInvoice(AU_PROFILE, '6002', '1001').lines[0]!, unitPrice: '95.0000' },
        {
          ...profileInvoice(AU_PROFILE, '6002', '1001').lines[0]!,
          description: 'Goodwill',
          unitPrice: '-95.0000',
        },
      ],
      total: '0.00',
    }),
    total: '0.00',
  },
  {
    name: 'a returned item (negative quantity) on an invoice whose total stays positive',
    invoice: profileInvoice(AU_PROFILE, '6003', '1001', {
      lines: [
        ...profileInvoice(AU_PROFILE, '6003', '1001').lines,
        {
          ...profileInvoice(AU_PROFILE, '6003', '1001').lines[1]!,
          description: 'Theraband returned',
          quantity: '-1',
        },
      ],
      total: '107.50',
    }),
    total: '107.50',
  },
  {
    name: 'a total 5 c above what its lines add up to',
    invoice: profileInvoice(AU_PROFILE, '6004', '1001', { total: '120.05' }),
    total: '120.05',
  },
  {
    name: 'a total 4 c below what its lines add up to',
    invoice: profileInvoice(AU_PROFILE, '6005', '1001', { total: '119.96' }),
    total: '119.96',
  },
  {
    name: '"< 30 min" and "> 2 visits" in a line description',
    invoice: profileInvoice(AU_PROFILE, '6006', '1001', {
      lines: [
        { ...profileInvoice(AU_PROFILE, '6006', '1001').lines[0]!, description: 'Standard consult < 30 min' },
        {
          ...profileInvoice(AU_PROFILE, '6006', '1001').lines[1]!,
          description: 'Theraband (> 2 visits) & tape',
        },
      ],
    }),
    total: '120.00',
  },
];

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

function expectError(errors: RecordError[], expected: BadCase['errors'][number]) {
  expect(errors).toContainEqual(
    expect.objectContaining({
      path: expected.path,
      message:
        typeof expected.message === 'string'
          ? expect.stringContaining(expected.message)
          : expect.stringMatching(expected.message),
    }),
  );
}

const REF_KIND = {
  patients: 'patient',
  invoices: 'invoice',
  payments: 'payment',
  creditNotes: 'creditNote',
} as const;

describe('bad input is refused with clear errors; nothing of it is queued or sent', () => {
  it('covers at least 100 distinct malformed submissions', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('$name', async (c) => {
    const submission = c.build();
    const summary = await world.engine.submit(submission, { trigger: 'manual' });

    // Clear errors, naming the record and the field.
    for (const expected of c.errors) expectError(summary.errors, expected);
    for (const error of summary.errors) {
      expect(error.message).toMatch(/^\S.{2,299}$/s);
      expect(error.message).not.toMatch(/\[object |^Invalid input$/);
    }

    if (c.target === null) {
      // A broken envelope: nothing is taken, nothing is stored, nothing is queued or sent.
      expect(summary).toMatchObject({ accepted: 0, queued: 0, unchanged: 0, rejected: [] });
      expect(await storedRecords(world.db)).toEqual([]);
      expect(await queuedWork(world.db)).toEqual([]);
      await world.engine.drain();
      expect(world.engine.stats.calls).toBe(0);
      expect(xeroHolds(world)).toEqual(expectedHoldings('everything'));
      return;
    }

    // Every error is about the broken record, which is named by its id where it has one.
    const index = c.index ?? TARGETS[c.target].index;
    const at = `${c.target}[${index}]`;
    for (const error of summary.errors) {
      expect(error.path === at || error.path.startsWith(`${at}.`)).toBe(true);
      expect(error.kind).toBe(c.target);
    }

    // Exactly what the same submission without the broken record queues: nothing more.
    const without = structuredClone(submission) as Doc;
    without[c.target].splice(index, 1);
    const reference = world.another();
    const expected = await reference.engine.submit(without, { trigger: 'manual' });
    expect(expected.errors).toEqual([]);
    expect(summary.accepted).toBe(expected.accepted);
    expect(summary.queued).toBe(expected.queued);
    expect(summary.rejected).toEqual(expected.rejected);
    expect(await queuedWork(world.db)).toEqual(await queuedWork(reference.db));
    expect(await storedRecords(world.db)).toEqual(await storedRecords(reference.db));

    // After a drain, Xero holds the good documents and nothing of the broken one.
    await world.engine.drain();
    expect(xeroHolds(world)).toEqual(expectedHoldings(c.idTaken ? null : c.target));
    if (!c.idTaken) {
      const [status] = await world.engine.status([
        { source: SOURCE, kind: REF_KIND[c.target], id: TARGETS[c.target].id },
      ]);
      expect(status?.state).toBe('not-synced');
    }
  });
});

describe('bad input for documents already in Xero changes nothing there', () => {
  async function synced() {
    await world.engine.submit(baseDocument(), { trigger: 'manual' });
    await world.engine.drain();
    expect(xeroHolds(world)).toEqual(expectedHoldings(null));
    return { writes: world.engine.stats.writes, holds: structuredClone(books(world)) };
  }

  const AGAIN: BadCase[] = [
    set(`${P}.lastName`, 'Smith<script>', HTML),
    set(`${I}.total`, 95, JSON_NUMBER),
    set(`${I}.total`, '95.00', /^95\.00 is 25\.00 away/),
    set(`${PAY}.allocations[0].amount`, '75.00', "allocate 75.00, more than the payment's 50.00", {
      errorPath: `${PAY}.allocations`,
    }),
    set(`${C}.deleted`, 'true', /expected true/),
    set(`${I}.deleted`, 1, /expected true/),
  ];

  it.each(AGAIN)('$name', async (c) => {
    const before = await synced();
    const ops = await queuedWork(world.db);
    const summary = await world.engine.submit(c.build(), { trigger: 'manual' });
    for (const expected of c.errors) expectError(summary.errors, expected);
    expect(summary.queued).toBe(0);
    expect(await queuedWork(world.db)).toEqual(ops);
    await world.engine.drain();
    expect(world.engine.stats.writes).toBe(before.writes);
    expect(books(world).invoices).toEqual(before.holds.invoices);
    expect(books(world).contacts).toEqual(before.holds.contacts);
    expect(books(world).payments).toEqual(before.holds.payments);
    expect(books(world).creditNotes).toEqual(before.holds.creditNotes);
    const [status] = await world.engine.status([
      { source: SOURCE, kind: REF_KIND[c.target!], id: TARGETS[c.target!].id },
    ]);
    expect(status?.state).toBe('synced');
  });
});

describe('valid input that looks odd goes through as it is', () => {
  it.each(VALID_EDGES)('$name', async ({ invoice: edge, total }) => {
    const summary = await world.engine.submit(records({ patients: [patient('1001')], invoices: [edge] }), {
      trigger: 'manual',
    });
    expect(summary).toMatchObject({ accepted: 2, queued: 2, errors: [], rejected: [] });
    await world.engine.drain();
    const saved = books(world).invoices.filter((i) => i.InvoiceNumber === `HS-${edge.number}`);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.Total).toBe(total);
    expect(saved[0]!.LineItems.map((l) => l.Description)).toEqual(
      expect.arrayContaining(edge.lines.map((l) => l.description)),
    );
    const [status] = await world.engine.status([{ source: SOURCE, kind: 'invoice', id: edge.id }]);
    expect(status?.state).toBe('synced');
  });
});
