import { formatMoney, type Currency } from '../core/money.js';

/** Money and dates as a customer reads them, in the message's language. */
export type Lang = 'en' | 'id';

/**
 * Day and month names as Intl.DateTimeFormat writes them for id-ID and en-GB, kept here because
 * its first use costs 20-35 ms of ICU start-up in every command that prints a message
 * (tests/unit/render.test.ts checks every day of two years against Intl).
 */
const NAMES: Record<Lang, { days: string[]; months: string[] }> = {
  id: {
    days: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
    months: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  },
  en: {
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  },
};

/** "Selasa, 1 Desember 2026" / "Tuesday, 1 December 2026", for a 'YYYY-MM-DD'. */
export function longDate(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const names = NAMES[lang];
  return `${names.days[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}, ${d} ${names.months[m - 1]} ${y}`;
}

/** A month's name, 1 to 12 ("Desember", "December"). */
export function monthName(month: number, lang: Lang): string {
  return NAMES[lang].months[month - 1]!;
}

/** "Rp 1.500.000" in Indonesian; the English message keeps the shop's usual writing of money. */
export function messageMoney(minor: number, currency: Currency, lang: Lang, shopLocale: string): string {
  return formatMoney(minor, currency, lang === 'id' ? 'id' : shopLocale === 'id' && currency.code === 'IDR' ? 'id' : 'en');
}

/** https://wa.me/<digits>?text=<text>: opens WhatsApp with the message typed in. */
export function waLink(phoneE164: string, text: string): string {
  return `https://wa.me/${phoneE164.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;
}
