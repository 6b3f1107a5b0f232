import type { CommandContext } from '../context.js';
import { Spool } from '../output/spool.js';
import { renderTable } from '../output/table.js';
import { write } from '../output/write.js';
import { nightlyHeap } from './heap.js';
import { gatewayCommand, remind } from '../services/remind.js';
import { sweep, type SweepDetail, type SweepSummary } from '../services/sweep.js';

type Summary = Omit<SweepSummary, 'details'>;

/** Ids read as ids (`#4`), never as counts (SPEC 11). */
function ids(list: number[]): string {
  return list.length ? list.map((id) => `#${id}`).join(', ') : 'none';
}

/** Held orders per piece of output: there can be tens of thousands, and one string of them all cost ~20 MB. */
const HELD_PIECE = 1000;

/** The held orders a piece at a time, each piece made as it is written. */
function* heldPieces<T>(s: Summary, piece: (held: Summary['held']) => T): Generator<T> {
  for (let i = 0; i < s.held.length; i += HELD_PIECE) yield piece(s.held.slice(i, i + HELD_PIECE));
}

/** The text summary around its detail lines (spooled), in pieces: what comes before them, and after. */
function summaryText(ctx: CommandContext, s: Summary, details: number): [Iterable<string>, Iterable<string>] {
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
  const again = s.run_of_day > 1 ? ` (run ${s.run_of_day} of the day)` : '';
  const head = `Sweep for ${s.date}${again}${would}\n`;
  const body = ctx.isTTY
    ? renderTable(['', s.dry_run ? 'would do' : 'done'], rows.map(([k, v]) => [k, v]), { tty: true })
    : rows.map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
  const nothing = details === 0 && !s.held.length && !s.blacklist_proposed.length ? 'Nothing to do today.\n' : '';
  const held = heldPieces(s, (page) => page.map((h) => `  order #${h.order_id}: held: ${h.why}\n`).join(''));
  const proposals = s.blacklist_proposed.map((c) => `  customer #${c}: reached blacklist.after_no_shows; \`orders blacklist add ${c} --reason "no-shows"\` to act on it`).join('\n');
  const evidence = `Evidence head: ${s.evidence_head.count}:${s.evidence_head.hash}${s.dry_run ? ' (if it were committed: dry run)' : ''}\n`;
  const after = (function* () {
    yield* held;
    yield (proposals ? `${proposals}\n` : '') + evidence;
  })();
  return [[head + body + nothing], after];
}

/** A page of details as lines of text, or as elements of the JSON array printJson would write. */
function detailsChunk(json: boolean, page: readonly SweepDetail[], first: boolean): string {
  if (!json) return page.map((d) => `  order #${d.order_id}: ${d.action}: ${d.why}\n`).join('');
  const items = page.map((d) => `    ${JSON.stringify(d, null, 2).replace(/\n/g, '\n    ')}`);
  return (first ? '\n' : ',\n') + items.join(',\n');
}

/**
 * The JSON summary with `details` last, as printJson prints it, in pieces: up to where the
 * spooled elements go, and after them. The held orders are written a piece at a time into the
 * place their empty list takes in the summary (nothing before it can hold that text).
 */
function summaryJson(s: Summary, details: number): [Iterable<string>, Iterable<string>] {
  const head = JSON.stringify({ ...s, held: [] }, null, 2);
  const at = head.indexOf('\n  "held": []') + '\n  "held": ['.length;
  const held = heldPieces(s, (page) => page.map((h) => `    ${JSON.stringify(h, null, 2).replace(/\n/g, '\n    ')}`).join(',\n'));
  const before = (function* () {
    yield head.slice(0, at);
    let first = true;
    for (const piece of held) {
      yield (first ? '\n' : ',\n') + piece;
      first = false;
    }
    yield `${s.held.length ? '\n  ' : ''}${head.slice(at, -2)},\n  "details": [`;
  })();
  return [before, [details ? '\n  ]\n}\n' : ']\n}\n']];
}

export interface SweepOptions {
  dryRun?: boolean;
  send?: boolean;
}

export async function run(ctx: CommandContext, _args: string[], opts: SweepOptions): Promise<number> {
  const dryRun = Boolean(opts.dryRun);
  // Input before state: without a gateway, --send is refused before the night's work is done.
  if (opts.send) gatewayCommand(ctx);
  nightlyHeap();
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
    for (const piece of before) await write(ctx.stdout, piece);
    await spool.copyTo(ctx.stdout);
    for (const piece of after) await write(ctx.stdout, piece);
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
