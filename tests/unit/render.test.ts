import { describe, expect, it } from 'vitest';
import { currencyOf } from '../../src/core/money.ts';
import { freezeTerms } from '../../src/core/terms.ts';
import { withDefaults } from '../../src/core/settings.ts';
import { longDate, waLink } from '../../src/messages/format.ts';
import { Missing, namesIn, render } from '../../src/messages/render.ts';
import { loadTemplate, TEMPLATE_NAMES } from '../../src/messages/templates.ts';
import { orderValues, termsValues, type OrderFacts, type ShopFacts } from '../../src/messages/values.ts';

describe('the renderer', () => {
  it('fills values and keeps or drops sections', () => {
    const src = 'Hi {{name}}.\n{{#paid}}\nThanks for paying.\n{{/paid}}\n{{^paid}}\nPlease pay.\n{{/paid}}\nBye';
    expect(render(src, { name: 'Ani', paid: true }, 't')).toBe('Hi Ani.\nThanks for paying.\nBye\n');
    expect(render(src, { name: 'Ani', paid: false }, 't')).toBe('Hi Ani.\nPlease pay.\nBye\n');
  });
  it('names a misspelt value and the template', () => {
    expect(() => render('Hi {{nmae}}', { name: 'Ani' }, 'en/x (built-in)')).toThrow('Template en/x (built-in) uses {{nmae}}, which is not a known value');
  });
  it('names a value the order cannot have', () => {
    expect(() => render('{{eta}}', { eta: new Missing('order 3 does not have') }, 'en/y')).toThrow('Template en/y needs eta, which order 3 does not have.');
  });
  it('never evaluates a missing value inside a section that is off', () => {
    expect(render('a{{#x}}{{eta}}{{/x}}b', { x: false, eta: new Missing('no') }, 't')).toBe('ab\n');
  });
  it('refuses malformed templates', () => {
    expect(() => render('{{#a}}x', { a: true }, 't')).toThrow(/never closes \{\{#a\}\}/);
    expect(() => render('{{/a}}', { a: true }, 't')).toThrow(/no section is open/);
    expect(() => render('{{ constructor.call() }}', {}, 't')).toThrow(/malformed tag/);
    expect(() => render('{{a}}', { a: true }, 't')).toThrow(/yes\/no flag/);
  });
  it('prints customer text as text, with no second expansion', () => {
    expect(render('"{{c}}"', { c: '{{shop_name}} $(rm -rf /) \'; DROP TABLE orders;--' }, 't')).toBe('"{{shop_name}} $(rm -rf /) \'; DROP TABLE orders;--"\n');
  });
  it('lists the names a template uses', () => {
    expect(namesIn('{{a}} {{#b}}{{c}}{{/b}}', 't')).toEqual(['a', 'b', 'c']);
  });
});

describe('formatting', () => {
  it('writes dates in each language', () => {
    expect(longDate('2026-12-01', 'id')).toBe('Selasa, 1 Desember 2026');
    expect(longDate('2026-11-30', 'en')).toBe('Monday, 30 November 2026');
  });
  it('writes every day of two years as Intl.DateTimeFormat does (id-ID, en-GB), without loading it', () => {
    const intl = (locale: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const formats = { id: intl('id-ID'), en: intl('en-GB') };
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (const lang of ['id', 'en'] as const) {
        // ICU data of some versions leaves out the comma after the weekday; the messages always have it.
        expect(longDate(day, lang), `${lang} ${day}`).toBe(formats[lang].format(new Date(`${day}T12:00:00Z`)).replace(/^(\w+) (\d)/, '$1, $2'));
      }
    }
  });
  it('builds a wa.me link that decodes to the same text', () => {
    const text = 'Halo Bapak/Ibu Budi,\nPesanan #1 & "siap" 100%';
    const link = waLink('+6281234567890', text);
    expect(link.startsWith('https://wa.me/6281234567890?text=')).toBe(true);
    expect(new URL(link).searchParams.get('text')).toBe(text);
    expect(decodeURIComponent(link.split('?text=')[1]!)).toBe(text);
  });
});

const shop: ShopFacts = { name: 'Toko Maju', salutation: 'formal', locale: 'id', currency: currencyOf('IDR'), reminderDays: [2, 1],
  paymentInstructions: 'Transfer BCA 123-456-7890 a.n. Toko Maju', noticeDays: 2 };
const terms = freezeTerms(withDefaults({ 'storage.fee_per_day': '10000', 'delivery.base_fee': '20000', 'delivery.packaging_fee': '5000', 'delivery.after_hours_fee': '15000' }), 50, '2026-11-25');
const order: OrderFacts = {
  id: 7, status: 'ready', customerName: 'Budi Santoso', customerSalutation: null, items: [{ description: 'Kaos sablon', quantity: 24, unit_price: 85000 }],
  total: 2040000, depositRequired: 1020000, paid: 1020000, balance: 1020000, pickupDate: '2026-12-01', readyOn: '2026-11-30',
  holdUntil: '2026-12-06', clock: { start: '2026-12-01', freeThrough: '2026-12-06', cancelOn: '2026-12-13' }, storageFees: 0,
  forfeited: 0, refunded: 0, cancelReason: 'stok bahan habis secara nasional', delivery: false, dueOn: '2026-12-01', deliveryEta: '2026-12-03', deliveryAfterHours: true,
  deliveryFee: null, deliveryAddress: 'Jl. Melati 5, Bandung', deliveryCourier: 'JNE', deliveryTracking: 'JNE123',
  compensation: { refund: 200000, waivedDelivery: 25000, feeRefunded: 0, kind: 'late' }, lastComplaint: 'Sablon agak miring',
  settled: false, lastRefund: { amount: 50000, method: 'transfer' }, oldTotal: 2100000, offer: 'kaos bahan katun combed 24s, harga sama, siap Sabtu',
};

describe('every built-in template renders for a realistic order in both languages', () => {
  for (const lang of ['en', 'id'] as const) {
    for (const name of TEMPLATE_NAMES) {
      it(`${lang}/${name}`, () => {
        const t = loadTemplate(name, lang, {});
        expect(t.source).toBe('built-in');
        const text = render(t.text, orderValues(shop, terms, order, '2026-11-29', lang), `${lang}/${name}`);
        expect(text).not.toMatch(/\{\{|\}\}|undefined|null|NaN/);
        expect(text).toContain('Toko Maju');
        // order-declined is for an order that was never taken, so it has no number.
        if (name !== 'terms' && name !== 'order-declined') expect(text).toContain('#7');
        if (name !== 'terms') expect(text).toMatch(lang === 'id' ? /Halo Bapak\/Ibu Budi Santoso,/ : /Hello Budi Santoso,/);
      });
    }
  }

  it('words the Indonesian reminder, overdue notice and apology as a shop would', () => {
    const v = orderValues(shop, terms, order, '2026-11-29', 'id');
    const reminder = render(loadTemplate('pickup-reminder', 'id', {}).text, v, 'id/pickup-reminder');
    expect(reminder).toContain('pesanan #7 dijadwalkan diambil lusa (H-2), Selasa, 1 Desember 2026');
    expect(reminder).toContain('Sisa pembayaran (pelunasan) saat pengambilan: Rp 1.020.000');
    const overdue = render(loadTemplate('pickup-overdue', 'id', {}).text, v, 'id/pickup-overdue');
    expect(overdue).toContain('paling lambat Minggu, 6 Desember 2026');
    expect(overdue).toContain('biaya penyimpanan Rp 10.000 per hari');
    expect(overdue).toContain('Bila sampai Sabtu, 12 Desember 2026 belum ada kabar');
    expect(overdue).toContain('dibatalkan otomatis pada Minggu, 13 Desember 2026 dan DP sebesar Rp 1.020.000 hangus');
    expect(overdue).toContain('disepakati pada Rabu, 25 November 2026');
    const offer = render(loadTemplate('delivery-offer', 'en', {}).text, orderValues(shop, terms, order, '2026-11-29', 'en'), 'en/delivery-offer');
    expect(offer).toContain('- Base fee: Rp 20.000\n- Packaging: Rp 5.000\n- Outside working hours: Rp 15.000\nDelivery total: Rp 40.000\nEstimated arrival: Thursday, 3 December 2026');
    const apology = render(loadTemplate('delay-apology', 'id', {}).text, v, 'id/delay-apology');
    expect(apology).toContain('- pengembalian dana sebesar Rp 200.000\n- gratis ongkos kirim: ongkir Rp 25.000 tidak kami tagihkan');
  });

  it('the general terms need no order', () => {
    const t = render(loadTemplate('terms', 'en', {}).text, termsValues(shop, terms, 'en'), 'en/terms');
    expect(t).toContain('a down payment (DP) of 50% of the total before we start work');
    expect(t).toContain('After that a storage fee of Rp 10.000 per day applies.');
    expect(t).not.toContain('Order #');
  });

  it('a preview of a value the order does not have is an error naming it', () => {
    const v = orderValues(shop, terms, { ...order, compensation: null }, '2026-11-29', 'en');
    expect(() => render(loadTemplate('delay-apology', 'en', {}).text, v, 'en/delay-apology')).toThrow(/needs compensation, which order 7 does not have: no compensation was recorded/);
  });
});

describe('templates that are broken (SPEC 12)', () => {
  it('an unclosed tag is an error naming the template and the line, not text for the customer', () => {
    expect(() => render('Halo {{name}},\n{{#paid}}\nTerima kasih.\n{{/paid}}\nSampai {{date', { name: 'A', paid: true, date: 'x' }, 'id/t'))
      .toThrow('Template id/t, line 5: "{{date" is not a complete tag; write {{name}}, {{#name}}...{{/name}} or {{^name}}...{{/name}}.');
    expect(() => render('a\nb }} c', {}, 't')).toThrow(/^Template t, line 2: "\}\} c" is not a complete tag/);
    expect(() => render('x\n{{#a}}\ny', { a: true }, 't')).toThrow('Template t, line 2: it never closes {{#a}}.');
  });

  it('sections nest at most 20 deep, and 20,000 levels are an error, not a stack overflow', () => {
    const nest = (n: number) => `${'{{#a}}'.repeat(n)}x${'{{/a}}'.repeat(n)}`;
    expect(render(nest(20), { a: true }, 't')).toBe('x\n');
    expect(() => render(nest(21), { a: true }, 't')).toThrow('Template t, line 1: sections are nested deeper than 20.');
    expect(() => render(nest(20_000), { a: true }, 't')).toThrow(/nested deeper than 20/);
  });
});
