// The PostgreSQL driver, built on its own into dist/pg.cjs (build.mjs): one file to read instead
// of pg's several dozen modules saves ~40 ms of every command on a postgres:// database, and
// SQLite's commands never load it (src/db/postgres.ts requires it on a postgres URL only).
import pg from 'pg';
import Cursor from 'pg-cursor';

export { Cursor, pg };
