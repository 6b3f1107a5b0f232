import { SingleBar, Presets } from 'cli-progress';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { printJson } from '../output/json.js';
import { importOrders } from '../services/import.js';

const LARGE = 5 * 1024 * 1024;

export async function run(ctx: CommandContext, [file]: string[], opts: Record<string, unknown>): Promise<number> {
  const fromStdin = file === '-';
  if (!fromStdin && (!existsSync(file!) || !statSync(file!).isFile())) throw new UsageError(`Cannot read ${file}: no such file.`);
  const input = fromStdin ? process.stdin : createReadStream(file!);
  const size = fromStdin ? 0 : statSync(file!).size;
  let bar: { update(n: number): void; stop(): void } | undefined;
  let read = 0;
  // The bar draws with escape sequences of its own, so it writes to the terminal itself.
  if (ctx.stderr.isTTY && size >= LARGE) {
    const b = new SingleBar({ stream: process.stderr, format: 'importing [{bar}] {percentage}%', hideCursor: true }, Presets.shades_classic);
    b.start(size, 0);
    bar = b;
  }
  const r = await importOrders(ctx, input, {
    dryRun: Boolean(opts.dryRun), source: fromStdin ? 'standard input' : file!,
    onBytes: bar ? (n) => bar!.update((read += n)) : undefined,
  });
  bar?.stop();
  if (r.problems.length) {
    for (const p of r.problems) ctx.stderr.write(`orders: line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.reason}.\n`);
    const lines = new Set(r.problems.map((p) => p.line)).size;
    ctx.stderr.write(`orders: ${lines} bad row${lines > 1 ? 's' : ''} in ${fromStdin ? 'the input' : file}; nothing was imported.\n`);
    if (ctx.json) printJson(ctx.stdout, { imported: 0, already_present: r.present, rows: r.rows, problems: r.problems, dry_run: r.dryRun });
    return 2;
  }
  if (ctx.json) printJson(ctx.stdout, { imported: r.imported, already_present: r.present, rows: r.rows, problems: [], dry_run: r.dryRun });
  else {
    const verb = r.dryRun ? 'All rows are valid: would import' : 'Imported';
    ctx.stdout.write(`${verb} ${r.imported} order${r.imported === 1 ? '' : 's'}${r.present ? ` (${r.present} already present, skipped)` : ''}${r.dryRun ? '; nothing was changed' : ''}.\n`);
  }
  return 0;
}
