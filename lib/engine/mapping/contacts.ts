import type { Patient, Source } from '../../records/schema';
import type { XeroContactPayload } from '../../xero/accounting/payloads';

/**
 * Contact names must be unique among a Xero organisation's active contacts, and two patients
 * often share a name. The rule, stable for each patient:
 *   0. "First Last";
 *   1. if Xero already has another contact of that name: "First Last (patient id)";
 *   2. if even that is taken: "First Last (system account patient id)".
 * The variant a contact was created with is kept in its link, so a rename keeps its suffix.
 */
export type NameVariant = 0 | 1 | 2;

export function patientContactName(patient: Patient, source: Source, variant: NameVariant): string {
  const base = `${patient.firstName} ${patient.lastName}`.replace(/\s+/g, ' ').trim();
  if (variant === 0) return base;
  if (variant === 1) return `${base} (${patient.id})`;
  return `${base} (${source.system} ${source.account} ${patient.id})`;
}

function details(patient: Patient): Pick<XeroContactPayload, 'EmailAddress' | 'Phones' | 'Addresses'> {
  return {
    ...(patient.email ? { EmailAddress: patient.email } : {}),
    ...(patient.phone ? { Phones: [{ PhoneType: 'DEFAULT' as const, PhoneNumber: patient.phone }] } : {}),
    ...(patient.address
      ? {
          Addresses: [
            {
              AddressType: 'POBOX' as const,
              AddressLine1: patient.address.line1,
              ...(patient.address.line2 ? { AddressLine2: patient.address.line2 } : {}),
              ...(patient.address.city ? { City: patient.address.city } : {}),
              ...(patient.address.region ? { Region: patient.address.region } : {}),
              ...(patient.address.postalCode ? { PostalCode: patient.address.postalCode } : {}),
              ...(patient.address.country ? { Country: patient.address.country } : {}),
            },
          ],
        }
      : {}),
  };
}

/** A new contact for a patient: name, number, and the details the PMS has. */
export function newPatientContact(
  patient: Patient,
  source: Source,
  contactNumber: string,
  variant: NameVariant,
): XeroContactPayload {
  return {
    Name: patientContactName(patient, source, variant),
    ContactNumber: contactNumber,
    FirstName: patient.firstName,
    LastName: patient.lastName,
    ...details(patient),
  };
}

/**
 * The update for an existing patient contact: the name always follows the PMS; e-mail, phone
 * and address only when "keep contact details in sync" is on (otherwise they are set once, at
 * creation, and whatever the bookkeeper changed in Xero stays).
 */
export function patientContactUpdate(
  patient: Patient,
  source: Source,
  contactId: string,
  variant: NameVariant,
  keepDetailsInSync: boolean,
): XeroContactPayload {
  return {
    ContactID: contactId,
    Name: patientContactName(patient, source, variant),
    FirstName: patient.firstName,
    LastName: patient.lastName,
    ...(keepDetailsInSync ? details(patient) : {}),
  };
}

/** A payer (insurer, plan manager, employer) is a contact of its own, named as the PMS names it. */
export function newPayerContact(
  billTo: { name: string; email?: string },
  contactNumber: string,
): XeroContactPayload {
  return {
    Name: billTo.name,
    ContactNumber: contactNumber,
    ...(billTo.email ? { EmailAddress: billTo.email } : {}),
  };
}
