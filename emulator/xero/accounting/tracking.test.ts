import { describe, expect, it } from 'vitest';
import type { TenantBooks } from './books';
import {
  auInvoice,
  contactId,
  createInvoice,
  documentsOf,
  freshBooks,
  send,
  validationMessages,
  type Wire,
} from './test-support';

const category = (books: TenantBooks, name: string) => books.trackingCategories.find((c) => c.Name === name)!;
const option = (books: TenantBooks, categoryName: string, optionName: string) =>
  category(books, categoryName).Options.find((o) => o.Name === optionName)!;

const line = (tracking: unknown, over: Record<string, unknown> = {}) => ({
  Description: 'Standard consultation',
  Quantity: 1,
  UnitAmount: 95,
  AccountCode: '210',
  TaxType: 'EXEMPTOUTPUT',
  Tracking: tracking,
  ...over,
});

function refusal(books: TenantBooks, body: Record<string, unknown>, resource = 'Invoices'): string[] {
  const before = documentsOf(books);
  const answer = send(books, 'PUT', `/${resource}`, { [resource]: [body] });
  expect(answer.status).toBe(400);
  expect(documentsOf(books)).toBe(before);
  return validationMessages(answer);
}

describe('GET /TrackingCategories', () => {
  it('lists both organisations’ ACTIVE categories by name, each with its ACTIVE options', () => {
    const { au, uk } = freshBooks();
    const auList = send(au, 'GET', '/TrackingCategories').body.TrackingCategories;
    expect(auList.map((c: Wire) => c.Name)).toEqual(['Location', 'Practitioner']);
    expect(auList[0]).toEqual({
      Name: 'Location',
      Status: 'ACTIVE',
      TrackingCategoryID: category(au, 'Location').TrackingCategoryID,
      Options: ['Harbourside', 'Northside', 'Parramatta'].map((name) => ({
        TrackingOptionID: option(au, 'Location', name).TrackingOptionID,
        Name: name,
        Status: 'ACTIVE',
      })),
    });
    expect(auList[1].Options.map((o: Wire) => o.Name)).toEqual(['Alice Nguyen', 'Sam Patel', 'Jo Rivers']);
    const ukList = send(uk, 'GET', '/TrackingCategories').body.TrackingCategories;
    expect(ukList.map((c: Wire) => c.Name)).toEqual(['Location', 'Practitioner']);
    expect(ukList[0].Options.map((o: Wire) => o.Name)).toEqual(['Leeds', 'York', 'Harrogate']);
    // Ids are stable and differ between organisations.
    expect(ukList[0].TrackingCategoryID).not.toBe(auList[0].TrackingCategoryID);
    expect(freshBooks().au.trackingCategories[0]?.TrackingCategoryID).toBe(auList[0].TrackingCategoryID);
  });

  it('keeps to what Xero allows: 2 ACTIVE categories, at most 100 options each', () => {
    for (const books of Object.values(freshBooks())) {
      expect(books.trackingCategories.filter((c) => c.Status === 'ACTIVE')).toHaveLength(2);
      for (const c of books.trackingCategories) expect(c.Options.length).toBeLessThanOrEqual(100);
    }
  });

  it('includeArchived=true adds archived categories and options', () => {
    const { au } = freshBooks();
    const list = send(au, 'GET', '/TrackingCategories?includeArchived=true').body.TrackingCategories;
    expect(list.map((c: Wire) => [c.Name, c.Status])).toEqual([
      ['Campaign', 'ARCHIVED'],
      ['Location', 'ACTIVE'],
      ['Practitioner', 'ACTIVE'],
    ]);
    expect(list[1].Options.map((o: Wire) => [o.Name, o.Status])).toContainEqual(['Bondi', 'ARCHIVED']);
  });

  it('filters with where and sorts with order', () => {
    const { au } = freshBooks();
    const where = encodeURIComponent('Name=="Practitioner"');
    const one = send(au, 'GET', `/TrackingCategories?where=${where}`).body.TrackingCategories;
    expect(one.map((c: Wire) => c.Name)).toEqual(['Practitioner']);
    const desc = send(au, 'GET', '/TrackingCategories?order=Name%20DESC').body.TrackingCategories;
    expect(desc.map((c: Wire) => c.Name)).toEqual(['Practitioner', 'Location']);
    const archived = send(
      au,
      'GET',
      `/TrackingCategories?includeArchived=true&where=${encodeURIComponent('Status=="ARCHIVED"')}`,
    ).body.TrackingCategories;
    expect(archived.map((c: Wire) => c.Name)).toEqual(['Campaign']);
    const bad = send(au, 'GET', `/TrackingCategories?where=${encodeURIComponent('Colour=="red"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.Message).toBe("No property or field 'Colour' exists in type 'TrackingCategory'");
  });

  it('GET /TrackingCategories/{id} answers one category, whatever its status; unknown → 404', () => {
    const { au, uk } = freshBooks();
    const campaign = category(au, 'Campaign');
    const one = send(au, 'GET', `/TrackingCategories/${campaign.TrackingCategoryID}`).body.TrackingCategories;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ Name: 'Campaign', Status: 'ARCHIVED' });
    const location = send(au, 'GET', `/TrackingCategories/${category(au, 'Location').TrackingCategoryID}`)
      .body.TrackingCategories[0];
    expect(location.Options.map((o: Wire) => o.Name)).not.toContain('Bondi');
    expect(send(au, 'GET', `/TrackingCategories/${category(uk, 'Location').TrackingCategoryID}`).status).toBe(
      404,
    );
    expect(send(au, 'GET', '/TrackingCategories/Location').status).toBe(404);
  });

  it('needs a settings scope (accounting.settings or .read)', () => {
    const { au } = freshBooks();
    const answer = send(au, 'GET', '/TrackingCategories', undefined, {
      scopes: new Set(['accounting.invoices']),
    });
    expect(answer.status).toBe(401);
    const read = send(au, 'GET', '/TrackingCategories', undefined, {
      scopes: new Set(['accounting.settings.read']),
    });
    expect(read.status).toBe(200);
  });

  it('is read-only here', () => {
    const { au } = freshBooks();
    expect(send(au, 'PUT', '/TrackingCategories', { Name: 'Region' }).status).toBe(404);
  });
});

describe('Tracking on document lines', () => {
  it('accepts {Name, Option} and {TrackingCategoryID, TrackingOptionID}, and answers both forms on the line', () => {
    const { au } = freshBooks();
    const location = option(au, 'Location', 'Northside');
    const practitioner = option(au, 'Practitioner', 'Sam Patel');
    const invoice = createInvoice(
      au,
      auInvoice(au, {
        LineItems: [
          line([
            { Name: 'Location', Option: 'Northside' },
            {
              TrackingCategoryID: category(au, 'Practitioner').TrackingCategoryID.toUpperCase(),
              TrackingOptionID: practitioner.TrackingOptionID,
            },
          ]),
        ],
      }),
    );
    expect(invoice.LineItems[0].Tracking).toEqual([
      {
        Name: 'Location',
        Option: 'Northside',
        TrackingCategoryID: category(au, 'Location').TrackingCategoryID,
        TrackingOptionID: location.TrackingOptionID,
      },
      {
        Name: 'Practitioner',
        Option: 'Sam Patel',
        TrackingCategoryID: category(au, 'Practitioner').TrackingCategoryID,
        TrackingOptionID: practitioner.TrackingOptionID,
      },
    ]);
    // Read back by id, in a page, and in the emulator's state.
    const read = send(au, 'GET', `/Invoices/${invoice.InvoiceID}`).body.Invoices[0];
    expect(read.LineItems[0].Tracking).toEqual(invoice.LineItems[0].Tracking);
    const paged = send(au, 'GET', '/Invoices?page=1').body.Invoices[0];
    expect(paged.LineItems[0].Tracking).toEqual(invoice.LineItems[0].Tracking);
  });

  it('accepts an id with a matching name, and tracking on credit notes too', () => {
    const { au } = freshBooks();
    const harbourside = option(au, 'Location', 'Harbourside');
    const creditNote = send(au, 'PUT', '/CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { ContactID: contactId(au, 'Walk-in patient') },
          Date: '2026-05-19',
          Status: 'AUTHORISED',
          LineItems: [
            line([
              {
                Name: 'Location',
                TrackingCategoryID: category(au, 'Location').TrackingCategoryID,
                Option: 'Harbourside',
                TrackingOptionID: harbourside.TrackingOptionID,
              },
            ]),
          ],
        },
      ],
    });
    expect(creditNote.status).toBe(200);
    expect(creditNote.body.CreditNotes[0].LineItems[0].Tracking[0]).toMatchObject({
      Name: 'Location',
      Option: 'Harbourside',
    });
  });

  it('refuses more than 2 tracking categories on a line', () => {
    const { au } = freshBooks();
    expect(
      refusal(
        au,
        auInvoice(au, {
          LineItems: [
            line([
              { Name: 'Location', Option: 'Northside' },
              { Name: 'Practitioner', Option: 'Sam Patel' },
              { Name: 'Location', Option: 'Parramatta' },
            ]),
          ],
        }),
      ),
    ).toEqual(['A line item can have at most 2 tracking categories.']);
  });

  it('refuses the same category twice on one line', () => {
    const { au } = freshBooks();
    expect(
      refusal(
        au,
        auInvoice(au, {
          LineItems: [
            line([
              { Name: 'Location', Option: 'Northside' },
              { Name: 'Location', Option: 'Parramatta' },
            ]),
          ],
        }),
      ),
    ).toEqual(["The tracking category 'Location' appears more than once on the line item."]);
  });

  it.each([
    [
      'an unknown category name',
      { Name: 'Region', Option: 'North' },
      "The tracking category 'Region' does not exist.",
    ],
    [
      'a category name in another case (names match exactly)',
      { Name: 'location', Option: 'Northside' },
      "The tracking category 'location' does not exist.",
    ],
    [
      'an unknown option',
      { Name: 'Location', Option: 'Bondi Junction' },
      "The tracking option 'Bondi Junction' does not exist in the tracking category 'Location'.",
    ],
    [
      'an archived option',
      { Name: 'Location', Option: 'Bondi' },
      "The tracking option 'Bondi' of the tracking category 'Location' is archived and cannot be used.",
    ],
    [
      'an archived category',
      { Name: 'Campaign', Option: 'Winter 2025' },
      "The tracking category 'Campaign' is archived and cannot be used.",
    ],
    [
      'no category',
      { Option: 'Northside' },
      'Each Tracking element must name a tracking category (Name or TrackingCategoryID).',
    ],
    [
      'no option',
      { Name: 'Location' },
      "Each Tracking element must name an option of the tracking category 'Location' (Option or TrackingOptionID).",
    ],
  ])('refuses %s', (_label, tracking, message) => {
    const { au } = freshBooks();
    expect(refusal(au, auInvoice(au, { LineItems: [line([tracking])] }))).toEqual([message]);
  });

  it('refuses unknown ids, another organisation’s ids, and ids that disagree with the names sent', () => {
    const { au, uk } = freshBooks();
    const location = category(au, 'Location');
    const ukLocation = category(uk, 'Location');
    const missing = '3f9a4b1c-2d3e-4f50-8a6b-7c8d9e0f1a2b';
    expect(
      refusal(
        au,
        auInvoice(au, {
          LineItems: [line([{ TrackingCategoryID: ukLocation.TrackingCategoryID, Option: 'Leeds' }])],
        }),
      ),
    ).toEqual([
      `The tracking category with TrackingCategoryID '${ukLocation.TrackingCategoryID}' does not exist.`,
    ]);
    expect(
      refusal(
        au,
        auInvoice(au, {
          LineItems: [line([{ TrackingCategoryID: location.TrackingCategoryID, TrackingOptionID: missing }])],
        }),
      ),
    ).toEqual([
      `The tracking option with TrackingOptionID '${missing}' does not exist in the tracking category 'Location'.`,
    ]);
    expect(
      refusal(
        au,
        auInvoice(au, {
          LineItems: [
            line([
              { TrackingCategoryID: location.TrackingCategoryID, Name: 'Practitioner', Option: 'Northside' },
            ]),
          ],
        }),
      ),
    ).toEqual([
      `The tracking category Name 'Practitioner' does not match the tracking category with TrackingCategoryID '${location.TrackingCategoryID}' ('Location').`,
    ]);
    const northside = option(au, 'Location', 'Northside');
    expect(
      refusal(
        au,
        auInvoice(au, {
          LineItems: [
            line([{ Name: 'Location', TrackingOptionID: northside.TrackingOptionID, Option: 'Parramatta' }]),
          ],
        }),
      ),
    ).toEqual([
      `The tracking Option 'Parramatta' does not match the tracking option with TrackingOptionID '${northside.TrackingOptionID}' ('Northside').`,
    ]);
  });

  it('a malformed id or a non-array Tracking makes the body unreadable', () => {
    const { au } = freshBooks();
    const badId = send(au, 'PUT', '/Invoices', {
      Invoices: [auInvoice(au, { LineItems: [line([{ TrackingCategoryID: 'nope', Option: 'x' }])] })],
    });
    expect(badId.body.Type).toBe('PostDataInvalidException');
    const notArray = send(au, 'PUT', '/Invoices', {
      Invoices: [auInvoice(au, { LineItems: [line({ Name: 'Location', Option: 'Northside' })] })],
    });
    expect(notArray.body.Type).toBe('PostDataInvalidException');
  });

  it('reports tracking errors on the failing line item too', () => {
    const { au } = freshBooks();
    const answer = send(au, 'PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [auInvoice(au, { LineItems: [line([{ Name: 'Location', Option: 'Bondi' }])] })],
    });
    expect(answer.body.Invoices[0].LineItems[0].ValidationErrors).toEqual([
      {
        Message:
          "The tracking option 'Bondi' of the tracking category 'Location' is archived and cannot be used.",
      },
    ]);
  });

  it('keeps a line’s tracking when a status change re-saves it, and compares it as content', () => {
    const { au } = freshBooks();
    const invoice = createInvoice(
      au,
      auInvoice(au, {
        Status: 'DRAFT',
        LineItems: [line([{ Name: 'Location', Option: 'Northside' }], { UnitAmount: 95.1234 })],
      }),
      '?unitdp=4',
    );
    // A status change without unitdp=4 re-rounds the lines (reference §5.3): the tracking stays.
    const approved = send(au, 'POST', `/Invoices/${invoice.InvoiceID}`, {
      Invoices: [{ Status: 'AUTHORISED' }],
    });
    expect(approved.status).toBe(200);
    expect(approved.body.Invoices[0].LineItems[0].UnitAmount).toBe(95.12);
    expect(approved.body.Invoices[0].LineItems[0].Tracking[0]).toMatchObject({
      Name: 'Location',
      Option: 'Northside',
    });
    // Paid in part: resending the same lines and tracking is accepted, another option is an edit.
    send(au, 'PUT', '/Payments', {
      Payments: [
        {
          Invoice: { InvoiceID: invoice.InvoiceID },
          Account: { Code: '090' },
          Date: '2026-05-19',
          Amount: 10,
        },
      ],
    });
    const same = send(au, 'POST', `/Invoices/${invoice.InvoiceID}`, {
      Invoices: [{ LineItems: [line([{ Name: 'Location', Option: 'Northside' }], { UnitAmount: 95.12 })] }],
    });
    expect(same.status).toBe(200);
    const moved = send(au, 'POST', `/Invoices/${invoice.InvoiceID}`, {
      Invoices: [{ LineItems: [line([{ Name: 'Location', Option: 'Parramatta' }], { UnitAmount: 95.12 })] }],
    });
    expect(validationMessages(moved)).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
  });
});
