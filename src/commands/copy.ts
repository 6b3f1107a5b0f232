import type { CommandContext } from '../context.js';
import { printJson } from '../output/json.js';
import { copyShop } from '../services/copy.js';

export async function run(ctx: CommandContext, _args: string[], opts: { to: string }): Promise<void> {
  const r = await copyShop({ db: ctx.db, path: ctx.dbPath }, opts.to);
  if (ctx.json) {
    printJson(ctx.stdout, { copied: r.copied, from: r.from, to: r.to, evidence_head: r.head });
    return;
  }
  const n = r.copied;
  ctx.stdout.write(`Copied ${n.orders} orders (${n.customers} customers, ${n.ledger} ledger rows, ${n.communications} messages, `
    + `${n.evidence} evidence entries) from ${r.from} to ${r.to}.\nHead: ${r.head.count}:${r.head.hash}\n`);
}
