import { z } from 'zod';

/**
 * The parts of Xero's answers the engine reads, checked with zod. Loose objects: Xero sends
 * many more fields, and a new one must not break a sync. Amounts arrive as JSON numbers and are
 * turned into exact decimals by the caller (`dec`), never added up as floats.
 */
const messages = z.array(z.looseObject({ Message: z.string() })).optional();

/** Per-element outcome under `summarizeErrors=false`. */
const elementStatus = {
  StatusAttributeString: z.string().optional(),
  ValidationErrors: messages,
  Warnings: messages,
  HasErrors: z.boolean().optional(),
  HasValidationErrors: z.boolean().optional(),
};

const money = z.number();

export const contactAnswer = z.looseObject({
  ...elementStatus,
  ContactID: z.string(),
  ContactNumber: z.string().nullish(),
  Name: z.string().nullish(),
  EmailAddress: z.string().nullish(),
  ContactStatus: z.string().nullish(),
});

const paymentOnDocument = z.looseObject({
  PaymentID: z.string(),
  Amount: money.optional(),
  Reference: z.string().nullish(),
});

export const invoiceAnswer = z.looseObject({
  ...elementStatus,
  InvoiceID: z.string(),
  InvoiceNumber: z.string().nullish(),
  Status: z.string().nullish(),
  Total: money.nullish(),
  AmountDue: money.nullish(),
  Contact: z.looseObject({ ContactID: z.string().optional() }).nullish(),
  Payments: z.array(paymentOnDocument).nullish(),
});

export const creditNoteAnswer = z.looseObject({
  ...elementStatus,
  CreditNoteID: z.string(),
  CreditNoteNumber: z.string().nullish(),
  Status: z.string().nullish(),
  Total: money.nullish(),
  RemainingCredit: money.nullish(),
  Contact: z.looseObject({ ContactID: z.string().optional() }).nullish(),
  Allocations: z
    .array(
      z.looseObject({
        AllocationID: z.string().nullish(),
        Amount: money,
        Invoice: z.looseObject({ InvoiceID: z.string() }),
        IsDeleted: z.boolean().nullish(),
      }),
    )
    .nullish(),
  Payments: z.array(paymentOnDocument).nullish(),
});

export const paymentAnswer = z.looseObject({
  ...elementStatus,
  PaymentID: z.string(),
  Status: z.string().nullish(),
  Amount: money.nullish(),
  Reference: z.string().nullish(),
  Invoice: z.looseObject({ InvoiceID: z.string().optional() }).nullish(),
  CreditNote: z.looseObject({ CreditNoteID: z.string().optional() }).nullish(),
});

export const allocationAnswer = z.looseObject({
  ...elementStatus,
  AllocationID: z.string().nullish(),
  Amount: money.nullish(),
});

export const contactsEnvelope = z.looseObject({ Contacts: z.array(contactAnswer) });
export const invoicesEnvelope = z.looseObject({ Invoices: z.array(invoiceAnswer) });
export const creditNotesEnvelope = z.looseObject({ CreditNotes: z.array(creditNoteAnswer) });
export const paymentsEnvelope = z.looseObject({ Payments: z.array(paymentAnswer) });
export const allocationsEnvelope = z.looseObject({ Allocations: z.array(allocationAnswer) });

export const organisationEnvelope = z.looseObject({
  Organisations: z
    .array(
      z.looseObject({
        Name: z.string(),
        ShortCode: z.string().nullish(),
        BaseCurrency: z.string(),
        PeriodLockDate: z.string().nullish(),
        EndOfYearLockDate: z.string().nullish(),
      }),
    )
    .min(1),
});

export const taxRatesEnvelope = z.looseObject({
  TaxRates: z.array(
    z.looseObject({
      Name: z.string(),
      TaxType: z.string(),
      Status: z.string(),
      EffectiveRate: z.union([z.number(), z.string()]),
      CanApplyToRevenue: z.boolean().nullish(),
    }),
  ),
});

/** The chart of accounts (`GET /Accounts`): archived and deleted accounts are listed too. */
export const accountsEnvelope = z.looseObject({
  Accounts: z.array(
    z.looseObject({
      AccountID: z.string(),
      // Some accounts (a few system ones) have no code; they cannot be mapped and are left out.
      Code: z.string().nullish(),
      Name: z.string(),
      Type: z.string(),
      Status: z.string(),
      Class: z.string().nullish(),
      TaxType: z.string().nullish(),
      EnablePaymentsToAccount: z.boolean().nullish(),
      // Xero: "non-system accounts may have this element set as either "" or null".
      SystemAccount: z.string().nullish(),
    }),
  ),
});

const trackingOption = z.looseObject({
  TrackingOptionID: z.string().nullish(),
  Name: z.string(),
  Status: z.string().nullish(),
});

/** `GET /TrackingCategories?includeArchived=true`: categories with their options. */
export const trackingCategoriesEnvelope = z.looseObject({
  TrackingCategories: z.array(
    z.looseObject({
      TrackingCategoryID: z.string().nullish(),
      Name: z.string(),
      Status: z.string(),
      Options: z.array(trackingOption).nullish(),
    }),
  ),
});

export type ContactAnswer = z.infer<typeof contactAnswer>;
export type InvoiceAnswer = z.infer<typeof invoiceAnswer>;
export type CreditNoteAnswer = z.infer<typeof creditNoteAnswer>;
export type PaymentAnswer = z.infer<typeof paymentAnswer>;

export type ElementStatus = {
  StatusAttributeString?: string | undefined;
  ValidationErrors?: { Message: string }[] | undefined;
  HasErrors?: boolean | undefined;
  HasValidationErrors?: boolean | undefined;
};

/**
 * Whether Xero saved an element. Never judged by the id: a failed update comes back with the
 * document's real id and `HasErrors`, only a failed create with the all-zero id.
 */
export function elementSaved(element: ElementStatus): boolean {
  return (
    element.StatusAttributeString?.toUpperCase() !== 'ERROR' &&
    element.HasErrors !== true &&
    element.HasValidationErrors !== true &&
    (element.ValidationErrors ?? []).length === 0
  );
}

export function elementMessages(element: ElementStatus & { LineItems?: unknown }): string[] {
  const own = (element.ValidationErrors ?? []).map((e) => e.Message);
  const lines = Array.isArray(element.LineItems)
    ? element.LineItems.flatMap((line: { ValidationErrors?: { Message: string }[] }) =>
        (line?.ValidationErrors ?? []).map((e) => e.Message),
      )
    : [];
  return [...new Set([...own, ...lines])];
}

/** Xero writes dates as "/Date(1730505600000+0000)/"; the engine compares YYYY-MM-DD. */
export function xeroDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = /\/Date\((-?\d+)/.exec(value)?.[1];
  if (ms) return new Date(Number(ms)).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}
