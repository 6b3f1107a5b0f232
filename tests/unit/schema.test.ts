import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATION_STEPS } from '../../src/db/migration-steps.js';
import { SCHEMA_VERSION } from '../../src/db/sqlite.js';

const root = resolve(import.meta.dirname, '../..');

/** Tables with their columns (name, type, not null, default, key), indexes and CREATE text. */
function shape(d: Sqlite.Database): unknown {
  const objects = d.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[];
  return objects.map((o) => ({
    type: o.type,
    name: o.name,
    // Column order may differ after ALTER TABLE ADD COLUMN; compare the set of columns.
    columns: o.type === 'table'
      ? (d.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY name`).all(o.name))
      : undefined,
    // CHECK constraints and partial-index conditions live in the CREATE text only.
    checks: (o.sql ?? '').match(/CHECK\s*\((?:[^()]|\([^()]*\))*\)/gi)?.map((c) => c.replace(/\s+/g, ' ')).sort() ?? [],
    where: o.type === 'index' ? (o.sql ?? '').replace(/\s+/g, ' ').replace(/^.* ON /i, '') : undefined,
  }));
}

function migrated(): Sqlite.Database {
  const d = new Sqlite(':memory:');
  d.exec(readFileSync(join(root, 'tests/fixtures/schema-v1.sql'), 'utf8'));
  d.transaction(() => {
    for (let v = 2; v <= SCHEMA_VERSION; v++) {
      const dir = join(root, 'migrations', String(v));
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.sql')).sort()) d.exec(readFileSync(join(dir, f), 'utf8'));
      for (const step of MIGRATION_STEPS[v] ?? []) step(d);
    }
  }).immediate();
  return d;
}

describe('schema.sql and the migrations', () => {
  it('a version-1 file migrated to the newest version has the shape of a new file', () => {
    const fresh = new Sqlite(':memory:');
    fresh.exec(readFileSync(join(root, 'schema.sql'), 'utf8'));
    expect(shape(migrated())).toEqual(shape(fresh));
  });

  it('every version up to the newest has a migration folder', () => {
    for (let v = 2; v <= SCHEMA_VERSION; v++) expect(readdirSync(join(root, 'migrations', String(v))).length).toBeGreaterThan(0);
  });
});

/** Each CREATE TABLE's columns and each CREATE INDEX's name, table and condition, from a DDL text. */
function ddlShape(text: string): { tables: Record<string, string[]>; indexes: string[]; checks: number } {
  const sqlText = text.replace(/--[^\n]*/g, '');
  const tables: Record<string, string[]> = {};
  for (const m of sqlText.matchAll(/CREATE TABLE (\w+) \(([^;]*)\);/g)) {
    tables[m[1]!] = m[2]!.split('\n').map((l) => l.trim()).filter((l) => /^[a-z_]+\s/.test(l)).map((l) => l.split(/\s+/)[0]!).sort();
  }
  const indexes = [...sqlText.matchAll(/CREATE (?:UNIQUE )?INDEX (\w+) ON ([^;]+);/g)].map((m) => `${m[1]} ON ${m[2]!.replace(/\s+/g, ' ')}`).sort();
  return { tables, indexes, checks: (sqlText.match(/CHECK \(/g) ?? []).length };
}

describe('schema.pg.sql', () => {
  it('has the tables, columns, indexes and checks of schema.sql, and its version table', () => {
    const sqlite = ddlShape(readFileSync(join(root, 'schema.sql'), 'utf8'));
    const pg = ddlShape(readFileSync(join(root, 'schema.pg.sql'), 'utf8'));
    expect(pg.tables).toEqual({ ...sqlite.tables, schema_version: ['version'] });
    expect(pg.indexes).toEqual(sqlite.indexes);
    expect(pg.checks).toBe(sqlite.checks);
  });

  it('gives every table with an id the next id after the largest, as SQLite does', () => {
    const text = readFileSync(join(root, 'schema.pg.sql'), 'utf8');
    const withId = Object.entries(ddlShape(text).tables).filter(([name, cols]) => cols.includes('id') && name !== 'evidence_head').map(([name]) => name).sort();
    const triggered = [...text.matchAll(/CREATE TRIGGER (\w+)_next_id BEFORE INSERT ON (\w+) FOR EACH ROW WHEN \(NEW\.id IS NULL\)/g)].map((m) => m[2]).sort();
    expect(triggered).toEqual(withId);
  });
});
