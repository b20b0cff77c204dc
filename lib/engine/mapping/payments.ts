import { dec } from '../../money/decimal';
import type { Payment } from '../../records/schema';
import type { ClinicSettings } from '../../settings/sync-settings';
import type { XeroAllocationPayload, XeroPaymentPayload } from '../../xero/accounting/payloads';
import { wireNumber } from '../../xero/accounting/wire-json';
import type { Mapped } from './documents';
import { lockDateProblem, type OrganisationFacts } from './organisation';

/** The Xero account a payment of this method is paid into: the method's own, else the default. */
export function paymentAccountFor(settings: ClinicSettings, method: string): string | null {
  return settings.paymentAccounts[method] ?? settings.defaultPaymentAccount;
}

/** Xero shows the Reference on the bank line; ours ends with the tag that identifies the payment. */
export function paymentReference(payment: Payment, tag: string): string {
  const text = [payment.method, payment.reference].filter(Boolean).join(' ');
  const room = 255 - tag.length - 1;
  return `${text.length > room ? `${text.slice(0, room - 1).trimEnd()}…` : text} ${tag}`;
}

export interface PaymentContext {
  settings: ClinicSettings;
  org: OrganisationFacts;
  tag: string;
  /** What the money was paid against in Xero. */
  target: { InvoiceID: string } | { CreditNoteID: string };
  /** This allocation's share of the PMS payment. */
  amount: string;
}

/** One Xero payment per allocation of a PMS payment (or a refund, paid out against a credit note). */
export function mapPayment(payment: Payment, ctx: PaymentContext): Mapped<XeroPaymentPayload> {
  const what = `Payment ${payment.id}`;
  const lock = lockDateProblem(payment.date, ctx.org, what);
  if (lock) return { ok: false, reason: lock };
  const account = paymentAccountFor(ctx.settings, payment.method);
  if (!account) {
    return {
      ok: false,
      reason: `${what}: no Xero account is set for the payment method "${payment.method}" and there is no default payment account. Choose one in the settings, then retry.`,
    };
  }
  return {
    ok: true,
    value: {
      ...('InvoiceID' in ctx.target ? { Invoice: ctx.target } : { CreditNote: ctx.target }),
      Account: { Code: account },
      Date: payment.date,
      Amount: wireNumber(dec(ctx.amount)),
      Reference: paymentReference(payment, ctx.tag),
    },
  };
}

/** A credit note's allocation to its invoice, dated when both documents exist. */
export function mapAllocation(
  invoiceId: string,
  amount: string,
  creditNoteDate: string,
  invoiceDate: string,
): XeroAllocationPayload {
  return {
    Invoice: { InvoiceID: invoiceId },
    Amount: wireNumber(dec(amount)),
    Date: creditNoteDate > invoiceDate ? creditNoteDate : invoiceDate,
  };
}
