// The PostgreSQL driver and its helpers in one module: the build bundles it into a file of
// its own (dist/pg-driver.cjs), loaded only for a postgres:// --db. Read from node_modules, pg
// and its dependencies are some thirty files to find and compile on every such start.
import pg from 'pg';
import Cursor from 'pg-cursor';
import { parse } from 'pg-connection-string';
import pgpass from 'pgpass';

export { Cursor, parse, pg, pgpass };
