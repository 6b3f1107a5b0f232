import { CsvReader, CsvSyntaxError } from '../core/csv-reader.js';
import { detached, orderDetails, parseOrderRow, REQUIRED_COLUMNS, type ImportedOrder, type RowContext } from '../core/import-row.js';
import { numberSetting } from '../core/settings.js';
import { freezeTerms } from '../core/terms.js';
import { OrderImport } from '../db/import.js';
import { inWrite, type ServiceContext } from './context.js';
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
    currency: ctx.currency, locale: ctx.locale, countryCode: ctx.settings.country_code!, nowIso: ctx.nowIso, phones: new Map(),
    minDepositPercent: numberSetting(ctx.settings, 'deposit.min_percent'),
    defaults: freezeTerms(ctx.settings, Math.max(numberSetting(ctx.settings, 'deposit.default_percent'), numberSetting(ctx.settings, 'deposit.min_percent')), ctx.today),
  };
  const result: ImportResult = { rows: 0, imported: 0, present: 0, problems: [], dryRun: opts.dryRun };
  // Committed only with no problem and not a dry run; otherwise the work is rolled back.
  return inWrite(ctx, async (ctx) => {
    const writer = new OrderImport(ctx.db);
    await writer.start();
    /**
     * The reader calls back synchronously, row by row: each row is checked on its own there, and
     * the valid ones wait here for the writer, which looks a page up and writes it at once.
     */
    let pending: { order: ImportedOrder; line: number }[] = [];
    let problems: ImportProblem[] = [];
    let index: Map<string, number> | undefined;
    /** external_ref -> the line that used it first and the details it had there */
    const refs = new Map<string, { line: number; details: string }>();
    const reader = new CsvReader((cells, line) => {
      if (!index) {
        index = checkHeader(cells);
        return;
      }
      result.rows++;
      if (cells.length !== index.size) {
        problems.push({ line, column: null, reason: `the row has ${cells.length} cell${cells.length === 1 ? '' : 's'} where the header has ${index.size}` });
        return;
      }
      const nul = [...index.keys()].find((column) => cells[index!.get(column)!]!.includes('\0'));
      if (nul) {
        problems.push({ line, column: nul, reason: 'contains a NUL character, which no order text may hold' });
        return;
      }
      const parsed = parseOrderRow((column) => { const i = index!.get(column); return i === undefined ? undefined : cells[i]; }, rowCtx);
      if ('errors' in parsed) {
        for (const e of parsed.errors) problems.push({ line, column: e.column, reason: e.reason });
        return;
      }
      const ref = parsed.order.external_ref;
      if (ref !== null) {
        const details = orderDetails(parsed.order);
        const first = refs.get(ref);
        if (first && first.details !== details) {
          problems.push({ line, column: 'external_ref', reason: `"${ref}" is also on line ${first.line} with other details (customer, items, total or pickup date)` });
          return;
        }
        if (first) {
          result.present++;
          return;
        }
        refs.set(detached(ref), { line, details });
      }
      pending.push({ order: parsed.order, line });
    });
    /** The waiting rows against the database, in file order; their problems join the page's, by line. */
    const drain = async () => {
      const page = pending;
      pending = [];
      await writer.lookup(page.map((p) => p.order));
      for (const { order, line } of page) {
        const state = writer.check(order);
        if (state === 'present') result.present++;
        else if (state !== 'new') problems.push({ line, column: 'id', reason: state });
        else {
          writer.add(order, ctx.nowIso, opts.source);
          result.imported++;
        }
      }
      await writer.flush();
      result.problems.push(...problems.sort((a, b) => a.line - b.line));
      problems = [];
    };
    // fatal: a byte that is not UTF-8 is refused, never turned into a replacement character.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      for await (const chunk of input as AsyncIterable<Buffer | string>) {
        reader.push(typeof chunk === 'string' ? chunk : decodeChunk(decoder, chunk, reader));
        await drain();
        opts.onBytes?.(chunk.length);
      }
      reader.push(decodeChunk(decoder, undefined, reader));
      reader.end();
      await drain();
      if (!index) throw new CsvSyntaxError(1, 'the file is empty; it needs a header row (the columns of `orders export orders`)');
    } catch (err) {
      if (err instanceof CsvSyntaxError) {
        await drain();
        result.problems.push({ line: err.line, column: null, reason: err.message });
        return result;
      }
      throw err;
    }
    if (!opts.dryRun && result.problems.length === 0) await writer.seal();
    return result;
  }, { dryRun: () => opts.dryRun || result.problems.length > 0 });
}

/** Column name -> position, or a CsvSyntaxError naming unknown and missing columns. */
function checkHeader(header: string[]): Map<string, number> {
  const known = new Set<string>(ORDER_COLUMNS);
  const unknown = header.filter((h) => !known.has(h));
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (unknown.length || missing.length || repeated.length) {
    const parts = [
      unknown.length && `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`,
      missing.length && `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      repeated.length && `column${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')} more than once`,
    ].filter(Boolean).join('; ');
    throw new CsvSyntaxError(1, `the header has ${parts} (the columns are those of \`orders export orders\`)`);
  }
  return new Map(header.map((h, i) => [h, i]));
}

/** A chunk as text (undefined: the end of the input), or a CsvSyntaxError at the line of the first byte that is not UTF-8. */
function decodeChunk(decoder: TextDecoder, chunk: Buffer | undefined, reader: CsvReader): string {
  try {
    return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
  } catch {
    const lenient = chunk ? chunk.toString('utf8') : '';
    const bad = lenient.indexOf('\uFFFD');
    throw new CsvSyntaxError(reader.lineAfter(lenient.slice(0, Math.max(0, bad))), 'the input is not valid UTF-8 text; save the file as UTF-8');
  }
}
