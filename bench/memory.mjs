// Peak memory of the nightly routine with many orders due (SPEC 12: under 200 MB at 100,000):
// `sweep --json` and then `remind --json` on a fresh copy of a generated database, each
// measured with /usr/bin/time -v. Usage: node bench/memory.mjs DB [BIN] (BIN defaults to bin/orders).
import { timed } from './lib.mjs';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [db, bin = 'bin/orders'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'orders-memory-'));
const copy = join(dir, 'due.db');
copyFileSync(db, copy);
for (const [what, args] of [['sweep --json', ['sweep', '--json']], ['remind --json', ['remind', '--json']]]) {
  const r = timed([process.execPath, bin, '--db', copy, '--now', '2026-11-25', ...args], { check: false });
  console.log(`${what}: exit ${r.status}, ${r.ms.toFixed(0)} ms, peak RSS ${(r.rss ?? 0).toFixed(0)} MB`);
}
rmSync(dir, { recursive: true, force: true });
