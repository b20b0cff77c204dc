import { z } from 'zod';
import { practiceRecordsSchema, RECORDS_FORMAT } from './schema';

/**
 * The practice-records format as JSON Schema (draft 2020-12), for adapter authors and tools in
 * other languages. Checks that JSON Schema cannot say (a total within 5 c of its lines, one kind
 * of discount per line, ids unique in a submission, no HTML in names) are listed in its
 * description; the engine applies them all.
 */
export function practiceRecordsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(practiceRecordsSchema, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: `https://practice-sync.example/schema/${RECORDS_FORMAT}.schema.json`,
    title: `Practice records (${RECORDS_FORMAT})`,
    description:
      'PMS-neutral billing records for Practice Sync for Xero. Money, quantities and rates are decimal strings; ids are strings. ' +
      'Also checked, beyond this schema: names contain no < or > and descriptions no HTML; a line has discountPercent or discountAmount, not both; ' +
      "a document's total is within 0.05 of its lines; dueDate is not before issueDate; a payment's allocations add up to at most its amount and name each document once; " +
      'payment and allocation amounts are more than 0; ids are unique per kind within one submission; at most 5000 records per submission.',
  };
}
