import { describe, expect, it } from 'vitest';
import type { Patient } from '../../records/schema';
import { newPatientContact, patientContactName, patientContactUpdate } from './contacts';
import { contactNumberFor, payerKey, paymentTag, readPaymentTag } from './keys';

const source = { system: 'cliniko', account: 'harbourside' };
const jane: Patient = {
  id: '1001',
  firstName: 'Jane',
  lastName: 'Citizen',
  email: 'jane@example.com',
  phone: '0400 123 456',
  address: { line1: '12 Harbour St', city: 'Sydney' },
};

describe('contact keys and names', () => {
  it('keys a contact by source and patient id, within Xero’s 50 characters, the same every time', async () => {
    expect(await contactNumberFor(source, { kind: 'patient', id: '1001' })).toBe('cliniko:harbourside:1001');
    expect(
      await contactNumberFor(source, { kind: 'payer', key: payerKey({ name: '  NDIS  Plan  Manager ' }) }),
    ).toBe('cliniko:harbourside:payer:name:ndis plan manager');
    const long = { system: 'custom-site', account: 'a-very-long-practice-account-name.example' };
    const first = await contactNumberFor(long, { kind: 'patient', id: '123456789012345' });
    expect(first.length).toBeLessThanOrEqual(50);
    expect(first).toMatch(/^custom-site:[0-9a-f]{16}:/);
    expect(first.endsWith('123456789012345')).toBe(true);
    expect(await contactNumberFor(long, { kind: 'patient', id: '123456789012345' })).toBe(first);
    expect(await contactNumberFor(long, { kind: 'patient', id: '123456789012346' })).not.toBe(first);
  });

  it('makes same-name patients unique with their patient id, then with their source', () => {
    expect(patientContactName(jane, source, 0)).toBe('Jane Citizen');
    expect(patientContactName(jane, source, 1)).toBe('Jane Citizen (1001)');
    expect(patientContactName(jane, source, 2)).toBe('Jane Citizen (cliniko harbourside 1001)');
  });

  it('sets details at creation, and on update only when they are kept in sync', () => {
    expect(newPatientContact(jane, source, 'cliniko:harbourside:1001', 0)).toMatchObject({
      Name: 'Jane Citizen',
      ContactNumber: 'cliniko:harbourside:1001',
      EmailAddress: 'jane@example.com',
      Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '0400 123 456' }],
      Addresses: [{ AddressType: 'POBOX', AddressLine1: '12 Harbour St', City: 'Sydney' }],
    });
    const quiet = patientContactUpdate({ ...jane, lastName: 'Smith' }, source, 'id-1', 1, false);
    expect(quiet).toEqual({
      ContactID: 'id-1',
      Name: 'Jane Smith (1001)',
      FirstName: 'Jane',
      LastName: 'Smith',
    });
    expect(patientContactUpdate(jane, source, 'id-1', 0, true)).toHaveProperty(
      'EmailAddress',
      'jane@example.com',
    );
  });

  it('tags payments so the tag can be read back from a Xero reference', () => {
    const tag = paymentTag(source, '9001', '5001');
    expect(tag).toBe('[PS harbourside:9001>5001]');
    expect(readPaymentTag(`EFTPOS Terminal 2 ${tag}`)).toBe(tag);
    expect(readPaymentTag('Paid by hand')).toBeNull();
  });
});
