// The PostgreSQL column of `npm run bench` (issue 15): the commands of bench/run.mjs on the same
// generated shops, copied into PostgreSQL with `orders copy`, each timed as a whole process
// against psql running the same SQL: the statements the command sent, captured by a preload
// (bench/pg-capture.cjs) on a run of its own, with their parameters written in as literals.
// Interleaved in the same rounds, medians of RUNS, peak RSS from /usr/bin/time -v, and the
// SQLite figure of the same command in the same rounds. Needs a server: PGHOST, PGPORT and
// PGUSER (`.ci/with-postgres node bench/postgres.mjs` starts a throwaway one); skips without.
// Its databases are named bench_*; they are dropped at the end unless BENCH_PG_KEEP=1, which
// keeps the loaded shops for the next run (loading 1M orders takes minutes).
// ORDERS_BIN times another copy of the CLI than bin/orders; BENCH_PG_ONLY=sweep,export runs only those parts.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { dataset, median, peakRssMb, timed, timeInterleaved } from './lib.mjs';

if (!process.env.PGHOST) {
  console.log('bench/postgres.mjs: skipped, PGHOST is not set (run `.ci/with-postgres node bench/postgres.mjs`, or set PGHOST, PGPORT, PGUSER to a server).');
  process.exit(0);
}

const N = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const SWEEP_RUNS = Number(process.env.SWEEP_RUNS ?? RUNS);
// One import at 1M orders is ~7 minutes on PostgreSQL, plus its capture and its replay.
const IMPORT_RUNS = Number(process.env.IMPORT_RUNS ?? (N >= 500_000 ? 1 : Math.min(RUNS, 3)));
const KEEP = process.env.BENCH_PG_KEEP === '1';
/** BENCH_PG_ONLY=sweep,export runs those parts alone (reads, sweep, report, export, import); all by default. */
const only = process.env.BENCH_PG_ONLY?.split(',').map((s) => s.trim());
const wanted = (part) => !only || only.includes(part);
const NOW = '2026-11-25';
/** The CLI to time: bin/orders, or ORDERS_BIN (a copy of the tree with its node_modules linked, when dist/ may be rebuilt meanwhile). */
const bin = process.env.ORDERS_BIN ?? 'bin/orders';
const node = process.execPath;
const tmp = mkdtempSync(join(tmpdir(), 'orders-bench-pg-'));
const { PGHOST: host, PGPORT: port = '5432', PGUSER: user = 'postgres' } = process.env;
const url = (name) => `postgres://${encodeURIComponent(user)}@${host.includes(':') ? `[${host}]` : host}:${port}/${name}`;

/** psql with no ~/.psqlrc, stopping at the first error; the server comes from PGHOST and the rest. */
const quiet = { ...process.env, PGOPTIONS: `${process.env.PGOPTIONS ?? ''} -c client_min_messages=warning` };
const psql = (...args) => execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: quiet });
const admin = (statement) => psql('-d', 'postgres', '-c', statement);
const scalar = (name, query) => psql('-d', name, '-A', '-t', '-c', query).trim();
const exists = (name) => scalar('postgres', `SELECT count(*) FROM pg_database WHERE datname = '${name}'`) === '1';
const drop = (name) => admin(`DROP DATABASE IF EXISTS ${name}`);
/** A fresh copy of a loaded shop; FILE_COPY copies its files instead of WAL-logging every page. */
const fresh = (name, template) => { drop(name); admin(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`); };

const created = new Set();
const masters = new Set();
// Whatever happens, no bench_ database of this run is left behind (the loaded shops stay with BENCH_PG_KEEP=1).
process.on('exit', () => {
  for (const name of created) if (!(KEEP && masters.has(name))) try { drop(name); } catch {}
  rmSync(tmp, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
/** The SQLite shop copied into a PostgreSQL database of its own (in one transaction), then VACUUM ANALYZE. */
function load(file, name) {
  created.add(name);
  masters.add(name);
  if (KEEP && exists(name) && scalar(name, 'SELECT count(*) FROM orders') === String(N)) return null;
  drop(name);
  admin(`CREATE DATABASE ${name}`);
  console.error(`copying ${file} into ${name}...`);
  const start = process.hrtime.bigint();
  execFileSync(node, [bin, '--db', file, 'copy', '--to', url(name)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  psql('-d', name, '-c', 'VACUUM ANALYZE');
  return ms;
}

const main = dataset(`orders-${N}`, N, 0, NOW);
const due = dataset(`orders-${N}-due`, N, Math.round(N / 10), NOW);
const pgMain = `bench_orders_${N}`;
const pgDue = `bench_orders_${N}_due`;
const loads = { main: load(main, pgMain), due: load(due, pgDue) };
const orders = (db, ...args) => [node, bin, '--db', db, '--now', NOW, ...args];
const pg = (name, ...args) => orders(url(name), ...args);

/**
 * Runs a command once under the capture preload and writes what it sent as one SQL file for
 * psql: parameters as quoted literals (node-postgres sends them as text of no declared type,
 * and an unknown-typed literal is inferred from its place in the same way). A streamed
 * statement (a pg-cursor) is marked; `copy` turns it into `\copy (...) TO file CSV HEADER`.
 */
async function capture(label, cmd) {
  const log = join(tmp, `${label}.jsonl`);
  const [c, ...args] = cmd;
  const r = spawnSync(c, ['-r', './bench/pg-capture.cjs', ...args], { env: { ...process.env, PG_CAPTURE: log }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`capture of ${label} failed: ${r.stderr}`);
  return log;
}

const literal = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'object' ? `'\\x${v.bytea}'::bytea` : `'${String(v).replaceAll("'", "''")}'`);
const inline = (s) => (s.v?.length ? s.t.replace(/\$(\d+)/g, (_, i) => literal(s.v[Number(i) - 1])) : s.t);

/** The captured statements as one psql script; with copyTo, the streamed SELECT becomes a \copy to that file. */
async function replay(log, file, copyTo) {
  const out = openSync(file, 'w');
  const stats = { statements: 0, connections: new Set(), streamed: 0, bytes: 0, shapes: new Map() };
  for await (const line of createInterface({ input: createReadStream(log), crlfDelay: Infinity })) {
    if (!line) continue;
    const s = JSON.parse(line);
    stats.statements++;
    stats.connections.add(s.c);
    const key = shape(s.t);
    stats.shapes.set(key, (stats.shapes.get(key) ?? 0) + 1);
    let text = inline(s);
    if (s.s) stats.streamed++;
    if (s.s && copyTo) text = `\\copy (${text.replace(/\s*\n\s*/g, ' ')}) TO '${copyTo}' CSV HEADER\n`;
    else text = `${text.replace(/;\s*$/, '')};\n`;
    stats.bytes += writeSync(out, text);
  }
  closeSync(out);
  return { ...stats, connections: stats.connections.size };
}

/** A statement by its first words, values and tuple lists folded, to count what a command sends. */
const shape = (text) => text.slice(0, 400).replace(/\s+/g, ' ').trim().replace(/\$\d+/g, '?')
  .replace(/\((\?|'[^']*'|\d+)(, (\?|'[^']*'|\d+))*\)(, \((\?|'[^']*'|\d+)(, (\?|'[^']*'|\d+))*\)?)*/g, '(...)').slice(0, 90);

const refArgs = (file) => ['psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', pgMain, '-f', file, '-o', '/dev/null'];
const writes = (stats) => [...stats.shapes].filter(([k]) => /^(insert|update|delete)/i.test(k)).reduce((n, [, c]) => n + c, 0);

const results = [];
const notes = [];
function record(what, ms, refName, refMs, goal, rss, sqliteMs) {
  results.push({ what, ms, refName, refMs, goal, rss, sqliteMs });
  console.error(`${what}: ${ms.toFixed(0)} ms vs ${refName} ${refMs.toFixed(0)} ms (${(ms / refMs).toFixed(2)}x)${rss ? `, peak ${rss.toFixed(0)} MB` : ''}${sqliteMs ? `; SQLite ${sqliteMs.toFixed(0)} ms` : ''}`);
}
const describe = (label, log, stats) => {
  const top = [...stats.shapes].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, n]) => `${n}x ${k}`).join('; ');
  notes.push(`${label}: ${stats.statements} statements on ${stats.connections} connection(s), ${(stats.bytes / 1e6).toFixed(1)} MB of SQL: ${top}`);
  console.error(notes.at(-1));
};

/** What a writer left: counts that the command and its psql replay must agree on. */
const after = (name) => scalar(name, "SELECT (SELECT count(*) FROM ledger) || ' ledger, ' || (SELECT count(*) FROM events) || ' events, ' || (SELECT count(*) FROM outbox) || ' outbox, ' || (SELECT count FROM evidence_head) || ' evidence, ' || (SELECT count(*) FROM orders WHERE status = 'cancelled') || ' cancelled'");

// 1. The reads an owner does all day, and start-up: node -e 0 against psql doing nothing.
const day = '2026-11-27';
const id = String(Math.floor(N / 2));
const reads = {
  show: ['show', id, '--json'],
  list: ['list', '--status', 'ready', '--pickup-from', day, '--pickup-to', day, '--json'],
  today: ['today'],
  report: ['report', '--from', '2025-01-01', '--to', NOW, '--by', 'month', '--json'],
};
const sqlOf = {};
// Only the reads a run times are captured (report has its own part).
for (const [name, args] of Object.entries(reads).filter(([name]) => wanted(name === 'report' ? 'report' : 'reads'))) {
  const log = await capture(name, pg(pgMain, ...args));
  sqlOf[name] = join(tmp, `${name}.sql`);
  const stats = await replay(log, sqlOf[name]);
  if (writes(stats)) console.error(`warning: ${name} wrote to the database (${writes(stats)} statements); later runs see its rows`);
  describe(name, log, stats);
}
if (wanted('reads')) {
  const t = timeInterleaved({
    node: [node, '-e', '0'],
    psql: ['psql', '-X', '-q', '-d', pgMain, '-c', 'SELECT 1', '-o', '/dev/null'],
    show: pg(pgMain, ...reads.show), showRef: refArgs(sqlOf.show), showLite: orders(main, ...reads.show),
    list: pg(pgMain, ...reads.list), listRef: refArgs(sqlOf.list), listLite: orders(main, ...reads.list),
    today: pg(pgMain, ...reads.today), todayRef: refArgs(sqlOf.today), todayLite: orders(main, ...reads.today),
  }, Math.max(RUNS, 10));
  record('start-up alone: `node -e 0` against `psql -c "SELECT 1"`', t.node, '', t.psql, 'information', null, null);
  record(`\`orders show ID --json\``, t.show, '', t.showRef, '', peakRssMb(pg(pgMain, ...reads.show)), t.showLite);
  record(`\`orders list --status ready --pickup-from D --pickup-to D --json\` (one day)`, t.list, '', t.listRef, '', peakRssMb(pg(pgMain, ...reads.list)), t.listLite);
  record('`orders today`', t.today, '', t.todayRef, '', peakRssMb(pg(pgMain, ...reads.today)), t.todayLite);
}

// 2. The sweep with N/10 due, each run on a fresh copy of the loaded shop (made before the
// clock starts): the command, psql replaying what it sent, and SQLite on a copy of the file.
if (wanted('sweep')) {
  const sweepDb = 'bench_sweep';
  created.add(sweepDb);
  fresh(sweepDb, pgDue);
  const sweepLog = await capture('sweep', pg(sweepDb, 'sweep', '--json'));
  const sweepState = after(sweepDb);
  const sweepSql = join(tmp, 'sweep.sql');
  describe('sweep', sweepLog, await replay(sweepLog, sweepSql));
  const times = { sweep: [], sweepRef: [], sweepLite: [] };
  let sweepRss = 0;
  for (let i = 0; i < SWEEP_RUNS; i++) {
    fresh(sweepDb, pgDue);
    const r = timed(pg(sweepDb, 'sweep', '--json'));
    times.sweep.push(r.ms);
    sweepRss = Math.max(sweepRss, r.rss ?? 0);
    if (i === 0 && after(sweepDb) !== sweepState) throw new Error(`the sweep left ${after(sweepDb)}, its captured run ${sweepState}`);
    fresh(sweepDb, pgDue);
    times.sweepRef.push(timed(['psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', sweepDb, '-f', sweepSql, '-o', '/dev/null']).ms);
    if (i === 0 && after(sweepDb) !== sweepState) throw new Error(`the replayed sweep left ${after(sweepDb)}, the command ${sweepState}`);
    const copy = join(tmp, 'sweep.db');
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
    copyFileSync(due, copy);
    times.sweepLite.push(timed(orders(copy, 'sweep', '--json')).ms);
  }
  drop(sweepDb);
  notes.push(`sweep: the command and its replay both left ${sweepState}`);
  record(`\`orders sweep --json\` (${Math.round(N / 10).toLocaleString('en')} due)`, median(times.sweep), '', median(times.sweepRef), '<= 1.5x', sweepRss, median(times.sweepLite));
}

// 3. The report (captured above with the reads).
if (wanted('report')) {
  const rep = timeInterleaved({ report: pg(pgMain, ...reads.report), ref: refArgs(sqlOf.report), lite: orders(main, ...reads.report) }, RUNS);
  record('`orders report --by month` (whole two years)', rep.report, '', rep.ref, '<= 1.5x', peakRssMb(pg(pgMain, ...reads.report)), rep.lite);
}

// 4. Export against psql writing the same SELECT as CSV through a cursor of 1,000 rows, and
// against \copy of it; SQLite's export in the same rounds.
const csv = join(tmp, 'orders.csv');
// The import reads the CSV the export wrote.
if (wanted('export') || wanted('import')) {
  const exportLog = await capture('export', pg(pgMain, 'export', 'orders', '--format', 'csv'));
  const exportSql = join(tmp, 'export.sql');
  const exportCopySql = join(tmp, 'export-copy.sql');
  describe('export', exportLog, await replay(exportLog, exportSql));
  await replay(exportLog, exportCopySql, join(tmp, 'ref-copy.csv'));
  const exp = timeInterleaved({
    export: ['sh', '-c', `${node} ${bin} --db ${url(pgMain)} export orders --format csv > ${csv}`],
    psqlCsv: ['psql', '-X', '-q', '--csv', '-v', 'FETCH_COUNT=1000', '-v', 'ON_ERROR_STOP=1', '-d', pgMain, '-f', exportSql, '-o', join(tmp, 'ref.csv')],
    psqlCopy: ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', pgMain, '-f', exportCopySql],
    lite: ['sh', '-c', `${node} ${bin} --db ${main} export orders --format csv > ${join(tmp, 'lite.csv')}`],
  }, RUNS);
  const exportRss = peakRssMb(pg(pgMain, 'export', 'orders', '--format', 'csv'));
  if (execFileSync('sh', ['-c', `cmp ${csv} ${join(tmp, 'lite.csv')} && echo same || echo differ`], { encoding: 'utf8' }).trim() !== 'same') notes.push('export: the CSV from PostgreSQL differs from SQLite\'s');
  else notes.push('export: the CSV from PostgreSQL is byte for byte SQLite\'s');
  record('`orders export orders --format csv`', exp.export, '`psql --csv`, FETCH_COUNT=1000', exp.psqlCsv, '<= 1.5x', exportRss, exp.lite);
  record('&nbsp;&nbsp;the same export', exp.export, '`\\copy (SELECT ...) TO file CSV`', exp.psqlCopy, 'information', null, null);
}

// 5. Import of that CSV into an empty shop made by `orders init`, a fresh copy per run.
if (wanted('import')) {
  const importMaster = 'bench_import_master';
  const importDb = 'bench_import';
  created.add(importMaster).add(importDb);
  drop(importMaster);
  admin(`CREATE DATABASE ${importMaster}`);
  execFileSync(node, pg(importMaster, 'init', '--shop-name', 'Import', '--timezone', 'Asia/Jakarta').slice(1), { stdio: 'ignore' });
  fresh(importDb, importMaster);
  console.error('capturing the import...');
  const importLog = await capture('import', pg(importDb, 'import', csv));
  const importState = after(importDb);
  const importSql = join(tmp, 'import.sql');
  describe('import', importLog, await replay(importLog, importSql));
  rmSync(importLog, { force: true });
  const imp = { orders: [], ref: [], lite: [] };
  let importRss = 0;
  for (let i = 0; i < IMPORT_RUNS; i++) {
    fresh(importDb, importMaster);
    const r = timed(pg(importDb, 'import', csv));
    imp.orders.push(r.ms);
    importRss = Math.max(importRss, r.rss ?? 0);
    fresh(importDb, importMaster);
    imp.ref.push(timed(['psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', importDb, '-f', importSql, '-o', '/dev/null']).ms);
    if (i === 0 && after(importDb) !== importState) throw new Error(`the replayed import left ${after(importDb)}, the command ${importState}`);
    const target = join(tmp, `import-${i}.db`);
    execFileSync(node, orders(target, 'init', '--shop-name', 'Import', '--timezone', 'Asia/Jakarta').slice(1), { stdio: 'ignore' });
    imp.lite.push(timed(orders(target, 'import', csv)).ms);
    for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  }
  record(`\`orders import\` of that CSV (${(statSync(csv).size / 1e6).toFixed(0)} MB)`, median(imp.orders), '', median(imp.ref), 'information', importRss, median(imp.lite));
}


const ms = (x) => `${Math.round(x).toLocaleString('en')} ms`;
console.log(`\n${N.toLocaleString('en')} orders; PostgreSQL ${scalar('postgres', 'SHOW server_version')}, psql ${/\d+\.\d+/.exec(execFileSync('psql', ['--version'], { encoding: 'utf8' }))[0]}. Medians of ${RUNS} (reads: ${Math.max(RUNS, 10)}, sweep: ${SWEEP_RUNS}, import: ${IMPORT_RUNS}).`);
if (loads.main) console.log(`Loading: \`orders copy --to postgres://...\` ${ms(loads.main)} (${N.toLocaleString('en')} orders), ${ms(loads.due)} (the shop with ${Math.round(N / 10).toLocaleString('en')} due), then VACUUM ANALYZE.`);
console.log(`\n| what | orders on PostgreSQL | psql, same SQL | ratio | goal | peak RSS | orders on SQLite |\n| --- | ---: | ---: | ---: | --- | ---: | ---: |`);
for (const r of results) {
  console.log(`| ${r.what} | ${ms(r.ms)} | ${r.refName ? `${r.refName} ` : ''}${ms(r.refMs)} | ${(r.ms / r.refMs).toFixed(2)}x | ${r.goal === 'information' ? '' : r.goal} | ${r.rss ? `${r.rss.toFixed(0)} MB` : ''} | ${r.sqliteMs ? ms(r.sqliteMs) : ''} |`);
}
console.log(`\nWhat each command sent (captured by bench/pg-capture.cjs):\n${notes.map((n) => `- ${n}`).join('\n')}`);
