// Start-up: `orders --version` and read commands on a small database against `node -e 0`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeInterleaved } from './lib.mjs';

const node = process.execPath;
const dir = mkdtempSync(join(tmpdir(), 'orders-bench-'));
const db = join(dir, 'small.db');
const orders = (...args) => [node, 'bin/orders', '--db', db, '--now', '2026-11-25', ...args];
try {
  for (let i = 0; i < 20; i++) {
    execFileSync(node, orders('add', '--customer', `Customer ${i}`, '--phone', `+62812345678${String(i).padStart(2, '0')}`,
      '--item', 'Kaos:2:85000', '--pickup', '2026-12-01').slice(1), { stdio: 'ignore' });
  }
  const runs = Number(process.env.RUNS ?? 15);
  const t = timeInterleaved({
    'node -e 0': [node, '-e', '0'],
    'orders --version': [node, 'bin/orders', '--version'],
    'orders list --json (20 orders)': orders('list', '--json'),
    'orders show 1 --json': orders('show', '1', '--json'),
  }, runs);
  const base = t['node -e 0'];
  console.log(`start-up, median of ${runs} interleaved runs`);
  console.log('| command | median ms | ratio to node -e 0 |\n| --- | ---: | ---: |');
  for (const [name, ms] of Object.entries(t)) console.log(`| ${name} | ${ms.toFixed(1)} | ${(ms / base).toFixed(2)}x |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
