import type { XeroEmulator } from '../../emulator/xero/server';
import { dec, sum } from '../../lib/money/decimal';

type Records = ReturnType<typeof import('../../scripts/harness/dataset').clinicDataset>;

/**
 * What Xero must hold after a set of records went through the engine, checked against the
 * emulator's books: every document exactly once, every total and amount paid as in the PMS.
 * Returns the differences (an empty list when the books are exactly right).
 */
export function differences(
  xero: XeroEmulator,
  tenantId: string,
  data: Records,
  prefixes: { invoice: string; creditNote: string },
): string[] {
  const books = xero.state.books.get(tenantId)!;
  const problems: string[] = [];
  const contactsByNumber = new Map<string, number>();
  for (const c of books.contacts)
    if (c.ContactNumber)
      contactsByNumber.set(c.ContactNumber, (contactsByNumber.get(c.ContactNumber) ?? 0) + 1);
  const patientIds = new Set(data.invoices.map((i) => i.patientId));
  for (const id of patientIds) {
    const count = contactsByNumber.get(`cliniko:harbourside:${id}`) ?? 0;
    if (count !== 1) problems.push(`contact of patient ${id}: ${count} in Xero`);
  }
  const ourContacts = books.contacts.filter((c) => c.ContactNumber?.startsWith('cliniko:harbourside:'));
  if (ourContacts.length !== patientIds.size)
    problems.push(`${ourContacts.length} contacts for ${patientIds.size} patients`);

  const invoices = new Map(books.invoices.map((i) => [i.InvoiceNumber, i]));
  const ours = books.invoices.filter((i) => i.InvoiceNumber.startsWith(prefixes.invoice));
  if (ours.length !== data.invoices.length)
    problems.push(`${ours.length} invoices for ${data.invoices.length}`);
  const credits = data.creditNotes.length;
  const ourCredits = books.creditNotes.filter((c) => c.CreditNoteNumber.startsWith(prefixes.creditNote));
  if (ourCredits.length !== credits) problems.push(`${ourCredits.length} credit notes for ${credits}`);

  for (const invoice of data.invoices) {
    const inXero = invoices.get(`${prefixes.invoice}${invoice.number}`);
    if (!inXero) {
      problems.push(`invoice ${invoice.number} missing`);
      continue;
    }
    const live = books.payments.filter((p) => p.InvoiceID === inXero.InvoiceID && p.Status !== 'DELETED');
    const expected = data.payments.filter((p) =>
      p.allocations.some((a) => 'invoiceId' in a && a.invoiceId === invoice.id),
    );
    if (live.length !== expected.length)
      problems.push(`invoice ${invoice.number}: ${live.length} payments for ${expected.length}`);
    if (!dec(inXero.Total).eq(dec(invoice.total)))
      problems.push(`invoice ${invoice.number}: total ${inXero.Total} for ${invoice.total}`);
    const paid = sum(live.map((p) => dec(p.Amount)));
    const expectedPaid = sum(expected.map((p) => dec(p.amount)));
    if (!paid.eq(expectedPaid)) problems.push(`invoice ${invoice.number}: paid ${paid} for ${expectedPaid}`);
    const credit = data.creditNotes.find((c) => c.invoiceId === invoice.id);
    const allocated = books.creditNotes
      .filter((c) => c.Status !== 'VOIDED')
      .flatMap((c) => c.Allocations.filter((a) => a.InvoiceID === inXero.InvoiceID));
    if ((credit ? 1 : 0) !== allocated.length)
      problems.push(`invoice ${invoice.number}: ${allocated.length} allocations`);
    const creditNote =
      credit &&
      books.creditNotes.find((c) => c.CreditNoteNumber === `${prefixes.creditNote}${credit.number}`);
    if (credit && !creditNote) problems.push(`credit note ${credit.number} missing`);
  }
  return problems;
}
