import type { WireNumber } from './wire-json';

/**
 * The request bodies the engine sends to Xero's Accounting API, field names as in Xero's
 * OpenAPI spec. Amounts are WireNumbers: exact decimal digits that `toWireJson` writes as the
 * JSON numbers Xero takes.
 */
export interface XeroTrackingRef {
  Name: string;
  Option: string;
}

export interface XeroLineItem {
  Description: string;
  Quantity: WireNumber;
  UnitAmount: WireNumber;
  DiscountRate?: WireNumber;
  DiscountAmount?: WireNumber;
  AccountCode: string;
  TaxType: string;
  Tracking?: XeroTrackingRef[];
}

export interface XeroContactPayload {
  ContactID?: string;
  ContactNumber?: string;
  Name?: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  Phones?: { PhoneType: 'DEFAULT' | 'MOBILE'; PhoneNumber: string }[];
  Addresses?: {
    AddressType: 'POBOX' | 'STREET';
    AddressLine1: string;
    AddressLine2?: string;
    City?: string;
    Region?: string;
    PostalCode?: string;
    Country?: string;
  }[];
}

export type XeroDocumentStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';

export interface XeroInvoicePayload {
  InvoiceID?: string;
  Type?: 'ACCREC';
  Contact?: { ContactID: string };
  Date?: string;
  DueDate?: string;
  InvoiceNumber?: string;
  Reference?: string;
  LineAmountTypes?: 'Exclusive' | 'Inclusive';
  Status?: XeroDocumentStatus;
  Url?: string;
  LineItems?: XeroLineItem[];
}

export interface XeroCreditNotePayload {
  CreditNoteID?: string;
  Type?: 'ACCRECCREDIT';
  Contact?: { ContactID: string };
  Date?: string;
  CreditNoteNumber?: string;
  Reference?: string;
  LineAmountTypes?: 'Exclusive' | 'Inclusive';
  Status?: XeroDocumentStatus;
  LineItems?: XeroLineItem[];
}

export interface XeroPaymentPayload {
  Invoice?: { InvoiceID: string };
  CreditNote?: { CreditNoteID: string };
  Account: { Code: string };
  Date: string;
  Amount: WireNumber;
  Reference: string;
}

export interface XeroAllocationPayload {
  Invoice: { InvoiceID: string };
  Amount: WireNumber;
  Date: string;
}
