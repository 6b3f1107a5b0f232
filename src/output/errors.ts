import { CommanderError } from 'commander';
import { RefusedError, UsageError } from '../core/errors.js';

/** Maps an error to its exit code (SPEC 8) and writes one plain sentence to stderr. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof UsageError || err instanceof RefusedError) {
    stderr.write(`orders: ${err.message}\n`);
    if (env.DEBUG) stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as { code?: string; message?: string; stack?: string };
  // 55P03: PostgreSQL's lock_timeout (src/db/postgres.ts), its SQLITE_BUSY.
  if (e.code?.startsWith('SQLITE_BUSY') || e.code === '55P03') {
    stderr.write('orders: the database is busy (another orders command is writing); try again in a moment.\n');
  } else if (e.code?.startsWith('SQLITE_READONLY')) {
    stderr.write('orders: the database is read-only; check the permissions of the file and its directory.\n');
    return 2;
  } else {
    stderr.write(`orders: unexpected error: ${e.message ?? String(err)}\n`);
  }
  if (env.DEBUG) stderr.write(`${e.stack}\n`);
  return 1;
}
