import { parse } from 'csv-parse';
import { parseOrderRow, REQUIRED_COLUMNS, type RowContext } from '../core/import-row.js';
import { numberSetting } from '../core/settings.js';
import { freezeTerms } from '../core/terms.js';
import { OrderImport } from '../db/import.js';
import type { ServiceContext } from './context.js';
import { ORDER_COLUMNS } from './export.js';

export interface ImportProblem {
  line: number;
  column: string | null;
  reason: string;
}

export interface ImportResult {
  rows: number;
  imported: number;
  present: number;
  problems: ImportProblem[];
  dryRun: boolean;
}

/**
 * Reads the orders CSV that export writes (or the documented minimal columns) as a stream,
 * validates every row, and inserts the valid ones in one transaction that is committed only
 * if no row had a problem: all rows or none. A dry run always rolls back.
 */
export async function importOrders(
  ctx: ServiceContext, input: NodeJS.ReadableStream, opts: { dryRun: boolean; source: string; onBytes?: (n: number) => void },
): Promise<ImportResult> {
  const rowCtx: RowContext = {
    currency: ctx.currency, countryCode: ctx.settings.country_code!, nowIso: ctx.nowIso, phones: new Map(),
    defaults: freezeTerms(ctx.settings, Math.max(numberSetting(ctx.settings, 'deposit.default_percent'), numberSetting(ctx.settings, 'deposit.min_percent')), ctx.today),
  };
  const result: ImportResult = { rows: 0, imported: 0, present: 0, problems: [], dryRun: opts.dryRun };
  const parser = input.pipe(parse({ columns: checkHeader(), info: true, bom: true, skip_empty_lines: true, relax_column_count: false }));
  if (opts.onBytes) input.on('data', (chunk: Buffer | string) => opts.onBytes!(chunk.length));
  const writer = new OrderImport(ctx.db);
  let lastLine = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const line = lastLine + 1;
      lastLine = info.lines;
      result.rows++;
      const parsed = parseOrderRow(record, rowCtx);
      if ('errors' in parsed) {
        for (const e of parsed.errors) result.problems.push({ line, column: e.column, reason: e.reason });
        continue;
      }
      const state = writer.check(parsed.order);
      if (state === 'present') result.present++;
      else if (state !== 'new') result.problems.push({ line, column: 'id', reason: state });
      else {
        writer.add(parsed.order, ctx.nowIso, opts.source);
        result.imported++;
      }
    }
  } catch (err) {
    writer.finish(false);
    const e = err as { code?: string; message: string; lines?: number };
    if (e.code?.startsWith('CSV_') || e.code === 'HEADER') {
      result.problems.push({ line: e.lines ?? lastLine + 1, column: null, reason: e.message.replace(/^Invalid Record Length: /, '') });
      return result;
    }
    throw err;
  }
  writer.finish(!opts.dryRun && result.problems.length === 0);
  return result;
}

function checkHeader() {
  return (header: string[]): string[] => {
    const known = new Set<string>(ORDER_COLUMNS);
    const unknown = header.filter((h) => !known.has(h));
    const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
    if (unknown.length || missing.length) {
      const parts = [
        unknown.length && `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`,
        missing.length && `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      ].filter(Boolean).join('; ');
      const err = Object.assign(new Error(`the header has ${parts} (the columns are those of \`orders export orders\`)`), { code: 'HEADER', lines: 1 });
      throw err;
    }
    return header;
  };
}
