import Papa from 'papaparse';
import { OPERATION_LABELS, rowMessage, STATUS_LABELS } from './labels';
import type { LogRow } from './types';

export const CSV_COLUMNS = [
  'Time',
  'Document',
  'Clinic',
  'Organisation',
  'Operation',
  'Status',
  "Xero's message",
  'Xero link',
] as const;

/** The log's rows as a spreadsheet row each, in the CSV columns' order. */
export function csvRecord(row: LogRow): string[] {
  return [
    new Date(row.at).toISOString(),
    row.document,
    row.clinicName ?? row.clinicId ?? '',
    row.organisation ?? row.tenantId,
    OPERATION_LABELS[row.kind],
    STATUS_LABELS[row.status],
    rowMessage(row),
    row.xeroUrl ?? '',
  ];
}

/**
 * The filtered log as CSV (RFC 4180, CRLF). Cells that a spreadsheet would run as a formula
 * (starting with = + - @) are escaped: a patient's name must never become a formula.
 */
export function logToCsv(rows: readonly LogRow[]): string {
  return Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows.map(csvRecord) },
    { escapeFormulae: true, newline: '\r\n' },
  );
}

/** The file name of an export made at `now`: sync-log-2026-11-05.csv. */
export const csvFileName = (now: number) => `sync-log-${new Date(now).toISOString().slice(0, 10)}.csv`;
