import type { ExactNumber } from './exact-number.js';

/** Neutralises a text cell that a spreadsheet would run as a formula (SPEC 6). */
export function safeCell(value: string): string {
  const c = value.charCodeAt(0);
  // = + - @ tab CR; the first-character check spares a regex on every cell of a million rows
  return (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) ? `'${value}` : value;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 record, CRLF-terminated: a cell with a quote, comma or line break is quoted and
 * its quotes doubled; text cells neutralised against formulas when asked. Hand-written because csv-stringify was a third of the 1M-row export's
 * time (bench/README.md); the export tests read its output back with Python's csv module.
 */
export function csvRecord(cells: readonly (string | number | boolean | ExactNumber | null)[], neutralise = false): string {
  const out = new Array<string | number | boolean | ExactNumber>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    let c = cells[i];
    if (typeof c === 'string') {
      if (neutralise) c = safeCell(c);
      out[i] = NEEDS_QUOTES.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
    } else out[i] = c ?? '';
  }
  // join makes one flat string; appending cell by cell built a chain of 80 pieces per row
  return `${out.join(',')}\r\n`;
}
