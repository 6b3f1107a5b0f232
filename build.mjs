// Bundles the CLI into one minified CommonJS file with esbuild, then records V8's code cache
// for it by running a few commands (bin/orders loads both). Commands are imported lazily in the
// source; esbuild keeps each behind an init function, so only the chosen one runs. CommonJS
// loads faster than a tree of ES module chunks on Node 20. better-sqlite3's JavaScript is
// bundled too (a dozen files resolved and compiled on every start cost ~3 ms); its native addon
// is loaded by path (src/db/open.ts), so the `bindings` package it would search with stays out.
// The prompt library (ES-only, needed only when a prompt is shown: see src/output/load.ts),
// pdfkit (receipt --pdf only; it reads its font files from its own folder) and dayjs (only for
// typed day names and day-first dates: 12 KB less for every start to load) stay in node_modules;
// the PostgreSQL driver (pg, pg-cursor) is bundled apart into dist/pg.cjs, loaded only for a
// postgres:// database.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// commander loads node:child_process when it loads (for executable subcommands, which orders
// does not have): ~3 ms of every start. Its copy is loaded on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => process.getBuiltinModule('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/orders.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: !process.env.ORDERS_NO_MINIFY,
  external: ['bindings', '@inquirer/prompts', 'pdfkit', 'dayjs', 'pg', 'pg-cursor'],
  define: { ORDERS_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__orders_url' },
  banner: { js: "const __orders_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});

// The PostgreSQL driver as one file of its own, loaded only for a postgres:// database (src/db/pg-driver.ts).
await build({
  entryPoints: ['src/db/pg-driver.ts'],
  outfile: 'dist/pg.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: !process.env.ORDERS_NO_MINIFY,
  external: ['pg-native'],
  logLevel: 'warning',
});

// Warm the code cache with what most runs do: open a database, read and print orders.
const dir = mkdtempSync(join(tmpdir(), 'orders-build-'));
const run = (...args) => execFileSync(process.execPath, ['bin/orders', '--db', join(dir, 'o.db'), '--now', '2026-01-05', ...args],
  { env: { ...process.env, ORDERS_WRITE_CODE_CACHE: args.includes('--json') && args[0] === 'show' ? '1' : '' }, stdio: 'ignore' });
try {
  run('add', '--customer', 'Cache', '--phone', '+6281234567890', '--item', 'x:1:1', '--pickup', '2026-01-06');
  run('list', '--json');
  run('show', '1', '--json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
