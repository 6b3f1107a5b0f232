import type { CommandContext } from '../context.js';
import { confirmOrAbort } from '../output/confirm.js';
import { printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { blacklistAdd, blacklistList, blacklistRemove, describeCustomer } from '../services/customers.js';
import { customerRef, requireText } from './args.js';

type Entry = Awaited<ReturnType<typeof blacklistList>>[number];

function entryLine(e: Entry): string {
  return `${e.name} (${e.phone}, customer ${e.customer_id}): blacklisted ${e.added_at.slice(0, 10)}: ${e.reason}${e.lifted_at ? `; lifted ${e.lifted_at.slice(0, 10)}${e.lift_reason ? `: ${e.lift_reason}` : ''}` : ''}`;
}

/** The flags of `orders blacklist add|remove|list` (cli-commands.ts declares them). */
export interface BlacklistOptions {
  reason?: string;
  all?: boolean;
}

export async function add(ctx: CommandContext, [who]: string[], opts: BlacklistOptions): Promise<void> {
  const ref = customerRef(ctx, who!);
  const reason = requireText(opts.reason, '--reason');
  const c = await describeCustomer(ctx, ref);
  await confirmOrAbort(ctx, `Blacklist ${c.name} (${c.phone}), so that new orders follow blacklist.policy ${ctx.settings['blacklist.policy']} (nothing is said to the customer)?`, '--yes');
  const e = await blacklistAdd(ctx, ref, reason);
  if (ctx.json) printJson(ctx.stdout, e);
  else ctx.stdout.write(`${entryLine(e)}\n`);
}

export async function remove(ctx: CommandContext, [who]: string[], opts: BlacklistOptions): Promise<void> {
  const reason = opts.reason === undefined ? null : requireText(opts.reason, '--reason');
  const e = await blacklistRemove(ctx, customerRef(ctx, who!), reason);
  if (ctx.json) printJson(ctx.stdout, e);
  else ctx.stdout.write(`${entryLine(e)}\n`);
}

export async function list(ctx: CommandContext, _args: string[], opts: BlacklistOptions): Promise<void> {
  const entries = await blacklistList(ctx, Boolean(opts.all));
  if (ctx.json) return printJson(ctx.stdout, entries);
  if (!entries.length) return void ctx.stderr.write('Nobody is blacklisted.\n');
  ctx.stdout.write(renderTable(['customer', 'name', 'phone', 'since', 'reason', 'lifted'],
    entries.map((e) => [String(e.customer_id), e.name, e.phone, e.added_at.slice(0, 10), e.reason, e.lifted_at ? `${e.lifted_at.slice(0, 10)} ${e.lift_reason ?? ''}`.trim() : '']),
    { tty: ctx.isTTY }));
}
