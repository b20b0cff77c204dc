import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvFileName, logToCsv } from './csv';
import { logRow } from './fixtures';

const sampleRow = logRow();

describe('the sync log as CSV', () => {
  it('writes a header and one line per row, with the columns a bookkeeper reads', () => {
    const csv = logToCsv([
      sampleRow,
      {
        ...sampleRow,
        status: 'synced',
        kind: 'payment.create',
        message: null,
        xeroMessages: [],
        xeroUrl: 'https://go.xero.com/x',
      },
    ]);
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    expect(parsed[0]).toEqual([...CSV_COLUMNS]);
    expect(parsed[1]).toEqual([
      '2026-11-05T09:30:00.000Z',
      'Invoice HS-1042 · Jane Citizen',
      'Harbourside CBD',
      'Harbourside Physio',
      'Create invoice',
      'Failed',
      'Xero refused it — Account code "200" is archived',
      '',
    ]);
    expect(parsed[2]?.slice(4)).toEqual(['Record payment', 'Synced', '', 'https://go.xero.com/x']);
    expect(csv).toContain('"Xero refused it — Account code ""200"" is archived"');
  });

  it('keeps a cell from running as a formula in a spreadsheet', () => {
    const csv = logToCsv([{ ...sampleRow, document: '=HYPERLINK("http://evil")' }]);
    expect(Papa.parse<string[]>(csv.trim()).data[1]?.[1]).toBe('\'=HYPERLINK("http://evil")');
  });

  it('names the file by the day', () => {
    expect(csvFileName(Date.UTC(2026, 10, 5, 23))).toBe('sync-log-2026-11-05.csv');
  });
});
