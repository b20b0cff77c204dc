/**
 * Writes the practice-records format as JSON Schema to schema/practice-records-1.schema.json.
 * `npm run records:schema`; a test fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { practiceRecordsJsonSchema } from '../lib/records/json-schema';

export const RECORDS_SCHEMA_FILE = path.resolve('schema/practice-records-1.schema.json');

writeFileSync(RECORDS_SCHEMA_FILE, `${JSON.stringify(practiceRecordsJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), RECORDS_SCHEMA_FILE)}`);
