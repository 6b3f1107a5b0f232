import { formatMoney, type Currency } from '../core/money.js';

/** Money and dates as a customer reads them, in the message's language. */
export type Lang = 'en' | 'id';

const LOCALE: Record<Lang, string> = { en: 'en-GB', id: 'id-ID' };
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/** "Selasa, 1 Desember 2026" / "Tuesday, 1 December 2026". */
export function longDate(date: string, lang: Lang): string {
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(lang, f);
  }
  return f.format(new Date(`${date}T12:00:00Z`)).replace(/^(\w+) (\d)/, '$1, $2');
}

/** "Rp 1.500.000" in Indonesian; the English message keeps the shop's usual writing of money. */
export function messageMoney(minor: number, currency: Currency, lang: Lang, shopLocale: string): string {
  return formatMoney(minor, currency, lang === 'id' ? 'id' : shopLocale === 'id' && currency.code === 'IDR' ? 'id' : 'en');
}

/** https://wa.me/<digits>?text=<text>: opens WhatsApp with the message typed in. */
export function waLink(phoneE164: string, text: string): string {
  return `https://wa.me/${phoneE164.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;
}
