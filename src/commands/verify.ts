import type { CommandContext } from '../context.js';
import { printJson } from '../output/json.js';
import { verify } from '../services/verify.js';

export async function run(ctx: CommandContext): Promise<number> {
  const r = await verify(ctx.db);
  const ok = r.integrity.length === 1 && r.integrity[0] === 'ok' && r.foreignKeys === 0 && !r.broken;
  if (ctx.json) {
    printJson(ctx.stdout, { ok, integrity: r.integrity, foreign_key_violations: r.foreignKeys, log_entries: r.entries, broken_entry: r.broken });
  } else {
    ctx.stdout.write(`Database integrity: ${r.integrity.join('; ')}\nForeign key violations: ${r.foreignKeys}\nEvidence log: ${r.entries} entries, ${r.broken ? 'BROKEN' : 'hash chain intact'}\n`);
  }
  if (r.broken) {
    ctx.stderr.write(`orders: evidence log entry ${r.broken.id} (order ${r.broken.order_id ?? '-'}, ${r.broken.created_at}) fails verification: ${r.broken.why}.\n`);
  } else if (!ok) {
    ctx.stderr.write('orders: the database failed its integrity check; restore it from a backup.\n');
  }
  return ok ? 0 : 1;
}
