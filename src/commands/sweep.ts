import type { CommandContext } from '../context.js';
import { Spool } from '../output/spool.js';
import { renderTable } from '../output/table.js';
import { write } from '../output/write.js';
import { gatewayCommand, remind } from '../services/remind.js';
import { sweep, type SweepDetail, type SweepSummary } from '../services/sweep.js';

type Summary = Omit<SweepSummary, 'details'>;

/** Ids read as ids (`#4`), never as counts (SPEC 11). */
function ids(list: number[]): string {
  return list.length ? list.map((id) => `#${id}`).join(', ') : 'none';
}

/** The text summary around its detail lines (spooled): what comes before them, and after. */
function summaryText(ctx: CommandContext, s: Summary, details: number): [string, string] {
  const would = s.dry_run ? ' (dry run: nothing was changed)' : '';
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
  const nothing = details === 0 && !s.held.length && !s.blacklist_proposed.length ? 'Nothing to do today.\n' : '';
  const held = s.held.map((h) => `  order #${h.order_id}: held: ${h.why}\n`).join('');
  const proposals = s.blacklist_proposed.map((c) => `  customer #${c}: reached blacklist.after_no_shows; \`orders blacklist add ${c} --reason "no-shows"\` to act on it`).join('\n');
  const evidence = `Evidence head: ${s.evidence_head.count}:${s.evidence_head.hash}${s.dry_run ? ' (if it were committed: dry run)' : ''}\n`;
  return [head + body + nothing, held + (proposals ? `${proposals}\n` : '') + evidence];
}

/** A page of details as lines of text, or as elements of the JSON array printJson would write. */
function detailsChunk(json: boolean, page: readonly SweepDetail[], first: boolean): string {
  if (!json) return page.map((d) => `  order #${d.order_id}: ${d.action}: ${d.why}\n`).join('');
  const items = page.map((d) => `    ${JSON.stringify(d, null, 2).replace(/\n/g, '\n    ')}`);
  return (first ? '\n' : ',\n') + items.join(',\n');
}

/** The JSON summary with `details` last, as printJson prints it, split where the spooled elements go. */
function summaryJson(s: Summary, details: number): [string, string] {
  const head = JSON.stringify(s, null, 2);
  return [`${head.slice(0, -2)},\n  "details": [`, details ? '\n  ]\n}\n' : ']\n}\n'];
}

export interface SweepOptions {
  dryRun?: boolean;
  send?: boolean;
}

export async function run(ctx: CommandContext, _args: string[], opts: SweepOptions): Promise<number> {
  const dryRun = Boolean(opts.dryRun);
  // Input before state: without a gateway, --send is refused before the night's work is done.
  if (opts.send) gatewayCommand(ctx);
  // Details are spooled as the sweep makes them and printed after its summary (SPEC 12).
  const spool = new Spool();
  try {
    let details = 0;
    const summary = await sweep(ctx, dryRun, (page) => {
      if (page.length) spool.write(detailsChunk(ctx.json, page, details === 0));
      details += page.length;
    });
    const failed = opts.send && !dryRun ? await sendNow(ctx) : 0;
    const [before, after] = ctx.json ? summaryJson(summary, details) : summaryText(ctx, summary, details);
    await write(ctx.stdout, before);
    await spool.copyTo(ctx.stdout);
    await write(ctx.stdout, after);
    return failed ? 1 : 0;
  } finally {
    spool.dispose();
  }
}

/** `--send`: hands what is due to the gateway right after the sweep; returns how many failed. */
async function sendNow(ctx: CommandContext): Promise<number> {
  const r = await remind(ctx, { dryRun: false, send: true });
  for (const f of r.failed) ctx.stderr.write(`orders: could not send ${f.message.template} for order ${f.message.order_id} (${f.error}); it stays queued.\n`);
  return r.failed.length;
}
