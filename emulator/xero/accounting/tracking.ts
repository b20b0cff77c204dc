import { notFound } from '../errors';
import type { EmulatorResponse } from '../http';
import type { LineTracking, TenantBooks, TrackingCategoryRecord, TrackingOptionRecord } from './books';
import { sameId } from './books';
import type { AccountingCall } from './contract';
import { listResponse } from './listing';
import { TRACKING_CATEGORY_SCHEMA } from './schemas';
import { trackingCategoryWire } from './serialize';
import { isGuid, ok, queryFlag } from './wire';

/**
 * Tracking categories (spec `TrackingCategory`, reference §5.2): `GET /TrackingCategories`
 * (`where`, `order`, `includeArchived`) and `GET /TrackingCategories/{TrackingCategoryID}`, and the
 * rules for `Tracking` on invoice and credit-note lines. The seeded categories are read-only here
 * (no PUT/POST/DELETE of categories or options).
 */

/** Xero: "Any LineItem can have a maximum of 2 <TrackingCategory> elements" (spec `LineItem.Tracking`). */
export const MAX_TRACKING_PER_LINE = 2;

/** Listing: archived categories and options only with includeArchived=true; deleted ones never. */
const visible = (status: string, includeArchived: boolean) =>
  status === 'ACTIVE' || (includeArchived && status === 'ARCHIVED');

export function getTrackingCategories(
  call: AccountingCall,
  books: TenantBooks,
  key: string | undefined,
): EmulatorResponse {
  const includeArchived = queryFlag(call.request.query, 'includeArchived');
  const optionsShown = (option: TrackingOptionRecord) => visible(option.Status, includeArchived);
  if (key !== undefined) {
    const category = isGuid(key) ? findTrackingCategory(books, key) : undefined;
    // By id the category is answered whatever its status (the spec's example is a DELETED one).
    return category
      ? ok(call, 'TrackingCategories', [trackingCategoryWire(category, optionsShown)])
      : notFound();
  }
  return listResponse(call, {
    plural: 'TrackingCategories',
    schema: TRACKING_CATEGORY_SCHEMA,
    records: books.trackingCategories,
    id: (c) => c.TrackingCategoryID,
    // Categories carry no UpdatedDateUTC; If-Modified-Since keeps them all.
    updated: () => Number.MAX_SAFE_INTEGER,
    wire: (c) => trackingCategoryWire(c, optionsShown),
    filter: (c) => visible(c.Status, includeArchived),
    pageable: false,
    // Assumption: Xero's default order is not documented; by Name, as its UI lists them.
    defaultOrder: (a, b) =>
      a.Name.toLowerCase().localeCompare(b.Name.toLowerCase()) || a.Name.localeCompare(b.Name),
  });
}

export const findTrackingCategory = (books: TenantBooks, id: string): TrackingCategoryRecord | undefined =>
  books.trackingCategories.find((c) => sameId(c.TrackingCategoryID, id));

/** One `Tracking` element of a line as sent: `{Name, Option}` and/or `{TrackingCategoryID, TrackingOptionID}`. */
export interface TrackingRef {
  Name?: string;
  Option?: string;
  TrackingCategoryID?: string;
  TrackingOptionID?: string;
}

/**
 * A line's Tracking, validated. Each element names its category by TrackingCategoryID or Name
 * and its option by TrackingOptionID or Option (names matched exactly, as stored); when both an
 * id and a name are sent they must agree. Category and option must exist and be ACTIVE, a line
 * has at most 2 elements, each for a different category. Xero is reported to drop tracking it
 * cannot match without a word; the emulator refuses it instead (stricter; messages ours).
 */
export function resolveLineTracking(
  books: TenantBooks,
  refs: readonly TrackingRef[],
): { tracking: LineTracking[]; errors: string[] } {
  const errors: string[] = [];
  const tracking: LineTracking[] = [];
  if (refs.length > MAX_TRACKING_PER_LINE) {
    return {
      tracking: [],
      errors: [`A line item can have at most ${MAX_TRACKING_PER_LINE} tracking categories.`],
    };
  }
  for (const ref of refs) {
    const resolved = resolveOne(books, ref);
    if (typeof resolved === 'string') {
      errors.push(resolved);
      continue;
    }
    if (tracking.some((t) => t.TrackingCategoryID === resolved.TrackingCategoryID)) {
      errors.push(`The tracking category '${resolved.Name}' appears more than once on the line item.`);
      continue;
    }
    tracking.push(resolved);
  }
  return { tracking: errors.length > 0 ? [] : tracking, errors };
}

const blank = (value: string | undefined) => value === undefined || value === '';

function resolveOne(books: TenantBooks, ref: TrackingRef): LineTracking | string {
  let category: TrackingCategoryRecord | undefined;
  if (!blank(ref.TrackingCategoryID)) {
    category = findTrackingCategory(books, ref.TrackingCategoryID as string);
    if (!category)
      return `The tracking category with TrackingCategoryID '${ref.TrackingCategoryID}' does not exist.`;
    if (!blank(ref.Name) && ref.Name !== category.Name) {
      return `The tracking category Name '${ref.Name}' does not match the tracking category with TrackingCategoryID '${category.TrackingCategoryID}' ('${category.Name}').`;
    }
  } else if (!blank(ref.Name)) {
    category =
      books.trackingCategories.find((c) => c.Name === ref.Name && c.Status !== 'DELETED') ??
      books.trackingCategories.find((c) => c.Name === ref.Name);
    if (!category) return `The tracking category '${ref.Name}' does not exist.`;
  } else {
    return 'Each Tracking element must name a tracking category (Name or TrackingCategoryID).';
  }
  if (category.Status !== 'ACTIVE') {
    return `The tracking category '${category.Name}' is ${category.Status.toLowerCase()} and cannot be used.`;
  }

  let option: TrackingOptionRecord | undefined;
  if (!blank(ref.TrackingOptionID)) {
    option = category.Options.find((o) => sameId(o.TrackingOptionID, ref.TrackingOptionID));
    if (!option) {
      return `The tracking option with TrackingOptionID '${ref.TrackingOptionID}' does not exist in the tracking category '${category.Name}'.`;
    }
    if (!blank(ref.Option) && ref.Option !== option.Name) {
      return `The tracking Option '${ref.Option}' does not match the tracking option with TrackingOptionID '${option.TrackingOptionID}' ('${option.Name}').`;
    }
  } else if (!blank(ref.Option)) {
    option =
      category.Options.find((o) => o.Name === ref.Option && o.Status !== 'DELETED') ??
      category.Options.find((o) => o.Name === ref.Option);
    if (!option)
      return `The tracking option '${ref.Option}' does not exist in the tracking category '${category.Name}'.`;
  } else {
    return `Each Tracking element must name an option of the tracking category '${category.Name}' (Option or TrackingOptionID).`;
  }
  if (option.Status !== 'ACTIVE') {
    return `The tracking option '${option.Name}' of the tracking category '${category.Name}' is ${option.Status.toLowerCase()} and cannot be used.`;
  }
  return {
    Name: category.Name,
    Option: option.Name,
    TrackingCategoryID: category.TrackingCategoryID,
    TrackingOptionID: option.TrackingOptionID,
  };
}
