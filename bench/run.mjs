// npm run bench: whole-process timings against references measured in the same rounds
// (node -e 0, the sqlite3 shell, bare better-sqlite3 scripts), with peak memory from
// /usr/bin/time -v. Databases are generated once into bench/data (BENCH_ORDERS, default 1M).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataset, median, peakRssMb, timed, timeInterleaved } from './lib.mjs';

const N = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const NOW = '2026-11-25';
const node = process.execPath;
const tmp = mkdtempSync(join(tmpdir(), 'orders-bench-'));

const results = [];
function record(what, ms, refName, refMs, goal, rss) {
  results.push({ what, ms, refName, refMs, ratio: ms / refMs, goal, rss });
  console.error(`${what}: ${ms.toFixed(0)} ms vs ${refName} ${refMs.toFixed(0)} ms (${(ms / refMs).toFixed(2)}x)${rss ? `, peak ${rss.toFixed(0)} MB` : ''}`);
}

const main = dataset(`orders-${N}`, N, 0, NOW);
const due = dataset(`orders-${N}-due`, N, Math.round(N / 10), NOW);
const orders = (db, ...args) => [node, 'bin/orders', '--db', db, '--now', NOW, ...args];

// 1. Start-up and the reads an owner does all day.
const day = '2026-11-27';
const t = timeInterleaved({
  node: [node, '-e', '0'],
  version: [node, 'bin/orders', '--version'],
  show: orders(main, 'show', String(Math.floor(N / 2)), '--json'),
  list: orders(main, 'list', '--status', 'ready', '--pickup-from', day, '--pickup-to', day, '--json'),
  listFloor: [node, 'bench/reference-list.cjs', main, 'ready', day, day],
  today: orders(main, 'today'),
  // today reads confirmed orders up to tomorrow's H-2 reminders: NOW + 3 days
  todayFloor: [node, 'bench/reference-today.cjs', main, NOW, new Date(Date.parse(`${NOW}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10)],
}, Math.max(RUNS, 10));
record('orders --version', t.version, 'node -e 0', t.node, '<= 1.5x');
record(`orders show ID --json (${N})`, t.show, 'node -e 0', t.node, '<= 1.5x');
record(`orders list one day's pickups --json (${N})`, t.list, 'node -e 0', t.node, '<= 1.5x');
record('  the same list: its floor', t.list, 'the same queries in a bare script (bench/reference-list.cjs)', t.listFloor, 'information');
record('  that bare script itself', t.listFloor, 'node -e 0', t.node, 'information');
record(`orders today (${N})`, t.today, 'node -e 0', t.node, '<= 2x');
record('  the same agenda: its floor', t.today, 'its reads alone in a bare script (bench/reference-today.cjs)', t.todayFloor, 'information');
record('  that bare script itself', t.todayFloor, 'node -e 0', t.node, 'information');

// 2. The sweep on fresh copies of the database with N/10 orders due, against the bare script.
const sweepTimes = [];
const refTimes = [];
let sweepRss = 0;
for (let i = 0; i < RUNS; i++) {
  for (const [times, cmd] of [[sweepTimes, (db) => orders(db, 'sweep', '--json')], [refTimes, (db) => [node, 'bench/reference-sweep.mjs', db, NOW]]]) {
    const copy = join(tmp, 'sweep.db');
    rmSync(copy, { force: true }); rmSync(`${copy}-wal`, { force: true }); rmSync(`${copy}-shm`, { force: true });
    copyFileSync(due, copy);
    const r = timed(cmd(copy));
    times.push(r.ms);
    // The peak of the timed runs themselves, not of one more run.
    if (times === sweepTimes) sweepRss = Math.max(sweepRss, r.rss ?? 0);
  }
}
record(`orders sweep (${N}, ${N / 10} due)`, median(sweepTimes), 'bare better-sqlite3 script', median(refTimes), '<= 2x and < 3 s', sweepRss);

// 3. The report against the same aggregates in the sqlite3 shell.
const rep = timeInterleaved({
  report: orders(main, 'report', '--from', '2025-01-01', '--to', NOW, '--by', 'month', '--json'),
  sqlite3: ['sh', '-c', `sqlite3 ${main} < bench/report.sql`],
}, RUNS);
record(`orders report --by month (${N})`, rep.report, 'sqlite3 shell', rep.sqlite3, '<= 1.2x');

// 4. Export against sqlite3 -csv of the same columns; 5. import of that CSV against .import.
const csv = join(tmp, 'orders.csv');
const exp = timeInterleaved({
  export: ['sh', '-c', `${node} bin/orders --db ${main} export orders --format csv > ${csv}`],
  sqlite3: ['sh', '-c', `sqlite3 -csv ${main} < bench/export.sql > ${join(tmp, 'ref.csv')}`],
}, RUNS);
record(`orders export orders --format csv (${N})`, exp.export, 'sqlite3 -csv', exp.sqlite3, '<= 2x, peak RSS <= 80 MB', peakRssMb(orders(main, 'export', 'orders')));

const importTimes = [];
const dotImport = [];
const bareImport = [];
let importRss = 0;
for (let i = 0; i < Number(process.env.IMPORT_RUNS ?? Math.min(RUNS, 3)); i++) {
  const target = join(tmp, `import-${i}.db`);
  execFileSync(node, orders(target, 'init', '--shop-name', 'Import', '--timezone', 'Asia/Jakarta').slice(1), { stdio: 'ignore' });
  const r = timed(orders(target, 'import', csv));
  importTimes.push(r.ms);
  importRss = Math.max(importRss, r.rss ?? 0);
  const ref = join(tmp, `ref-${i}.db`);
  writeFileSync(join(tmp, 'import.sql'), `.import --csv ${csv} orders_csv\n`);
  dotImport.push(timed(['sh', '-c', `sqlite3 ${ref} < ${join(tmp, 'import.sql')}`]).ms);
  const bare = join(tmp, `bare-${i}.db`);
  execFileSync(node, orders(bare, 'init', '--shop-name', 'Import', '--timezone', 'Asia/Jakarta').slice(1), { stdio: 'ignore' });
  bareImport.push(Number(execFileSync(node, ['bench/reference-import.mjs', main, bare], { encoding: 'utf8' })));
  for (const db of [target, ref, bare]) for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
}

record(`orders import of that CSV (${N}, ${(statSync(csv).size / 1e6).toFixed(0)} MB)`, median(importTimes), 'sqlite3 .import', median(dotImport), '<= 2x', importRss);
record('  the same import: its floor', median(importTimes), 'bare inserts of its rows (bench/reference-import.mjs)', median(bareImport), 'information');

console.log(`\n| what | orders | reference | ratio | goal | peak RSS |\n| --- | ---: | ---: | ---: | --- | ---: |`);
for (const r of results) console.log(`| ${r.what} | ${r.ms.toFixed(0)} ms | ${r.refName} ${r.refMs.toFixed(0)} ms | ${r.ratio.toFixed(2)}x | ${r.goal} | ${r.rss ? `${r.rss.toFixed(0)} MB` : ''} |`);
rmSync(tmp, { recursive: true, force: true });
