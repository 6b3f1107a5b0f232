import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a text cell that a spreadsheet would run as a formula (SPEC 6). */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: CRLF between records, and any cell with a line break quoted (not only CRLF). */
export const CSV_OPTIONS = {
  record_delimiter: '\r\n',
  quoted_match: /[\r\n]/,
  cast: { boolean: (b: boolean) => (b ? 'true' : 'false') },
} as const;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 record, CRLF-terminated: a cell with a quote, comma or line break is quoted and
 * its quotes doubled. Hand-written because csv-stringify was a third of the 1M-row export's
 * time (bench/README.md); the export tests read its output back with Python's csv module.
 */
export function csvRecord(cells: readonly (string | number | boolean | null)[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const text = c === null || c === undefined ? '' : typeof c === 'string' ? c : String(c);
    if (i) line += ',';
    line += NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  return `${line}\r\n`;
}

/** RFC 4180 with CRLF; text cells neutralised unless raw. Numbers pass untouched. */
export function toCsv(header: string[], rows: (string | number | boolean | null)[][], raw = false): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'string' && !raw ? safeCell(c) : c ?? '')));
  return stringify([header, ...cells], CSV_OPTIONS);
}
