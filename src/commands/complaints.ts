import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { complaints, resolveComplaint, type Complaint } from '../services/complaints.js';
import { requireText } from './args.js';

export interface ComplaintsOptions {
  all?: boolean;
  note?: string;
}

function line(c: Complaint): string {
  const where = c.order_id === null ? '' : ` on order #${c.order_id}`;
  const end = c.status === 'resolved' ? `; resolved ${c.resolved_at!.slice(0, 10)}: ${c.resolution}` : '';
  return `complaint ${c.id}${where} from ${c.customer.name} (${c.customer.phone}), ${c.opened_at.slice(0, 10)}: ${c.text}${end}`;
}

/** `orders complaints [--all]` or `orders complaints resolve N --note TEXT`. */
export async function run(ctx: CommandContext, [verb, id]: string[], opts: ComplaintsOptions): Promise<void> {
  if (verb !== undefined && verb !== 'resolve') throw new UsageError(`Unknown "${verb}": use \`orders complaints\` or \`orders complaints resolve N --note TEXT\`.`);
  if (verb === 'resolve') {
    if (id === undefined || !/^\d{1,15}$/.test(id) || Number(id) === 0) {
      throw new UsageError(`Invalid complaint number "${id ?? ''}": use the number \`orders complaints\` shows, e.g. 3.`);
    }
    const c = await resolveComplaint(ctx, Number(id), requireText(opts.note, '--note'));
    if (ctx.json) printJson(ctx.stdout, c);
    else ctx.stdout.write(`${line(c)}\n`);
    return;
  }
  const list = await complaints(ctx, Boolean(opts.all));
  if (ctx.json) return printJson(ctx.stdout, list);
  if (!list.length) return void ctx.stderr.write(opts.all ? 'No complaints on record.\n' : 'No open complaints (`orders complaints --all` shows resolved ones too).\n');
  if (!ctx.isTTY) return void ctx.stdout.write(list.map((c) => `${line(c)}\n`).join(''));
  ctx.stdout.write(renderTable(['#', 'order', 'customer', 'opened', 'complaint', 'status'],
    list.map((c) => [String(c.id), c.order_id === null ? '' : `#${c.order_id}`, c.customer.name, c.opened_at.slice(0, 10), c.text,
      c.status === 'open' ? 'open' : `resolved ${c.resolved_at!.slice(0, 10)}: ${c.resolution}`]), { tty: true }));
}
