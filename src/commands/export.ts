import { setFlagsFromString } from 'node:v8';
import type { CommandContext } from '../context.js';
import { parseDateInput } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { writeRows, type StreamFormat } from '../output/stream.js';
import { exportTable, type ExportKind } from '../services/export.js';
import { statuses } from './args.js';

const KINDS: ExportKind[] = ['orders', 'customers', 'payments', 'messages'];

export async function run(ctx: CommandContext, [what]: string[], opts: Record<string, unknown>): Promise<void> {
  const kind = (what ?? 'orders') as ExportKind;
  if (!KINDS.includes(kind)) throw new UsageError(`Invalid export "${what}": use ${KINDS.join(', ')}.`);
  const format = (ctx.json ? 'json' : opts.format ?? 'csv') as StreamFormat;
  const date = (v: unknown, flag: string) => (typeof v === 'string' ? parseDateInput(v, ctx.today, `${flag} date`) : undefined);
  const table = exportTable(ctx, kind, {
    from: date(opts.from, '--from'),
    to: date(opts.to, '--to'),
    statuses: typeof opts.status === 'string' ? statuses(opts.status) : undefined,
    includeVoid: Boolean(opts.includeVoid),
  });
  lowMemoryHeap();
  await writeRows(format === 'csv' ? ctx.data : ctx.stdout, format, table.columns, table.rows, Boolean(opts.raw));
}

/**
 * An export allocates a little per row for millions of rows and keeps almost nothing. Left to
 * its defaults V8 grows its young generation to 32 MB and lets old garbage pile up, which took
 * a 1M-order export to 125 MB; these two GC heuristics, read by V8 at each collection, keep it
 * near 75 MB for ~5% more time (bench/README.md).
 */
function lowMemoryHeap(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--optimize-for-size');
}
