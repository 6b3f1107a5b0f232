import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/dates.ts';
import { Shop } from './harness.ts';

let shop: Shop;
beforeEach(() => {
  shop = new Shop().init();
});
afterEach(() => shop.cleanup());

const BUDI = ['--customer', 'Budi Santoso', '--phone', '0812-3456-7890'];

/**
 * An order for Budi that he never collects: ready on its pickup date, warned the next morning
 * (the night's sweep, then remind), cancelled by the sweep 7 days after the pickup date.
 */
function noShow(pickup: string, cancelDay: string): any {
  const o = shop.okJson(['add', ...BUDI, '--item', 'Kaos:2:100.000', '--pickup', pickup], { now: pickup });
  shop.ok(['pay', String(o.id), String(o.deposit_required)], { now: pickup });
  shop.ok(['confirm', String(o.id), '--via', 'whatsapp'], { now: pickup });
  shop.ok(['ready', String(o.id)], { now: pickup });
  shop.ok(['sweep'], { now: addDays(pickup, 1) });
  shop.ok(['remind'], { now: addDays(pickup, 1) });
  return shop.run(['sweep', '--json'], { now: cancelDay }).json();
}

const newOrder = (extra: string[] = [], now = '2026-11-25') => shop.run(['add', ...BUDI, '--item', 'Kaos:2:100.000', '--pickup', '2026-12-10', '--json', ...extra], { now });

describe('the rising deposit and the blacklist', () => {
  it('raises the DP after one no-show, and the second makes the sweep propose the blacklist', () => {
    expect(noShow('2026-11-01', '2026-11-08').cancelled).toEqual([1]);
    const after1 = newOrder([], '2026-11-09');
    expect(after1.json()).toMatchObject({ deposit_required: 100000, deposit_percent: 50 });
    expect(after1.stderr).toContain('orders: note: Earlier order #1 was a no-show: DP Rp 100.000 forfeited.');
    const tooLow = newOrder(['--deposit', '30%'], '2026-11-09');
    expect(tooLow.code).toBe(1);
    expect(tooLow.stderr).toContain('Deposit Rp 60.000 is below the 50% (Rp 100.000) this customer needs: 1 no-show on record (deposit.escalation 30,50,100); add --override-deposit REASON to accept it.');
    const overridden = newOrder(['--deposit', '30%', '--override-deposit', 'pelanggan lama'], '2026-11-09').json();
    expect(overridden.deposit_required).toBe(60000);
    expect(shop.query("SELECT detail FROM events WHERE kind = 'deposit-override'")[0].detail).toBe('DP 30% instead of 50% (1 no-show on record (deposit.escalation 30,50,100)): pelanggan lama');

    const second = noShow('2026-11-10', '2026-11-17');
    expect(second).toMatchObject({ cancelled: [4], blacklist_proposed: [1], blacklisted: [] });
    const full = newOrder([], '2026-11-18').json();
    expect(full).toMatchObject({ deposit_required: 200000, deposit_percent: 100, deposit_reason: 'DP 100%: 2 no-shows on record (deposit.escalation 30,50,100)' });
  });

  it('with blacklist.auto on, the sweep makes the entry', () => {
    shop.ok(['config', 'set', 'blacklist.auto', 'on']);
    noShow('2026-11-01', '2026-11-08');
    expect(noShow('2026-11-10', '2026-11-17')).toMatchObject({ blacklist_proposed: [], blacklisted: [1] });
    expect(shop.run(['blacklist', 'list', '--json']).json()).toMatchObject([{ customer_id: 1, reason: '2 no-shows (blacklist.auto)', lifted_at: null }]);
  });

  it('under each policy a blacklisted customer\'s new order behaves as specified', () => {
    shop.okJson(['add', ...BUDI, '--item', 'Kaos:1:100.000', '--pickup', '2026-11-30']);
    shop.ok(['blacklist', 'add', '0812-3456-7890', '--reason', 'tidak pernah ambil', '--yes']);

    // full-payment (the default): DP is 100%
    expect(newOrder().json()).toMatchObject({ deposit_required: 200000, deposit_percent: 100, customer: { blacklisted: true } });

    shop.ok(['config', 'set', 'blacklist.policy', 'block']);
    const before = shop.dump();
    const blocked = newOrder();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toBe('orders: Budi Santoso (+6281234567890) is blacklisted and blacklist.policy is block, so the order was not taken; add --override-blacklist REASON to take it anyway.\n');
    expect(shop.dump()).toBe(before);
    const forced = newOrder(['--override-blacklist', 'sudah bayar lunas di muka']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('Budi Santoso is blacklisted; taken anyway: sudah bayar lunas di muka.');
    expect(shop.query("SELECT detail FROM events WHERE kind = 'blacklist-override'")[0].detail).toBe('sudah bayar lunas di muka');

    shop.ok(['config', 'set', 'blacklist.policy', 'warn']);
    const warned = newOrder();
    expect(warned.code).toBe(0);
    expect(warned.json().deposit_percent).toBe(50);
    expect(warned.stderr).toContain('orders: note: Budi Santoso: this customer is blacklisted (blacklist.policy warn).');

    const templates = shop.query("SELECT text FROM communications WHERE direction = 'out'").map((r: any) => r.text).join('\n');
    expect(templates).not.toMatch(/blacklist|daftar hitam/i);
  });

  it('keeps the history when an entry is lifted, and refuses what makes no sense', () => {
    shop.okJson(['add', ...BUDI, '--item', 'Kaos:1:100.000', '--pickup', '2026-11-30']);
    let r = shop.run(['blacklist', 'add', '1', '--reason', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/this needs confirmation; add --yes/);
    shop.ok(['blacklist', 'add', '1', '--reason', 'dua kali tidak ambil', '--yes']);
    expect(shop.run(['blacklist', 'add', '1', '--reason', 'again', '--yes']).stderr).toMatch(/already blacklisted since 2026-11-25: dua kali tidak ambil/);
    shop.ok(['blacklist', 'remove', '+62 812 3456 7890', '--reason', 'sudah minta maaf'], { now: '2026-11-28' });
    expect(shop.run(['blacklist', 'remove', '1']).stderr).toMatch(/is not blacklisted/);
    expect(shop.run(['blacklist', 'list', '--json']).json()).toEqual([]);
    expect(shop.run(['blacklist', 'list', '--all', '--json']).json()).toMatchObject([
      { customer_id: 1, reason: 'dua kali tidak ambil', added_at: '2026-11-25T00:00:00+07:00', lifted_at: '2026-11-28T00:00:00+07:00', lift_reason: 'sudah minta maaf' },
    ]);
    expect(shop.run(['blacklist', 'add', '0813-9999-0000', '--reason', 'x', '--yes']).stderr).toMatch(/No customer with phone \+62813/);
    const show = shop.run(['customers', 'show', '1', '--json']).json();
    expect(show).toMatchObject({ id: 1, orders: 1, blacklisted: false, blacklist_history: [{ reason: 'dua kali tidak ambil' }] });
  });
});
