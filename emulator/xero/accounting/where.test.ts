import { describe, expect, it } from 'vitest';
import { CONTACT_SCHEMA, INVOICE_SCHEMA } from './schemas';
import { compileOrder, compileWhere, WhereError } from './where';

/** Invoices in wire form, as the where filter sees them. */
const draft = {
  Type: 'ACCREC',
  InvoiceID: '0f8fad5b-d9cb-469f-a165-70867728950e',
  InvoiceNumber: 'INV-0001',
  Reference: 'Visit 12',
  Status: 'DRAFT',
  Total: 110,
  AmountDue: 110,
  IsDiscounted: false,
  Date: '/Date(1769817600000+0000)/', // 2026-01-31
  UpdatedDateUTC: '/Date(1769860800000)/', // 2026-01-31T12:00:00Z
  Contact: {
    ContactID: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    Name: 'Jane Smith',
    EmailAddress: 'jane@example.com',
  },
};
const paid = {
  ...draft,
  InvoiceID: '16fd2706-8baf-433b-82eb-8c7fada847da',
  InvoiceNumber: 'INV-0002',
  Reference: 'say "hi"',
  Status: 'PAID',
  Total: 250.5,
  AmountDue: 0,
  IsDiscounted: true,
  Date: '/Date(1772323200000+0000)/', // 2026-03-01
  Contact: { ContactID: '886313e1-3b8a-4372-9b90-0c9aee199e5d', Name: 'Bob Jones' },
};
const records = [draft, paid];

const matching = (expr: string) =>
  records.filter(compileWhere(expr, INVOICE_SCHEMA)).map((r) => r.InvoiceNumber);

const parseError = (expr: string): string => {
  try {
    compileWhere(expr, INVOICE_SCHEMA);
  } catch (error) {
    if (error instanceof WhereError) return error.message;
    throw error;
  }
  throw new Error(`"${expr}" parsed`);
};

describe('where: comparisons', () => {
  it('compares strings with ==, =, != and <>', () => {
    expect(matching('Status=="DRAFT"')).toEqual(['INV-0001']);
    expect(matching('Status = "PAID"')).toEqual(['INV-0002']);
    expect(matching('Status != "DRAFT"')).toEqual(['INV-0002']);
    expect(matching('Status <> "PAID"')).toEqual(['INV-0001']);
  });

  it('compares decimals with integer and real literals', () => {
    expect(matching('Total > 200')).toEqual(['INV-0002']);
    expect(matching('Total >= 250.50')).toEqual(['INV-0002']);
    expect(matching('Total < 250.5')).toEqual(['INV-0001']);
    expect(matching('Total <= 110')).toEqual(['INV-0001']);
    expect(matching('AmountDue == 0')).toEqual(['INV-0002']);
    expect(matching('AmountDue > -1')).toEqual(['INV-0001', 'INV-0002']);
  });

  it('compares dates with DateTime(y, m, d) and DateTime(y, m, d, h, m, s)', () => {
    expect(matching('Date >= DateTime(2026, 02, 01)')).toEqual(['INV-0002']);
    expect(matching('Date == DateTime(2026, 01, 31)')).toEqual(['INV-0001']);
    expect(matching('Date >= DateTime(2026,1,1) && Date < DateTime(2026,12,31)')).toEqual([
      'INV-0001',
      'INV-0002',
    ]);
    expect(matching('UpdatedDateUTC > DateTime(2026, 01, 31, 11, 59, 59)')).toEqual(['INV-0001', 'INV-0002']);
    expect(matching('UpdatedDateUTC > DateTime(2026, 01, 31, 12, 00, 00)')).toEqual([]);
    expect(matching('Date < DateTime.Parse("2026-02-01T00:00:00")')).toEqual(['INV-0001']);
  });

  it('compares booleans with true / false literals (any case)', () => {
    expect(matching('IsDiscounted == true')).toEqual(['INV-0002']);
    expect(matching('IsDiscounted == FALSE')).toEqual(['INV-0001']);
    expect(matching('IsDiscounted')).toEqual(['INV-0002']);
  });

  it('compares GUIDs only with Guid("…") / GUID("…"), case-insensitively', () => {
    expect(matching('InvoiceID == Guid("16FD2706-8BAF-433B-82EB-8C7FADA847DA")')).toEqual(['INV-0002']);
    expect(matching('Contact.ContactID == GUID("7c9e6679-7425-40de-944b-e07fc1f90ae7")')).toEqual([
      'INV-0001',
    ]);
    expect(matching('Contact.ContactID = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7")')).toEqual([
      'INV-0001',
    ]);
  });

  it('treats missing fields as null', () => {
    expect(matching('Contact.EmailAddress != null')).toEqual(['INV-0001']);
    expect(matching('Contact.EmailAddress == null')).toEqual(['INV-0002']);
    // A comparison or method call on null is false, never an error.
    expect(matching('Contact.EmailAddress.StartsWith("jane")')).toEqual(['INV-0001']);
    expect(matching('Url == null')).toEqual(['INV-0001', 'INV-0002']);
  });
});

describe('where: string methods', () => {
  it('supports Contains, StartsWith, EndsWith (case-sensitive) and ToLower/ToUpper', () => {
    expect(matching('Contact.Name.Contains("Smith")')).toEqual(['INV-0001']);
    expect(matching('Contact.Name.Contains("smith")')).toEqual([]);
    expect(matching('Contact.Name.ToLower().Contains("smith")')).toEqual(['INV-0001']);
    expect(matching('Contact.Name.ToUpper() == "BOB JONES"')).toEqual(['INV-0002']);
    expect(matching('InvoiceNumber.StartsWith("INV-")')).toEqual(['INV-0001', 'INV-0002']);
    expect(matching('InvoiceNumber.EndsWith("2")')).toEqual(['INV-0002']);
    expect(matching('Contact.ContactID.ToString() == "886313e1-3b8a-4372-9b90-0c9aee199e5d"')).toEqual([
      'INV-0002',
    ]);
  });

  it('reads a doubled quote and a backslash-escaped quote inside a string literal', () => {
    expect(matching('Reference == "say ""hi"""')).toEqual(['INV-0002']);
    expect(matching('Reference == "say \\"hi\\""')).toEqual(['INV-0002']);
  });

  it('resolves field and method names case-insensitively, like Dynamic LINQ', () => {
    expect(matching('status == "PAID"')).toEqual(['INV-0002']);
    expect(matching('contact.name.contains("Bob")')).toEqual(['INV-0002']);
  });
});

describe('where: logic and precedence', () => {
  it('supports && / AND / and, || / OR / or, ! / not', () => {
    expect(matching('Status=="PAID" && Total > 100')).toEqual(['INV-0002']);
    expect(matching('Status=="PAID" AND Total < 100')).toEqual([]);
    expect(matching('Status=="DRAFT" or Status=="PAID"')).toEqual(['INV-0001', 'INV-0002']);
    expect(matching('Status=="DRAFT" || Total > 1000')).toEqual(['INV-0001']);
    expect(matching('!(Status=="DRAFT")')).toEqual(['INV-0002']);
    expect(matching('not IsDiscounted')).toEqual(['INV-0001']);
  });

  it('binds AND tighter than OR, and parentheses override it', () => {
    // DRAFT || (PAID && Total > 1000) → only the draft.
    expect(matching('Status=="DRAFT" || Status=="PAID" && Total > 1000')).toEqual(['INV-0001']);
    // (DRAFT || PAID) && Total > 1000 → nothing.
    expect(matching('(Status=="DRAFT" || Status=="PAID") && Total > 1000')).toEqual([]);
  });
});

describe('where: errors in Dynamic LINQ words', () => {
  it('reports syntax errors', () => {
    expect(parseError('')).toBe('Expression expected');
    expect(parseError('Status ==')).toBe('Expression expected');
    expect(parseError('Status == "DRAFT')).toBe('Unterminated string literal');
    expect(parseError('Status # "DRAFT"')).toBe("Syntax error '#'");
    expect(parseError('(Status == "DRAFT"')).toBe("')' or operator expected");
    expect(parseError('Status == "DRAFT" "PAID"')).toBe('Syntax error');
    expect(parseError("Status == 'DRAFT'")).toBe('Character literal must contain exactly one character');
  });

  it('reports unknown fields with the type they were looked up on', () => {
    expect(parseError('Foo == 1')).toBe("No property or field 'Foo' exists in type 'Invoice'");
    expect(parseError('Contact.Foo == 1')).toBe("No property or field 'Foo' exists in type 'Contact'");
    expect(parseError('Status.Length == 1')).toBe("No property or field 'Length' exists in type 'String'");
  });

  it('type-checks operands like Xero does', () => {
    expect(parseError('IsDiscounted == "true"')).toBe(
      "Operator '==' incompatible with operand types 'Boolean?' and 'String'",
    );
    expect(parseError('InvoiceID == "16fd2706-8baf-433b-82eb-8c7fada847da"')).toBe(
      "Operator '==' incompatible with operand types 'Guid' and 'String'",
    );
    expect(parseError('Total > "100"')).toBe(
      "Operator '>' incompatible with operand types 'Decimal' and 'String'",
    );
    expect(parseError('Status == "DRAFT" && Total')).toBe(
      "Operator '&&' incompatible with operand types 'Boolean' and 'Decimal'",
    );
    expect(parseError('Total')).toBe("Expression of type 'Boolean' expected");
    expect(parseError('Status.Contains(1)')).toBe("No applicable method 'Contains' exists in type 'String'");
    expect(parseError('Guid("not-a-guid") == InvoiceID')).toBe(
      'Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).',
    );
    expect(parseError('Date > DateTime(2026, 2, 30)')).toBe(
      'Year, Month, and Day parameters describe an un-representable DateTime.',
    );
  });
});

describe('order', () => {
  const contacts = [
    { Name: 'b', EmailAddress: 'x@example.com' },
    { Name: 'a' },
    { Name: 'c', EmailAddress: 'a@example.com' },
  ];

  it('sorts by one or more keys, ascending by default, nulls first', () => {
    const byName = compileOrder('Name', CONTACT_SCHEMA);
    expect([...contacts].sort(byName).map((c) => c.Name)).toEqual(['a', 'b', 'c']);
    const byNameDesc = compileOrder('name DESC', CONTACT_SCHEMA);
    expect([...contacts].sort(byNameDesc).map((c) => c.Name)).toEqual(['c', 'b', 'a']);
    const byEmail = compileOrder('EmailAddress ASC, Name', CONTACT_SCHEMA);
    expect([...contacts].sort(byEmail).map((c) => c.Name)).toEqual(['a', 'c', 'b']);
  });

  it('sorts strings case-insensitively, as Xero does, while == stays case-sensitive', () => {
    const mixed = [{ Name: 'icare' }, { Name: 'Walk-in' }, { Name: 'hcf' }, { Name: 'HCF' }];
    // Ordinal order would be HCF, Walk-in, hcf, icare; strings equal but for case fall back to ordinal.
    expect([...mixed].sort(compileOrder('Name', CONTACT_SCHEMA)).map((c) => c.Name)).toEqual([
      'HCF',
      'hcf',
      'icare',
      'Walk-in',
    ]);
    expect(mixed.filter(compileWhere('Name < "J"', CONTACT_SCHEMA)).map((c) => c.Name)).toEqual([
      'icare',
      'hcf',
      'HCF',
    ]);
    expect(mixed.filter(compileWhere('Name == "HCF"', CONTACT_SCHEMA)).map((c) => c.Name)).toEqual(['HCF']);
  });

  it('sorts invoices by nested and numeric fields', () => {
    const byTotal = compileOrder('Total DESC', INVOICE_SCHEMA);
    expect([...records].sort(byTotal).map((r) => r.InvoiceNumber)).toEqual(['INV-0002', 'INV-0001']);
    const byContact = compileOrder('Contact.Name', INVOICE_SCHEMA);
    expect([...records].sort(byContact).map((r) => r.InvoiceNumber)).toEqual(['INV-0002', 'INV-0001']);
  });

  it('rejects unknown fields and bad syntax', () => {
    expect(() => compileOrder('Nope DESC', CONTACT_SCHEMA)).toThrow(
      "No property or field 'Nope' exists in type 'Contact'",
    );
    expect(() => compileOrder('Name SIDEWAYS', CONTACT_SCHEMA)).toThrow('Syntax error');
  });
});
