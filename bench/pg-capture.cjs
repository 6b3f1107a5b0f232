// Preload (`node -r ./bench/pg-capture.cjs bin/orders --db postgres://... CMD`): appends every
// statement the command sends to PostgreSQL, with its parameter values as node-postgres sends
// them (text, or null), to the file named by PG_CAPTURE, one JSON line each:
// {"c": connection, "t": text, "v": [values], "s": 1 when streamed through a cursor}. bench/postgres.mjs replays them through psql.
// The bundle loads pg from dist/pg.cjs (its own copy of pg, built by build.mjs) beside the
// program run, or from node_modules when there is none: both are patched, so the prototype
// patched is the one it uses (the same module cache entry as the program's createRequire).
// Statements go through Client.prototype.query: Kysely's plain queries (text, values) and its
// streams (a pg-cursor object, whose text and values are read here; its later read() calls
// only fetch more rows of the same portal and send no statement).
const { appendFileSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const { prepareValue } = require('pg/lib/utils');
const drivers = [require('pg')];
try {
  // pg asks at load whether it runs on Cloudflare (src/db/postgres.ts): answered as the program does.
  globalThis.navigator ??= { userAgent: 'Node.js' };
  drivers.push(require(join(dirname(resolve(process.argv[1] ?? '.')), '..', 'dist', 'pg.cjs')).pg);
  delete globalThis.navigator;
} catch {
  // no bundled driver beside the program: node_modules' pg is the one it loads
}

const file = process.env.PG_CAPTURE;
if (!file) throw new Error('pg-capture: set PG_CAPTURE to the file the statements go to');
writeFileSync(file, '');
const ids = new WeakMap();
let next = 0;
for (const pg of drivers) patch(pg.Client.prototype);

function patch(proto) {
  const query = proto.query;
  proto.query = function capture(config, values, callback) {
    let text;
    let params;
    if (typeof config === 'string') {
      text = config;
      params = Array.isArray(values) ? values : undefined;
    } else if (config && typeof config.text === 'string') {
      text = config.text;
      params = config.values ?? (Array.isArray(values) ? values : undefined);
    }
    if (text !== undefined) {
      if (!ids.has(this)) ids.set(this, ++next);
      const v = params?.map((p) => {
        const x = prepareValue(p);
        return Buffer.isBuffer(x) ? { bytea: x.toString('hex') } : x;
      });
      // s: streamed through a pg-cursor (Kysely's .stream()), read a page at a time
      const streamed = typeof config === 'object' && typeof config.read === 'function' ? 1 : undefined;
      appendFileSync(file, `${JSON.stringify({ c: ids.get(this), t: text, v, s: streamed })}\n`);
    }
    return query.apply(this, arguments);
  };
}
