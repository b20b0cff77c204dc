import { notFound } from '../errors';
import { type EmulatorResponse, queryValue } from '../http';
import { batchResponse, type ElementResult } from './batch';
import { type Json, optArray, optEnum, optString, readElements } from './body';
import type { Address, ContactRecord, Phone, TenantBooks } from './books';
import { findAccountByCode, findContact, findTaxRate, replaceRecord, sameNumber } from './books';
import type { AccountingCall } from './contract';
import { listResponse } from './listing';
import { CONTACT_SCHEMA } from './schemas';
import { contactWire } from './serialize';
import { isGuid, newId, ok, queryFlag, queryList } from './wire';

/**
 * Contacts (reference §8): GET with paging/where/IDs/searchTerm/includeArchived/summaryOnly,
 * GET by ContactID or ContactNumber, PUT (create only), POST (create, or update by ContactID),
 * POST /Contacts/{id} (update, archive, un-archive).
 */

const ADDRESS_TYPES = ['POBOX', 'STREET', 'DELIVERY'] as const;
const PHONE_TYPES = ['DEFAULT', 'DDI', 'MOBILE', 'FAX', 'OFFICE'] as const;
const CONTACT_STATUSES = ['ACTIVE', 'ARCHIVED', 'GDPRREQUEST'] as const;

const TEXT_FIELDS = [
  'Name',
  'ContactNumber',
  'AccountNumber',
  'FirstName',
  'LastName',
  'EmailAddress',
  'CompanyNumber',
  'BankAccountDetails',
  'TaxNumber',
  'AccountsReceivableTaxType',
  'AccountsPayableTaxType',
  'DefaultCurrency',
  'SalesDefaultAccountCode',
  'PurchasesDefaultAccountCode',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** Max lengths from the OpenAPI `Contact` schema. */
const MAX_LENGTH: Partial<Record<TextField, number>> = {
  Name: 255,
  ContactNumber: 50,
  AccountNumber: 50,
  FirstName: 255,
  LastName: 255,
  CompanyNumber: 50,
  EmailAddress: 255,
  TaxNumber: 50,
};

interface ContactDraft {
  ContactID?: string;
  text: Partial<Record<TextField, string>>;
  ContactStatus?: (typeof CONTACT_STATUSES)[number];
  Addresses?: Address[];
  Phones?: Phone[];
  ContactPersons?: ContactRecord['ContactPersons'];
}

function readDraft(el: Json, path: string): ContactDraft {
  const text: ContactDraft['text'] = {};
  for (const field of TEXT_FIELDS) {
    const value = optString(el, field, path);
    // Name and ContactNumber are keys (uniqueness, look-ups), so they are stored trimmed.
    if (value !== undefined)
      text[field] = field === 'Name' || field === 'ContactNumber' ? value.trim() : value;
  }
  const addresses = optArray(el, 'Addresses', path)?.map((a, i) => {
    const p = `${path}.Addresses[${i}]`;
    const address: Address = {
      AddressType: optEnum(a, 'AddressType', ADDRESS_TYPES, 'AddressType', p) ?? 'POBOX',
    };
    for (const key of [
      'AddressLine1',
      'AddressLine2',
      'AddressLine3',
      'AddressLine4',
      'City',
      'Region',
      'PostalCode',
      'Country',
      'AttentionTo',
    ] as const) {
      const value = optString(a, key, p);
      if (value !== undefined) address[key] = value;
    }
    return address;
  });
  const phones = optArray(el, 'Phones', path)?.map((ph, i) => {
    const p = `${path}.Phones[${i}]`;
    const phone: Phone = { PhoneType: optEnum(ph, 'PhoneType', PHONE_TYPES, 'PhoneType', p) ?? 'DEFAULT' };
    for (const key of ['PhoneNumber', 'PhoneAreaCode', 'PhoneCountryCode'] as const) {
      const value = optString(ph, key, p);
      if (value !== undefined) phone[key] = value;
    }
    return phone;
  });
  const persons = optArray(el, 'ContactPersons', path)?.map((cp, i) => {
    const p = `${path}.ContactPersons[${i}]`;
    return {
      FirstName: optString(cp, 'FirstName', p),
      LastName: optString(cp, 'LastName', p),
      EmailAddress: optString(cp, 'EmailAddress', p),
      IncludeInEmails: cp.IncludeInEmails === true,
    };
  });
  return {
    ContactID: optString(el, 'ContactID', path),
    text,
    ContactStatus: optEnum(el, 'ContactStatus', CONTACT_STATUSES, 'ContactStatus', path),
    Addresses: addresses,
    Phones: phones,
    ContactPersons: persons,
  };
}

/** Addresses and phones are kept per type: sending a STREET address leaves the POBOX one alone. */
function mergeByType<T, K extends keyof T>(existing: T[], incoming: T[] | undefined, key: K): T[] {
  if (incoming === undefined) return existing.map((e) => ({ ...e }));
  const merged = existing.map((e) => ({ ...e }));
  for (const item of incoming) {
    const index = merged.findIndex((m) => m[key] === item[key]);
    if (index >= 0) merged[index] = { ...item };
    else merged.push({ ...item });
  }
  return merged;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

// Xero rejects addresses it cannot deliver to ("umlauts not supported", spec `Contact.EmailAddress`).
const EMAIL_RE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

function validate(books: TenantBooks, candidate: ContactRecord, selfId: string | undefined): string[] {
  const errors: string[] = [];
  const others = books.contacts.filter((c) => c.ContactID !== selfId);
  // Seen from Xero (xeroizer#380).
  if (candidate.Name.trim() === '') errors.push('Contact Name cannot be empty.');
  for (const [field, max] of Object.entries(MAX_LENGTH) as Array<[TextField, number]>) {
    const value = candidate[field];
    // Assumption: wording ours; the limits are the spec's.
    if (value !== undefined && value.length > max)
      errors.push(`${field} must not be longer than ${max} characters.`);
  }
  if (
    candidate.ContactStatus === 'ACTIVE' &&
    candidate.Name.trim() !== '' &&
    others.some((c) => c.ContactStatus === 'ACTIVE' && sameName(c.Name, candidate.Name))
  ) {
    errors.push(
      `The contact name ${candidate.Name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
    );
  }
  const number = candidate.ContactNumber;
  if (number && others.some((c) => sameNumber(c.ContactNumber, number))) {
    errors.push('Another contact has this contact number. Please enter a different contact number.');
  }
  if (candidate.EmailAddress && !EMAIL_RE.test(candidate.EmailAddress))
    errors.push('Email address must be valid.');
  for (const field of ['AccountsReceivableTaxType', 'AccountsPayableTaxType'] as const) {
    const code = candidate[field];
    if (code && findTaxRate(books, code)?.Status !== 'ACTIVE') {
      errors.push(`The TaxType code ${code} does not exist or cannot be used for this type of transaction.`);
    }
  }
  for (const field of ['SalesDefaultAccountCode', 'PurchasesDefaultAccountCode'] as const) {
    const code = candidate[field];
    if (code && findAccountByCode(books, code)?.Status !== 'ACTIVE') {
      errors.push(`Account code '${code}' is not a valid code for this document.`);
    }
  }
  if (candidate.DefaultCurrency && candidate.DefaultCurrency !== books.organisation.BaseCurrency) {
    // Assumption: only the base currency is enabled in the emulated organisations.
    errors.push(`The currency ${candidate.DefaultCurrency} is not enabled for this organisation.`);
  }
  return errors;
}

function buildCandidate(
  draft: ContactDraft,
  existing: ContactRecord | undefined,
  nowMs: number,
): ContactRecord {
  const base: ContactRecord = existing
    ? { ...existing }
    : {
        ContactID: newId(),
        ContactStatus: 'ACTIVE',
        Name: '',
        Addresses: [],
        Phones: [],
        ContactPersons: [],
        UpdatedDateUTC: nowMs,
      };
  for (const field of TEXT_FIELDS) {
    const value = draft.text[field];
    if (value === undefined) continue;
    if (field === 'Name') base.Name = value;
    else base[field] = value === '' ? undefined : value;
  }
  if (draft.ContactStatus === 'ACTIVE' || draft.ContactStatus === 'ARCHIVED')
    base.ContactStatus = draft.ContactStatus;
  base.Addresses = mergeByType(existing?.Addresses ?? [], draft.Addresses, 'AddressType');
  base.Phones = mergeByType(existing?.Phones ?? [], draft.Phones, 'PhoneType');
  if (draft.ContactPersons) base.ContactPersons = draft.ContactPersons;
  base.UpdatedDateUTC = nowMs;
  return base;
}

function processElement(
  books: TenantBooks,
  el: Json,
  draft: ContactDraft,
  mode: 'PUT' | 'POST',
  target: ContactRecord | undefined,
  nowMs: number,
): ElementResult {
  let existing = target;
  if (!existing && draft.ContactID !== undefined) {
    if (mode === 'PUT') {
      // Assumption (stricter reading of "PUT creates only"): an id on PUT is refused, not ignored.
      return {
        ok: false,
        echo: el,
        id: guidOrUndefined(draft.ContactID),
        errors: [
          'ContactID cannot be specified when creating a contact. Use POST to update an existing contact.',
        ],
      };
    }
    existing = isGuid(draft.ContactID) ? findContact(books, draft.ContactID) : undefined;
    if (!existing) {
      return {
        ok: false,
        echo: el,
        id: guidOrUndefined(draft.ContactID),
        errors: [`The contact with ContactID '${draft.ContactID}' could not be found.`],
      };
    }
  }
  const errors: string[] = [];
  if (draft.ContactStatus === 'GDPRREQUEST') {
    // Assumption: GDPR erasure is requested in Xero's UI, never through the API.
    errors.push('ContactStatus GDPRREQUEST cannot be set through the API.');
  }
  const candidate = buildCandidate(draft, existing, nowMs);
  errors.push(...validate(books, candidate, existing?.ContactID));
  // A failed update answers with the contact's real id; a failed create with the zero GUID.
  if (errors.length > 0) return { ok: false, echo: el, errors, id: existing?.ContactID };
  if (existing) replaceRecord(books.contacts, existing, candidate);
  else books.contacts.push(candidate);
  return { ok: true, wire: contactWire(books, candidate), warnings: [] };
}

/** The id an element named, when it is one (lower-cased like every stored id). */
const guidOrUndefined = (id: string | undefined): string | undefined =>
  id !== undefined && isGuid(id.trim()) ? id.trim().toLowerCase() : undefined;

/** A contact by ContactID (GUID shape) or ContactNumber (trimmed, case-insensitive, like its uniqueness). */
function lookup(books: TenantBooks, key: string): ContactRecord | undefined {
  const trimmed = key.trim();
  if (trimmed === '') return undefined;
  if (isGuid(trimmed)) return findContact(books, trimmed);
  return books.contacts.find((c) => sameNumber(c.ContactNumber, trimmed));
}

export function getContacts(
  call: AccountingCall,
  books: TenantBooks,
  key: string | undefined,
): EmulatorResponse {
  const { query } = call.request;
  if (key !== undefined) {
    const contact = lookup(books, key);
    return contact ? ok(call, 'Contacts', [contactWire(books, contact)]) : notFound();
  }
  const includeArchived = queryFlag(query, 'includeArchived');
  const summaryOnly = queryFlag(query, 'summaryOnly');
  const ids = queryList(query, 'IDs')?.map((id) => id.toLowerCase());
  const term = queryValue(query, 'searchTerm')?.trim().toLowerCase();
  return listResponse(call, {
    plural: 'Contacts',
    schema: CONTACT_SCHEMA,
    records: books.contacts,
    id: (c) => c.ContactID,
    updated: (c) => c.UpdatedDateUTC,
    wire: (c) => contactWire(books, c, summaryOnly),
    pageable: true,
    filter: (c) =>
      (includeArchived || c.ContactStatus !== 'ARCHIVED') &&
      (ids === undefined || ids.includes(c.ContactID)) &&
      (!term ||
        [c.Name, c.FirstName, c.LastName, c.ContactNumber, c.EmailAddress, c.CompanyNumber].some((v) =>
          v?.toLowerCase().includes(term),
        )),
  });
}

export function writeContacts(
  call: AccountingCall,
  books: TenantBooks,
  mode: 'PUT' | 'POST',
  key: string | undefined,
): EmulatorResponse {
  let target: ContactRecord | undefined;
  if (key !== undefined) {
    target = lookup(books, key);
    if (!target) return notFound();
  }
  const elements = readElements(call.request.rawBody, 'Contacts', 'Contact');
  // Read every element before committing any, so an unreadable body changes nothing.
  const drafts = elements.map((el, i) => readDraft(el, `Contacts[${i}]`));
  const nowMs = call.now.getTime();
  const results = elements.map((el, i) =>
    processElement(
      books,
      el,
      drafts[i] as ContactDraft,
      mode,
      target && findContact(books, target.ContactID),
      nowMs,
    ),
  );
  return batchResponse(
    call,
    { plural: 'Contacts', idField: 'ContactID', errorFlag: 'HasValidationErrors' },
    results,
  );
}
