// Peak memory of the nightly routine with many orders due (SPEC 12: under 200 MB at 100,000):
// `sweep --json` and then `remind --json` on a fresh copy of a generated database, each
// measured with /usr/bin/time -v. Usage: node bench/memory.mjs DB [BIN] (BIN defaults to bin/orders).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [db, bin = 'bin/orders'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'orders-memory-'));
const copy = join(dir, 'due.db');
copyFileSync(db, copy);
for (const [what, args] of [['sweep --json', ['sweep', '--json']], ['remind --json', ['remind', '--json']]]) {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, '--db', copy, '--now', '2026-11-25', ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  console.log(`${what}: exit ${r.status}, ${ms.toFixed(0)} ms, peak RSS ${rss.toFixed(0)} MB`);
}
rmSync(dir, { recursive: true, force: true });
