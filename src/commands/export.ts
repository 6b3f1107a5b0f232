import type { CommandContext } from '../context.js';
import { parseTypedDate } from '../core/typed-date.js';
import { UsageError } from '../core/errors.js';
import { rowFormat, RowWriter, type Cell } from '../output/rows.js';
import { exportTable, type ExportKind } from '../services/export.js';
import { statuses } from './args.js';
import { lowMemoryHeap } from './heap.js';

const KINDS: ExportKind[] = ['orders', 'customers', 'payments', 'messages'];

/** The flags of `orders export` (cli-commands.ts declares them). */
export interface ExportOptions {
  format?: string;
  from?: string;
  to?: string;
  status?: string;
  raw?: boolean;
  includeVoid?: boolean;
}

export async function run(ctx: CommandContext, [what]: string[], opts: ExportOptions): Promise<void> {
  const kind = (what ?? 'orders') as ExportKind;
  if (!KINDS.includes(kind)) throw new UsageError(`Invalid export "${what}": use ${KINDS.join(', ')}.`);
  const format = rowFormat(ctx, opts.format, 'csv');
  const date = async (v: string | undefined, flag: string) => (v === undefined ? undefined : parseTypedDate(v, ctx.today, ctx.locale, `${flag} date`));
  const table = exportTable(ctx, kind, {
    from: await date(opts.from, '--from'),
    to: await date(opts.to, '--to'),
    statuses: opts.status === undefined ? undefined : statuses(opts.status),
    includeVoid: Boolean(opts.includeVoid),
  });
  lowMemoryHeap();
  const w = new RowWriter<Cell[]>(format === 'csv' ? ctx.data : ctx.stdout, format, { columns: table.columns, cells: (row) => row }, Boolean(opts.raw));
  for await (const page of table.rows) await w.add(page);
  await w.end();
}

