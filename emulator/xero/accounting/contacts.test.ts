import { describe, expect, it } from 'vitest';
import { contactId, documentsOf, freshBooks, send, validationMessages, type Wire } from './test-support';
import { ZERO_GUID } from './wire';

const names = (answer: { body: Wire }) => answer.body.Contacts.map((c: Wire) => c.Name);

describe('creating contacts', () => {
  it('creates with PUT and returns the contact in the envelope', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Contacts', {
      Contacts: [
        {
          Name: 'Jane Smith #PMS1234',
          FirstName: 'Jane',
          LastName: 'Smith',
          EmailAddress: 'jane@example.com',
          ContactNumber: 'PMS1234',
          Phones: [{ PhoneType: 'MOBILE', PhoneNumber: '0400 000 000' }],
        },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Status).toBe('OK');
    expect(answer.body.ProviderName).toBe('Practice Sync for Xero');
    expect(answer.body.DateTimeUTC).toMatch(/^\/Date\(\d+\)\/$/);
    const contact = answer.body.Contacts[0];
    expect(contact.ContactID).toMatch(/^[0-9a-f-]{36}$/);
    expect(contact).toMatchObject({
      Name: 'Jane Smith #PMS1234',
      ContactNumber: 'PMS1234',
      ContactStatus: 'ACTIVE',
      IsCustomer: false,
      IsSupplier: false,
      StatusAttributeString: 'OK',
      Phones: [{ PhoneType: 'MOBILE', PhoneNumber: '0400 000 000' }],
    });
    expect(au.contacts).toHaveLength(5);
  });

  it('requires a Name', () => {
    const { au } = freshBooks();
    const before = documentsOf(au);
    const answer = send(au, 'PUT', '/Contacts', { Contacts: [{ ContactNumber: 'PMS1' }] });
    expect(answer.status).toBe(400);
    expect(answer.body.Type).toBe('ValidationException');
    expect(validationMessages(answer)).toEqual(['Contact Name cannot be empty.']);
    expect(documentsOf(au)).toBe(before);
  });

  it('refuses a name used by another ACTIVE contact, case-insensitively', () => {
    const { au } = freshBooks();
    const before = documentsOf(au);
    const answer = send(au, 'PUT', '/Contacts?summarizeErrors=false', {
      Contacts: [{ Name: 'WALK-IN PATIENT' }],
    });
    expect(answer.status).toBe(200);
    const element = answer.body.Contacts[0];
    expect(element.StatusAttributeString).toBe('ERROR');
    expect(element.ContactID).toBe(ZERO_GUID);
    expect(element.HasValidationErrors).toBe(true);
    expect(element.ValidationErrors).toEqual([
      {
        Message:
          'The contact name WALK-IN PATIENT is already assigned to another contact. The contact name must be unique across all active contacts.',
      },
    ]);
    expect(documentsOf(au)).toBe(before);
  });

  it('allows the name of an ARCHIVED contact', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Contacts', { Contacts: [{ Name: 'Margaret Chen (moved away)' }] });
    expect(answer.status).toBe(200);
  });

  it('refuses a ContactNumber another contact has (archived ones included)', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Contacts', {
      Contacts: [{ Name: 'Someone new', ContactNumber: 'PMS-0009' }],
    });
    expect(answer.status).toBe(400);
    expect(validationMessages(answer)).toEqual([
      'Another contact has this contact number. Please enter a different contact number.',
    ]);
  });

  it('refuses an invalid email address and over-long fields', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Contacts', {
      Contacts: [{ Name: 'Bad Email', EmailAddress: 'jürgen@example' }, { Name: 'x'.repeat(256) }],
    });
    expect(answer.status).toBe(400);
    expect(validationMessages(answer)).toEqual([
      'Email address must be valid.',
      'Name must not be longer than 255 characters.',
    ]);
  });

  it('refuses a ContactID on PUT (create only)', () => {
    const { au } = freshBooks();
    const id = contactId(au, 'Walk-in patient');
    const answer = send(au, 'PUT', '/Contacts', { Contacts: [{ ContactID: id, Name: 'Renamed' }] });
    expect(answer.status).toBe(400);
    expect(validationMessages(answer)[0]).toMatch(/ContactID cannot be specified when creating a contact/);
    expect(au.contacts.find((c) => c.ContactID === id)?.Name).toBe('Walk-in patient');
  });
});

describe('updating, archiving and un-archiving', () => {
  it('updates by ContactID with POST /Contacts, leaving unsent fields alone', () => {
    const { au } = freshBooks();
    const id = contactId(au, 'HCF Health Fund');
    const answer = send(au, 'POST', '/Contacts', { Contacts: [{ ContactID: id, AccountNumber: 'HCF-99' }] });
    expect(answer.status).toBe(200);
    expect(answer.body.Contacts[0]).toMatchObject({
      ContactID: id,
      Name: 'HCF Health Fund',
      AccountNumber: 'HCF-99',
      EmailAddress: 'claims@hcf.example',
    });
  });

  it('creates with POST /Contacts when no ContactID is given', () => {
    const { au } = freshBooks();
    const answer = send(au, 'POST', '/Contacts', { Contacts: [{ Name: 'Brand new patient' }] });
    expect(answer.status).toBe(200);
    expect(au.contacts.some((c) => c.Name === 'Brand new patient')).toBe(true);
  });

  it('refuses an unknown ContactID in a POST body', () => {
    const { au } = freshBooks();
    const answer = send(au, 'POST', '/Contacts', {
      Contacts: [{ ContactID: '11111111-2222-4333-8444-555555555555', Name: 'Ghost' }],
    });
    expect(answer.status).toBe(400);
    expect(validationMessages(answer)).toEqual([
      "The contact with ContactID '11111111-2222-4333-8444-555555555555' could not be found.",
    ]);
  });

  it('archives with POST /Contacts/{id}: then hidden from GET unless includeArchived=true', () => {
    const { au } = freshBooks();
    const id = contactId(au, 'HCF Health Fund');
    expect(send(au, 'POST', `/Contacts/${id}`, { Contacts: [{ ContactStatus: 'ARCHIVED' }] }).status).toBe(
      200,
    );
    expect(names(send(au, 'GET', '/Contacts'))).not.toContain('HCF Health Fund');
    expect(names(send(au, 'GET', '/Contacts?includeArchived=true'))).toContain('HCF Health Fund');
    // By id, an archived contact is still returned.
    expect(send(au, 'GET', `/Contacts/${id}`).body.Contacts[0].ContactStatus).toBe('ARCHIVED');
  });

  it('un-archives, unless an active contact took the name meanwhile', () => {
    const { au } = freshBooks();
    const archived = contactId(au, 'Margaret Chen (moved away)');
    send(au, 'PUT', '/Contacts', { Contacts: [{ Name: 'margaret chen (moved away)' }] });
    const refused = send(au, 'POST', `/Contacts/${archived}`, { Contacts: [{ ContactStatus: 'ACTIVE' }] });
    expect(refused.status).toBe(400);
    expect(validationMessages(refused)[0]).toMatch(/is already assigned to another contact/);

    const { au: clean } = freshBooks();
    const id = contactId(clean, 'Margaret Chen (moved away)');
    const ok = send(clean, 'POST', `/Contacts/${id}`, { Contacts: [{ ContactStatus: 'ACTIVE' }] });
    expect(ok.body.Contacts[0].ContactStatus).toBe('ACTIVE');
  });

  it('renaming onto another active name is refused', () => {
    const { au } = freshBooks();
    const id = contactId(au, 'HCF Health Fund');
    const answer = send(au, 'POST', `/Contacts/${id}`, { Contacts: [{ Name: 'Walk-in patient' }] });
    expect(answer.status).toBe(400);
    expect(au.contacts.find((c) => c.ContactID === id)?.Name).toBe('HCF Health Fund');
  });

  it('answers 404 for POST /Contacts/{unknown}', () => {
    const { au } = freshBooks();
    const answer = send(au, 'POST', '/Contacts/11111111-2222-4333-8444-555555555555', {
      Contacts: [{ Name: 'x' }],
    });
    expect(answer.status).toBe(404);
    expect(answer.text).toBe("The resource you're looking for cannot be found");
  });
});

describe('reading contacts', () => {
  it('finds one by ContactID or by ContactNumber (told apart by GUID shape)', () => {
    const { au } = freshBooks();
    const id = contactId(au, 'HCF Health Fund');
    expect(send(au, 'GET', `/Contacts/${id}`).body.Contacts[0].Name).toBe('HCF Health Fund');
    expect(send(au, 'GET', '/Contacts/FUND-HCF').body.Contacts[0].ContactID).toBe(id);
    expect(send(au, 'GET', '/Contacts/NOPE').status).toBe(404);
  });

  it('finds one by ContactNumber case-insensitively and trimmed, like its uniqueness', () => {
    const { au } = freshBooks();
    // Seeded as WALKIN: the look-up finds it, so the extension will not try to create it again...
    const found = send(au, 'GET', '/Contacts/walkin');
    expect(found.status).toBe(200);
    expect(found.body.Contacts[0].ContactID).toBe(contactId(au, 'Walk-in patient'));
    expect(send(au, 'GET', `/Contacts/${encodeURIComponent(' Walkin ')}`).status).toBe(200);
    // ...which would be refused as a duplicate, however it is spelt.
    const before = documentsOf(au);
    const duplicate = send(au, 'PUT', '/Contacts', {
      Contacts: [{ Name: 'Someone new', ContactNumber: ' walkin ' }],
    });
    expect(duplicate.status).toBe(400);
    expect(validationMessages(duplicate)).toEqual([
      'Another contact has this contact number. Please enter a different contact number.',
    ]);
    expect(documentsOf(au)).toBe(before);
    // A ContactNumber is stored trimmed.
    const created = send(au, 'PUT', '/Contacts', {
      Contacts: [{ Name: 'Padded', ContactNumber: ' PMS-77 ' }],
    });
    expect(created.body.Contacts[0].ContactNumber).toBe('PMS-77');
  });

  it('filters with where, IDs and searchTerm', () => {
    const { au } = freshBooks();
    expect(
      names(send(au, 'GET', `/Contacts?where=${encodeURIComponent('Name=="HCF Health Fund"')}`)),
    ).toEqual(['HCF Health Fund']);
    expect(
      names(
        send(
          au,
          'GET',
          `/Contacts?where=${encodeURIComponent('EmailAddress!=null&&EmailAddress.StartsWith("providers")')}`,
        ),
      ),
    ).toEqual(['icare NSW Workers Insurance']);
    const ids = [contactId(au, 'Walk-in patient'), contactId(au, 'HCF Health Fund')].join(',');
    expect(names(send(au, 'GET', `/Contacts?IDs=${ids}`)).sort()).toEqual([
      'HCF Health Fund',
      'Walk-in patient',
    ]);
    // searchTerm is case-insensitive over Name, FirstName, LastName, ContactNumber, EmailAddress.
    expect(names(send(au, 'GET', '/Contacts?searchTerm=FUND-'))).toEqual(
      expect.arrayContaining(['HCF Health Fund', 'icare NSW Workers Insurance']),
    );
    expect(names(send(au, 'GET', '/Contacts?searchTerm=hcf.example'))).toEqual(['HCF Health Fund']);
  });

  it('pages with a pagination object when page is given', () => {
    const { au } = freshBooks();
    for (let i = 1; i <= 5; i++) send(au, 'PUT', '/Contacts', { Contacts: [{ Name: `Patient ${i}` }] });
    // 3 active seeded + 5 new = 8 active contacts; pages of 3 → 3, 3, 2.
    // Case-insensitive name order, as Xero sorts: HCF…, icare…, Patient 1…5, Walk-in patient.
    const page1 = send(au, 'GET', '/Contacts?page=1&pageSize=3&order=Name');
    expect(names(page1)).toEqual(['HCF Health Fund', 'icare NSW Workers Insurance', 'Patient 1']);
    const page3 = send(au, 'GET', '/Contacts?page=3&pageSize=3&order=Name');
    expect(page3.body.pagination).toEqual({ page: 3, pageSize: 3, pageCount: 3, itemCount: 8 });
    expect(names(page3)).toEqual(['Patient 5', 'Walk-in patient']);
    // Descending: Walk-in, Patient 5…1, icare…, HCF…
    expect(names(send(au, 'GET', '/Contacts?page=2&pageSize=3&order=Name DESC'))).toEqual([
      'Patient 3',
      'Patient 2',
      'Patient 1',
    ]);
    expect(send(au, 'GET', '/Contacts').body.pagination).toBeUndefined();
  });

  it('summaryOnly leaves out addresses and phones', () => {
    const { au } = freshBooks();
    const contact = send(au, 'GET', '/Contacts?summaryOnly=true').body.Contacts[0];
    expect(contact.Addresses).toBeUndefined();
    expect(contact.Phones).toBeUndefined();
    expect(contact.ContactID).toBeDefined();
  });
});
