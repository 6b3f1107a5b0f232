import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { printJson } from '../output/json.js';
import { copyShop } from '../services/copy.js';

export interface CopyOptions {
  to?: string;
}

export async function run(ctx: CommandContext, _args: string[], opts: CopyOptions): Promise<void> {
  if (!opts.to) throw new UsageError('Missing --to TARGET: name a new SQLite file or an empty PostgreSQL database (postgres://USER@HOST:PORT/DB).');
  const r = await copyShop(ctx, opts.to);
  if (ctx.json) {
    printJson(ctx.stdout, { from: ctx.dbPath, to: r.to, tables: Object.fromEntries(r.tables.map((t) => [t.table, t.rows])) });
    return;
  }
  const orders = r.tables.find((t) => t.table === 'orders')?.rows ?? 0;
  const rows = r.tables.reduce((n, t) => n + t.rows, 0);
  ctx.stdout.write(`Copied ${orders} order${orders === 1 ? '' : 's'} (${rows} rows in ${r.tables.length} tables) from ${ctx.dbPath} to ${r.to}.\n`);
  ctx.stderr.write('Check both sides with `orders verify`: the evidence heads are the same.\n');
}
