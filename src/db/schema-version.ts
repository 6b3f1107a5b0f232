/** The newest schema version; schema.sql (SQLite) and schema.pg.sql (PostgreSQL) describe it. */
export const SCHEMA_VERSION = 2;
