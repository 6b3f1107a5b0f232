// One shop counter for the concurrency test: takes `count` orders through the real command
// code (add, pay in full, confirm), in this one process, each command opening and closing its
// own connection as a separate `orders` run would; then tries to pay each of the shared
// orders in full, as a second counter taking the same customer's money at the same moment.
// Prints one JSON line: what it did and what it was refused.
import { main } from '../../src/cli.js';

const [url, counter, countText, sharedText] = process.argv.slice(2) as [string, string, string, string];
const count = Number(countText);
const shared = sharedText ? sharedText.split(',').map(Number) : [];

/** Runs one command; returns its exit code and stdout (kept from the terminal). */
async function orders(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await main(['node', 'orders', '--db', url, '--now', '2026-11-25', ...args]);
    return { code, out };
  } finally {
    process.stdout.write = write;
  }
}

async function counterRun(): Promise<void> {
  const result = { counter, added: [] as number[], failed: 0, paid: [] as number[], refused: [] as number[] };
  for (let i = 1; i <= count; i++) {
    const phone = `+62811${counter.padStart(2, '0')}${String(i).padStart(5, '0')}`;
    const add = await orders('add', '--customer', `Counter ${counter} customer ${i}`, '--phone', phone, '--item', 'Kaos:2:85.000', '--pickup', '2026-12-01', '--json');
    if (add.code !== 0) {
      result.failed++;
      continue;
    }
    const id = JSON.parse(add.out).id as number;
    result.added.push(id);
    if ((await orders('pay', String(id), '170.000', '--method', 'transfer')).code !== 0) result.failed++;
    if ((await orders('confirm', String(id), '--via', 'whatsapp')).code !== 0) result.failed++;
  }
  for (const id of shared) {
    const r = await orders('pay', String(id), '170.000');
    (r.code === 0 ? result.paid : result.refused).push(id);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void counterRun();
