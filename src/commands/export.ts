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
  });
  await writeRows(ctx.stdout, format, table.columns, table.rows, Boolean(opts.raw));
}
