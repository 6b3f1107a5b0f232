// Whole-process timing: commands run interleaved, so a noisy machine slows each alike, and
// ratios to a reference measured in the same rounds hold better than absolute figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function median(values) {
  const a = [...values].sort((x, y) => x - y);
  const mid = Math.floor(a.length / 2);
  return a.length % 2 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
}

/** cases: { name: [command, ...args] }; returns { name: median ms }. */
export function timeInterleaved(cases, runs) {
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, [cmd, ...args]] of Object.entries(cases)) {
      const start = process.hrtime.bigint();
      const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
      times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/**
 * One whole-process run of [command, ...args] under /usr/bin/time -v: its milliseconds, peak
 * resident memory in MB (null where time is missing) and exit status; with check, a failed run throws.
 */
export function timed(cmd, { check = true } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', ...cmd], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (check && r.status !== 0) throw new Error(`${cmd.join(' ')}: ${r.stderr}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { ms, rss: m ? Number(m[1]) / 1024 : null, status: r.status };
}

/** Peak resident memory in MB of one run of [command, ...args] (null where /usr/bin/time is missing). */
export function peakRssMb(cmd) {
  return timed(cmd, { check: false }).rss;
}

/** A generated shop of n orders (due of them due tonight) in bench/data, made once, reproducibly (seed 42). */
export function dataset(name, n, due, now) {
  const db = join('bench/data', `${name}.db`);
  if (!existsSync(db)) {
    console.error(`generating ${db} (${n} orders${due ? `, ${due} due` : ''})...`);
    execFileSync(process.execPath, ['bench/build.mjs'], { stdio: 'inherit' });
    execFileSync(process.execPath, ['bench/data/generate.mjs', `--db=${db}`, `--orders=${n}`, `--due=${due}`, '--seed=42', `--now=${now}`], { stdio: 'inherit' });
  }
  return db;
}
