import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { practiceRecordsJsonSchema } from '../../lib/records/json-schema';

describe('the published JSON Schema of the practice-records format', () => {
  it('is the one the zod schema exports today (run `npm run records:schema` after changing the format)', () => {
    const committed = JSON.parse(readFileSync(path.resolve('schema/practice-records-1.schema.json'), 'utf8'));
    expect(committed).toEqual(practiceRecordsJsonSchema());
  });

  it('states every field of the format with its decimal-string patterns', () => {
    const schema = practiceRecordsJsonSchema() as {
      properties: Record<string, { items?: { properties: Record<string, { pattern?: string }> } }>;
    };
    expect(Object.keys(schema.properties)).toEqual([
      'format',
      'source',
      'patients',
      'invoices',
      'payments',
      'creditNotes',
    ]);
    const invoice = schema.properties.invoices?.items?.properties ?? {};
    expect(invoice.total?.pattern).toBe('^\\d{1,10}(\\.\\d{1,2})?$');
    expect(Object.keys(invoice)).toEqual(
      expect.arrayContaining([
        'id',
        'number',
        'issueDate',
        'patientId',
        'clinic',
        'amountsAre',
        'lines',
        'total',
      ]),
    );
  });
});
