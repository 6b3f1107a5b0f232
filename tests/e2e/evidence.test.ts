import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestOf, GENESIS, linkHash, type Source } from '../../src/db/evidence-hash.ts';
import { addKaos, Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
  addKaos(shop);
  shop.ok(['pay', '1', '85.000']);
  shop.ok(['confirm', '1', '--via', 'whatsapp']);
  shop.ok(['ready', '1'], { now: '2026-11-30' });
  shop.ok(['contact', '1', '--in', '--via', 'phone', 'Saya ambil hari Selasa ya'], { now: '2026-11-30' });
});
afterEach(() => shop.cleanup());

function head(): string {
  return /^Head: (\d+:[0-9a-f]{64})$/m.exec(shop.ok(['verify']))![1]!;
}

function seqOf(source: Source, rowId: number): number {
  return shop.query('SELECT max(seq) AS s FROM evidence WHERE source = ? AND row_id = ?', source, rowId)[0].s;
}

/** What someone who knows the scheme does after an edit: recompute every digest, link and the head. */
function rechain(): void {
  const entries = shop.query<{ seq: number; source: Source; row_id: number }>('SELECT seq, source, row_id FROM evidence ORDER BY seq');
  const rows = new Map<string, Record<string, unknown>>();
  for (const source of new Set(entries.map((e) => e.source))) {
    for (const r of shop.query(`SELECT * FROM ${source}`)) rows.set(`${source} ${r.id}`, r);
  }
  let hash = GENESIS;
  const updates: [string, ...unknown[]][] = [];
  for (const e of entries) {
    const digest = digestOf(e.source, rows.get(`${e.source} ${e.row_id}`)!);
    hash = linkHash(hash, digest);
    updates.push(['UPDATE evidence SET digest = ?, hash = ? WHERE seq = ?', digest, hash, e.seq]);
  }
  updates.push(['UPDATE evidence_head SET count = ?, hash = ?', entries.length, hash]);
  shop.tamperAll(updates);
}

describe('the evidence chain (SPEC 12)', () => {
  it('covers ledger rows, events, the log and every order, prints its head, and proves a recorded one', () => {
    const sources = shop.query('SELECT source, count(*) AS n FROM evidence GROUP BY source ORDER BY source');
    expect(sources.map((s) => s.source)).toEqual(['communications', 'events', 'ledger', 'orders']);
    const h = head();
    expect(shop.run(['verify', '--head', h]).code).toBe(0);
    // The owner's routine: the night's sweep queues the overdue notice, the morning's remind
    // prints it (a logged message), and a later sweep cancels the no-show (ledger and events).
    shop.ok(['sweep'], { now: '2026-12-02' });
    shop.ok(['remind'], { now: '2026-12-02' });
    const sweep = shop.okJson(['sweep'], { now: '2026-12-10' });
    expect(sweep.cancelled).toEqual([1]);
    expect(sweep.evidence_head.count).toBeGreaterThan(Number(h.split(':')[0]));
    expect(`${sweep.evidence_head.count}:${sweep.evidence_head.hash}`).toBe(head());
    // an old head still proves the chain's start after more was appended
    expect(shop.run(['verify', '--head', h]).stdout).toContain(`Recorded head ${h}: matches`);
  });

  const tampers: [string, string, Source, () => number][] = [
    ['a ledger amount', "UPDATE ledger SET amount = 5000 WHERE kind = 'payment'", 'ledger', () => shop.query("SELECT id FROM ledger WHERE kind = 'payment'")[0].id],
    ['an order status', "UPDATE orders SET status = 'completed' WHERE id = 1", 'orders', () => 1],
    ['frozen terms', 'UPDATE orders SET terms_storage_fee_per_day = 999 WHERE id = 1', 'orders', () => 1],
    ['an event', "UPDATE events SET detail = 'via nobody' WHERE kind = 'confirmed'", 'events', () => shop.query("SELECT id FROM events WHERE kind = 'confirmed'")[0].id],
  ];
  for (const [what, sql, source, id] of tampers) {
    it(`names ${what} edited behind the tool's back`, () => {
      shop.tamper(sql);
      const r = shop.run(['verify']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^orders: evidence entry ${seqOf(source, id())} \\([a-z ]+ ${id()}\\) fails verification: `));
    });
  }

  it('catches the last log entries removed, with their evidence and even with the head rewritten', () => {
    const h = head();
    const last = shop.query("SELECT max(seq) AS s FROM evidence WHERE source = 'communications'")[0].s;
    shop.tamper('DELETE FROM evidence WHERE seq >= ?', last);
    shop.tamper('DELETE FROM communications WHERE id = (SELECT max(id) FROM communications)');
    expect(shop.run(['verify']).stderr).toMatch(/the chain's head fails verification: the chain ends at entry \d+ but its head says \d+: its last entries were removed/);
    rechain();
    expect(shop.run(['verify']).code).toBe(0);
    const r = shop.run(['verify', '--head', h]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fewer than the \d+ recorded: entries were removed/);
  });

  it('an edit with the whole chain recomputed passes verify but not verify --head', () => {
    const h = head();
    shop.tamper("UPDATE ledger SET amount = 5000 WHERE kind = 'payment'");
    rechain();
    expect(shop.run(['verify']).code).toBe(0);
    const r = shop.run(['verify', '--head', h]);
    expect([r.code, r.stdout]).toEqual([1, expect.stringContaining('DOES NOT MATCH')]);
    expect(r.stderr).toMatch(/no longer give the recorded hash: an entry was changed or removed and the chain recomputed/);
  });

  it('names a row added outside orders', () => {
    shop.tamper("INSERT INTO ledger (order_id, kind, amount, created_at) VALUES (1, 'payment', 170000, '2026-11-25T00:00:00+07:00')");
    const id = shop.query('SELECT max(id) AS id FROM ledger')[0].id;
    expect(shop.run(['verify']).stderr).toBe(`orders: ledger row ${id} fails verification: it was added outside orders (it is not in the evidence chain).\n`);
  });

  it('a malformed --head is bad input', () => {
    const before = shop.dump();
    for (const bad of ['12', 'abc:def', `-1:${'0'.repeat(64)}`, `3:${'g'.repeat(64)}`]) {
      const r = shop.run(['verify', '--head', bad]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toBe(`orders: Invalid --head ${JSON.stringify(bad)}: give COUNT:HASH as \`orders verify\` or the sweep printed it (a count, a colon and 64 hex digits).\n`);
    }
    expect(shop.dump()).toBe(before);
  });
});
