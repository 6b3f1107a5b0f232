import { UsageError } from './errors.js';
import { MAX_AMOUNT, parseAmount, type Currency } from './money.js';

export interface Item {
  description: string;
  quantity: number;
  unit_price: number;
}

/** "DESCRIPTION:QUANTITY:UNIT_PRICE"; the description may itself contain colons. */
export function parseItem(text: string, currency: Currency, locale: string): Item {
  const parts = text.split(':');
  if (parts.length < 3) {
    throw new UsageError(`Invalid item "${text}": use "DESCRIPTION:QUANTITY:UNIT_PRICE", e.g. "Kaos sablon:24:85000".`);
  }
  const price = parts.pop()!;
  const qty = parts.pop()!.trim();
  const description = parts.join(':').trim();
  if (!description) throw new UsageError(`Invalid item "${text}": the description is empty.`);
  if (!/^\d{1,7}$/.test(qty) || Number(qty) === 0) {
    throw new UsageError(`Invalid quantity "${qty}" in item "${text}": use a whole number of 1 or more.`);
  }
  if (price.trim() === '') throw new UsageError(`Invalid item "${text}": the unit price is missing.`);
  return { description, quantity: Number(qty), unit_price: parseAmount(price, currency, locale, `unit price in item "${text}"`) };
}

export function itemsTotal(items: readonly Item[]): number {
  const total = items.reduce((acc, it) => acc + BigInt(it.quantity) * BigInt(it.unit_price), 0n);
  if (total > BigInt(MAX_AMOUNT)) throw new UsageError(`The order total (${total} minor units) is above the largest accepted, ${MAX_AMOUNT}; split the order.`);
  return Number(total);
}

export function itemsQuantity(items: readonly Item[]): number {
  return items.reduce((acc, it) => acc + it.quantity, 0);
}
