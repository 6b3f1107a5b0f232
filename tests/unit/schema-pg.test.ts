import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Tables -> column names, and index names, from a schema file's CREATE statements. */
function shape(file: string): { tables: Record<string, string[]>; indexes: string[]; checks: number } {
  const text = readFileSync(resolve(root, file), 'utf8').replace(/--[^\n]*/g, '');
  const tables: Record<string, string[]> = {};
  for (const m of text.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\);/g)) {
    if (m[1] === 'orders_schema') continue;
    tables[m[1]!] = m[2]!.split('\n').map((l) => l.trim().split(/\s+/)[0]!).filter((w) => /^[a-z_]+$/.test(w)).sort();
  }
  const indexes = [...text.matchAll(/CREATE (?:UNIQUE )?INDEX (\w+)/g)].map((m) => m[1]!).sort();
  return { tables, indexes, checks: (text.match(/CHECK \(/g) ?? []).length };
}

describe('schema.pg.sql', () => {
  it('has the tables, columns, indexes and checks of schema.sql', () => {
    const sqlite = shape('schema.sql');
    expect(Object.keys(sqlite.tables).length).toBeGreaterThanOrEqual(10);
    expect(sqlite.tables.orders).toContain('pickup_date');
    expect(shape('schema.pg.sql')).toEqual(sqlite);
  });
});
