import { main } from './cli.js';

// SQLite reads file: names (an immutable read of a database in a read-only directory,
// src/db/sqlite.ts); the driver reads this once, when it loads.
process.env.SQLITE_USE_URI = '1';

// A reader that stops early (`orders export | head`) is not an error: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// A script that drives many commands in one process (tests/e2e/counter-worker.cjs: four counters
// taking orders at once) sets ORDERS_LIBRARY and calls main itself; otherwise this is the program.
if (!process.env.ORDERS_LIBRARY) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}

export { main };
