import type { CommandContext } from '../context.js';
import { printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { gatewayCommand, remind } from '../services/remind.js';
import { sweep, type SweepSummary } from '../services/sweep.js';

/** Ids read as ids (`#4`), never as counts (SPEC 11). */
function ids(list: number[]): string {
  return list.length ? list.map((id) => `#${id}`).join(', ') : 'none';
}

function summaryText(ctx: CommandContext, s: SweepSummary): string {
  const would = (s.run_of_day > 1 ? `, again (run ${s.run_of_day} of the day)` : '') + (s.dry_run ? ' (dry run: nothing was changed)' : '');
  const rows: [string, string][] = [
    ['reminders queued', String(s.reminders_queued)],
    ['overdue notices queued', String(s.overdue_notices_queued)],
    ['storage fee-days charged', String(s.storage_fees_charged)],
    ['cancelled as no-show (orders)', ids(s.cancelled)],
    ['held for want of a warning (orders)', ids(s.held.map((h) => h.order_id))],
    ['blacklist proposed (customers)', ids(s.blacklist_proposed)],
    ['blacklisted (customers)', ids(s.blacklisted)],
  ];
  const head = `Sweep for ${s.date}${would}\n`;
  const body = ctx.isTTY
    ? renderTable(['', s.dry_run ? 'would do' : 'done'], rows.map(([k, v]) => [k, v]), { tty: true })
    : rows.map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
  const nothing = s.details.length === 0 && !s.held.length && !s.blacklist_proposed.length ? 'Nothing to do today.\n' : '';
  const why = [...s.details.map((d) => `  order #${d.order_id}: ${d.action}: ${d.why}`), ...s.held.map((h) => `  order #${h.order_id}: held: ${h.why}`)].join('\n');
  const proposals = s.blacklist_proposed.map((c) => `  customer #${c}: reached blacklist.after_no_shows; \`orders blacklist add ${c} --reason "no-shows"\` to act on it`).join('\n');
  const evidence = `Evidence head: ${s.evidence_head.count}:${s.evidence_head.hash}${s.dry_run ? ' (if it were committed: dry run)' : ''}\n`;
  return head + body + nothing + (why ? `${why}\n` : '') + (proposals ? `${proposals}\n` : '') + evidence;
}

export interface SweepOptions {
  dryRun?: boolean;
  send?: boolean;
}

export async function run(ctx: CommandContext, _args: string[], opts: SweepOptions): Promise<number> {
  const dryRun = Boolean(opts.dryRun);
  // Input before state: without a gateway, --send is refused before the night's work is done.
  if (opts.send) gatewayCommand(ctx);
  const summary = await sweep(ctx, dryRun);
  let failed = 0;
  if (opts.send && !dryRun) {
    const r = await remind(ctx, { dryRun: false, send: true });
    failed = r.failed.length;
    for (const f of r.failed) ctx.stderr.write(`orders: could not send ${f.message.template} for order ${f.message.order_id} (${f.error}); it stays queued.\n`);
  }
  if (ctx.json) {
    const { details: _d, ...spec } = summary;
    printJson(ctx.stdout, { ...spec, details: summary.details });
  } else {
    ctx.stdout.write(summaryText(ctx, summary));
  }
  return failed ? 1 : 0;
}
