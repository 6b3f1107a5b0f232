import type { Cell } from '../services/export.js';
import { csvRecord } from './csv.js';
import { write } from './write.js';

export type StreamFormat = 'csv' | 'json' | 'ndjson';

const CHUNK = 16 * 1024;

/**
 * Streams rows as RFC 4180 CSV (CRLF, header, formula cells neutralised unless raw), one JSON
 * array, or newline-delimited JSON, with back-pressure. Each row becomes text at once and is
 * written in chunks of about 16 KB: holding rows in batches let them outlive V8's young
 * generation, and the 1M-order export's peak memory grew with it.
 */
export async function writeRows(out: NodeJS.WritableStream, format: StreamFormat, columns: string[], rows: AsyncIterable<Cell[][]>, raw: boolean): Promise<number> {
  let count = 0;
  let chunk = format === 'csv' ? csvRecord(columns) : format === 'json' ? '[\n' : '';
  for await (const batch of rows) for (const row of batch) {
    if (format === 'csv') chunk += csvRecord(row, !raw);
    else {
      const object: Record<string, Cell> = {};
      for (let i = 0; i < columns.length; i++) object[columns[i]!] = row[i]!;
      chunk += `${format === 'json' && count ? ',\n' : ''}${JSON.stringify(object)}${format === 'ndjson' ? '\n' : ''}`;
    }
    count++;
    if (chunk.length >= CHUNK) {
      await write(out, chunk);
      chunk = '';
    }
  }
  if (format === 'json') chunk += count ? '\n]\n' : ']\n';
  if (chunk) await write(out, chunk);
  return count;
}
