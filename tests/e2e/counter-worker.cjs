// One shop counter working as fast as it can, through the built program's own main() in this
// one process (a process per command would measure Node's start-up, not the database). Used by
// counters.test.ts, several at once. argv[2] is a JSON job:
//   { db, now, take: { counter, n } }   for each of n orders: add, pay the DP, confirm
//   { db, now, each: { ids, args } }    runs args for each id ("{id}" in args is replaced)
// Prints one JSON line: { ids, ok, refused, failures, ms }.
process.env.ORDERS_LIBRARY = '1';
const { main } = require('../../dist/orders.cjs');

const job = JSON.parse(process.argv[2]);

async function run(args) {
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = (chunk, ...rest) => {
    out += chunk;
    const done = rest.find((r) => typeof r === 'function');
    if (done) done();
    return true;
  };
  try {
    const code = await main(['node', 'orders', '--db', job.db, '--now', job.now, ...args]);
    return { code, out };
  } finally {
    process.stdout.write = write;
  }
}

(async () => {
  const r = { ids: [], ok: [], refused: [], failures: [], ms: 0 };
  const start = performance.now();
  if (job.take) {
    const { counter, n } = job.take;
    for (let i = 0; i < n; i++) {
      const phone = `+62813${counter}${String(i).padStart(6, '0')}`;
      const add = await run(['add', '--customer', `Counter ${counter} customer ${i}`, '--phone', phone, '--item', 'Kaos sablon:2:85.000', '--pickup', '2026-12-01', '--json']);
      if (add.code !== 0) { r.failures.push(`add ${i}: exit ${add.code}`); continue; }
      const id = JSON.parse(add.out).id;
      r.ids.push(id);
      for (const args of [['pay', String(id), '85.000', '--method', 'cash'], ['confirm', String(id), '--via', 'whatsapp']]) {
        const c = await run(args);
        if (c.code !== 0) r.failures.push(`${args[0]} ${id}: exit ${c.code}`);
      }
    }
  }
  if (job.each) {
    for (const id of job.each.ids) {
      const c = await run(job.each.args.map((a) => a.replace('{id}', String(id))));
      if (c.code === 0) r.ok.push(id);
      else if (c.code === 1) r.refused.push(id);
      else r.failures.push(`${job.each.args[0]} ${id}: exit ${c.code}`);
    }
  }
  r.ms = Math.round(performance.now() - start);
  process.stdout.write(`${JSON.stringify(r)}\n`);
})();
