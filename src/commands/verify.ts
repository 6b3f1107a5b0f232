import { UsageError } from '../core/errors.js';
import type { CommandContext } from '../context.js';
import { printJson } from '../output/json.js';
import { verify } from '../services/verify.js';
import type { Break } from '../db/evidence-check.js';

/** `--head COUNT:HASH` as verify and the sweep print it. */
export function parseHead(text: string): { count: number; hash: string } {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  if (!m) throw new UsageError(`Invalid --head ${JSON.stringify(text)}: give COUNT:HASH as \`orders verify\` or the sweep printed it (a count, a colon and 64 hex digits).`);
  return { count: Number(m[1]), hash: m[2]! };
}

function where(b: Break): string {
  if (b.source === 'head') return 'the chain\'s head';
  const what = { ledger: 'ledger row', events: 'order event', communications: 'log entry', orders: 'order' }[b.source];
  return `${b.seq === null ? '' : `evidence entry ${b.seq} (`}${what} ${b.row_id}${b.seq === null ? '' : ')'}`;
}

export async function run(ctx: CommandContext, _args: string[], opts: { head?: string }): Promise<number> {
  const recorded = opts.head === undefined ? undefined : parseHead(opts.head);
  const r = await verify(ctx.db, recorded);
  const sound = r.integrity.length === 1 && r.integrity[0] === 'ok' && r.foreignKeys === 0;
  const ok = sound && !r.broken && (r.againstHead?.ok ?? true);
  const head = `${r.head.count}:${r.head.hash}`;
  if (ctx.json) {
    printJson(ctx.stdout, {
      ok, integrity: r.integrity, foreign_key_violations: r.foreignKeys, evidence_head: r.head, head,
      broken_entry: r.broken, recorded_head: recorded ? { ...recorded, ok: r.againstHead!.ok } : null,
    });
  } else {
    ctx.stdout.write(`Database integrity: ${r.integrity.join('; ')}\nForeign key violations: ${r.foreignKeys}\n`
      + `Evidence chain: ${r.head.count} entries, ${r.broken ? 'BROKEN' : 'intact'}\n`
      + (recorded ? `Recorded head ${recorded.count}:${recorded.hash}: ${r.againstHead!.ok ? 'matches' : 'DOES NOT MATCH'}\n` : '')
      + `Head: ${head}\n`);
  }
  if (r.broken) ctx.stderr.write(`orders: ${where(r.broken)} fails verification: ${r.broken.why}.\n`);
  if (r.againstHead && !r.againstHead.ok) ctx.stderr.write(`orders: the recorded head ${recorded!.count}:${recorded!.hash.slice(0, 12)}... fails: ${r.againstHead.why}.\n`);
  if (!sound) ctx.stderr.write('orders: the database failed its integrity check; restore it from a backup.\n');
  return ok ? 0 : 1;
}
