import type { z } from 'zod';
import { dec } from '../../money/decimal';
import type {
  AccountClass,
  XeroAccountOption,
  XeroTaxRateOption,
  XeroTrackingCategoryOption,
} from '../../setup/lists';
import {
  accountsEnvelope,
  type ContactAnswer,
  type CreditNoteAnswer,
  contactsEnvelope,
  creditNotesEnvelope,
  type InvoiceAnswer,
  invoicesEnvelope,
  organisationEnvelope,
  type PaymentAnswer,
  paymentsEnvelope,
  taxRatesEnvelope,
  trackingCategoriesEnvelope,
  xeroDate,
} from './answers';

/** One Accounting API request; writes carry their exact body and an Idempotency-Key. */
export interface AccountingRequest<T> {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  tenantId: string;
  query?: Record<string, string>;
  /** Sent byte for byte (a retried batch must be identical for Xero's idempotency cache). */
  body?: string | null;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  schema: z.ZodType<T>;
}

/** Sends requests to Xero: the client with its token, through the per-organisation limiter. */
export interface AccountingTransport {
  send<T>(request: AccountingRequest<T>): Promise<T>;
}

/**
 * Xero refuses URLs beyond its length limit, and recommends looking documents up in groups of
 * about 40. Look-ups are split so that each query string stays under this many characters.
 */
const MAX_QUERY_CHARS = 2500;
const MAX_PER_LOOKUP = 40;

/** Splits values so that each group's rendered filter stays within the URL budget. */
export function chunkForQuery<T>(values: readonly T[], render: (group: T[]) => string): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const value of values) {
    const next = [...current, value];
    if (
      current.length > 0 &&
      (next.length > MAX_PER_LOOKUP || encodeURIComponent(render(next)).length > MAX_QUERY_CHARS)
    ) {
      groups.push(current);
      current = [value];
    } else {
      current = next;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A string literal in Xero's `where` language. */
export function whereString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const anyOf = (field: string, values: readonly string[]) =>
  values.map((v) => `${field}==${whereString(v)}`).join(' OR ');

export interface OrganisationAnswer {
  name: string;
  shortCode: string | null;
  baseCurrency: string;
  lockDate: string | null;
}

const ACCOUNT_CLASSES: readonly AccountClass[] = ['ASSET', 'EQUITY', 'EXPENSE', 'LIABILITY', 'REVENUE'];

function accountClass(value: string | null | undefined): AccountClass | null {
  const upper = (value ?? '').toUpperCase();
  return (ACCOUNT_CLASSES as readonly string[]).includes(upper) ? (upper as AccountClass) : null;
}

/** Xero's Accounting API, as far as the engine reads it: bulk look-ups, settings, paging. */
export class XeroAccounting {
  constructor(private readonly transport: AccountingTransport) {}

  async organisation(tenantId: string): Promise<OrganisationAnswer> {
    const body = await this.transport.send({
      method: 'GET',
      path: 'Organisation',
      tenantId,
      schema: organisationEnvelope,
    });
    const org = body.Organisations[0]!;
    const locks = [xeroDate(org.PeriodLockDate), xeroDate(org.EndOfYearLockDate)].filter(
      (d): d is string => d !== null,
    );
    return {
      name: org.Name,
      shortCode: org.ShortCode ?? null,
      baseCurrency: org.BaseCurrency,
      lockDate: locks.sort().at(-1) ?? null,
    };
  }

  async taxRates(
    tenantId: string,
  ): Promise<Record<string, { name: string; rate: string; active: boolean; canApplyToRevenue: boolean }>> {
    const rates = await this.taxRateList(tenantId);
    return Object.fromEntries(
      rates.map((rate) => [
        rate.taxType,
        {
          name: rate.name,
          rate: rate.rate,
          active: rate.status === 'ACTIVE',
          canApplyToRevenue: rate.canApplyToRevenue,
        },
      ]),
    );
  }

  /** Every tax rate with its status (deleted and archived ones too, so a mapping to one is named as such). */
  async taxRateList(tenantId: string): Promise<XeroTaxRateOption[]> {
    const body = await this.transport.send({
      method: 'GET',
      path: 'TaxRates',
      tenantId,
      schema: taxRatesEnvelope,
    });
    return body.TaxRates.map((rate) => ({
      taxType: rate.TaxType,
      name: rate.Name,
      status: rate.Status.toUpperCase(),
      rate: dec(rate.EffectiveRate).toFixed(4),
      canApplyToRevenue: rate.CanApplyToRevenue === true,
    }));
  }

  /** The chart of accounts, archived and deleted accounts included; accounts without a code are left out. */
  async accounts(tenantId: string): Promise<XeroAccountOption[]> {
    const body = await this.transport.send({
      method: 'GET',
      path: 'Accounts',
      tenantId,
      schema: accountsEnvelope,
    });
    return body.Accounts.filter((a) => (a.Code ?? '').trim() !== '').map((a) => ({
      code: a.Code!.trim(),
      name: a.Name,
      type: a.Type.toUpperCase(),
      class: accountClass(a.Class),
      status: a.Status.toUpperCase(),
      taxType: a.TaxType || null,
      enablePayments: a.EnablePaymentsToAccount === true,
      systemAccount: a.SystemAccount || null,
    }));
  }

  /** Tracking categories and their options, archived ones included (a mapping to one must be flagged). */
  async trackingCategories(tenantId: string): Promise<XeroTrackingCategoryOption[]> {
    const body = await this.transport.send({
      method: 'GET',
      path: 'TrackingCategories',
      tenantId,
      query: { includeArchived: 'true' },
      schema: trackingCategoriesEnvelope,
    });
    return body.TrackingCategories.map((c) => ({
      name: c.Name,
      status: c.Status.toUpperCase(),
      options: (c.Options ?? []).map((o) => ({ name: o.Name, status: (o.Status ?? 'ACTIVE').toUpperCase() })),
    }));
  }

  /** Contacts by ContactNumber, archived ones included (so they are reported, not duplicated). */
  async contactsByNumbers(tenantId: string, numbers: readonly string[]): Promise<ContactAnswer[]> {
    return this.contactsWhere(tenantId, 'ContactNumber', numbers);
  }

  async contactsByNames(tenantId: string, names: readonly string[]): Promise<ContactAnswer[]> {
    return this.contactsWhere(tenantId, 'Name', names);
  }

  private async contactsWhere(tenantId: string, field: string, values: readonly string[]) {
    const found: ContactAnswer[] = [];
    for (const group of chunkForQuery([...new Set(values)], (g) => anyOf(field, g))) {
      const body = await this.transport.send({
        method: 'GET',
        path: 'Contacts',
        tenantId,
        query: { where: anyOf(field, group), includeArchived: 'true', page: '1', pageSize: '1000' },
        schema: contactsEnvelope,
      });
      found.push(...body.Contacts);
    }
    return found;
  }

  /** Invoices with their lines, payments and amounts due (a paged query carries the lines). */
  async invoicesByNumbers(tenantId: string, numbers: readonly string[]): Promise<InvoiceAnswer[]> {
    return this.invoicesBy(tenantId, 'InvoiceNumbers', numbers);
  }

  async invoicesByIds(tenantId: string, ids: readonly string[]): Promise<InvoiceAnswer[]> {
    return this.invoicesBy(tenantId, 'IDs', ids);
  }

  private async invoicesBy(tenantId: string, parameter: string, values: readonly string[]) {
    const found: InvoiceAnswer[] = [];
    for (const group of chunkForQuery([...new Set(values)], (g) => g.join(','))) {
      const body = await this.transport.send({
        method: 'GET',
        path: 'Invoices',
        tenantId,
        query: { [parameter]: group.join(','), page: '1', pageSize: '1000', unitdp: '4' },
        schema: invoicesEnvelope,
      });
      found.push(...body.Invoices);
    }
    return found;
  }

  /** Credit notes by number (Xero has no list parameter for them: a `where` filter). */
  async creditNotesByNumbers(tenantId: string, numbers: readonly string[]): Promise<CreditNoteAnswer[]> {
    const found: CreditNoteAnswer[] = [];
    for (const group of chunkForQuery([...new Set(numbers)], (g) => anyOf('CreditNoteNumber', g))) {
      const body = await this.transport.send({
        method: 'GET',
        path: 'CreditNotes',
        tenantId,
        query: { where: anyOf('CreditNoteNumber', group), page: '1', pageSize: '1000', unitdp: '4' },
        schema: creditNotesEnvelope,
      });
      found.push(...body.CreditNotes);
    }
    return found;
  }

  async creditNote(tenantId: string, creditNoteId: string): Promise<CreditNoteAnswer | undefined> {
    const body = await this.transport.send({
      method: 'GET',
      path: `CreditNotes/${encodeURIComponent(creditNoteId)}`,
      tenantId,
      query: { unitdp: '4' },
      schema: creditNotesEnvelope,
    });
    return body.CreditNotes[0];
  }

  /** Payments by their exact Reference (the engine's references end with a tag naming the PMS payment). */
  async paymentsByReferences(tenantId: string, references: readonly string[]): Promise<PaymentAnswer[]> {
    const found: PaymentAnswer[] = [];
    for (const group of chunkForQuery([...new Set(references)], (g) => anyOf('Reference', g))) {
      const body = await this.transport.send({
        method: 'GET',
        path: 'Payments',
        tenantId,
        query: { where: anyOf('Reference', group), page: '1', pageSize: '1000' },
        schema: paymentsEnvelope,
      });
      found.push(...body.Payments);
    }
    return found;
  }

  /** Every payment created or changed since `since`, a page of up to 1,000 at a time. */
  async paymentsChangedSince(tenantId: string, since: Date): Promise<PaymentAnswer[]> {
    const found: PaymentAnswer[] = [];
    for (let page = 1; ; page++) {
      const body = await this.transport.send({
        method: 'GET',
        path: 'Payments',
        tenantId,
        query: { page: String(page), pageSize: '1000' },
        headers: { 'If-Modified-Since': since.toISOString().replace(/\.\d{3}Z$/, 'Z') },
        schema: paymentsEnvelope,
      });
      found.push(...body.Payments);
      if (body.Payments.length < 1000) return found;
    }
  }
}
