import { once } from 'node:events';
import type { Cell } from '../services/export.js';
import { csvRecord, safeCell } from './csv.js';

export type StreamFormat = 'csv' | 'json' | 'ndjson';

/** Waits for the pipe to drain when it is full, so a slow reader never makes us buffer everything. */
async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

const BATCH = 1000;

/**
 * Streams rows as RFC 4180 CSV (CRLF, header, formula cells neutralised unless raw), one JSON
 * array, or newline-delimited JSON, in batches with back-pressure: memory stays flat.
 */
export async function writeRows(out: NodeJS.WritableStream, format: StreamFormat, columns: string[], rows: AsyncIterable<Cell[]>, raw: boolean): Promise<number> {
  let count = 0;
  let batch: Cell[][] = [];
  const flush = async () => {
    if (!batch.length) return;
    if (format === 'csv') {
      let chunk = '';
      for (const r of batch) chunk += csvRecord(raw ? r : r.map((c) => (typeof c === 'string' ? safeCell(c) : c)));
      await write(out, chunk);
    } else {
      const lines = batch.map((r) => JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, r[i]]))));
      await write(out, format === 'ndjson' ? `${lines.join('\n')}\n` : `${count > batch.length ? ',\n' : ''}${lines.join(',\n')}`);
    }
    batch = [];
  };
  if (format === 'csv') await write(out, csvRecord(columns));
  if (format === 'json') await write(out, '[\n');
  for await (const row of rows) {
    batch.push(row);
    count++;
    if (batch.length === BATCH) await flush();
  }
  await flush();
  if (format === 'json') await write(out, count ? '\n]\n' : ']\n');
  return count;
}
