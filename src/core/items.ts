import { UsageError } from './errors.js';
import { MAX_AMOUNT, parseAmount, type Currency } from './money.js';

export interface Item {
  description: string;
  quantity: number;
  unit_price: number;
}

/**
 * "DESCRIPTION:QUANTITY:UNIT_PRICE" split from the right, since the description may itself
 * contain colons; `add`, `edit` and import all read items this way. The price is left as text
 * for the caller's way of writing money; a problem is thrown as a UsageError worded by `say`.
 */
export function splitItem(text: string, say: (problem: 'shape' | 'description' | 'quantity' | 'price', qty: string) => string): { description: string; quantity: number; price: string } {
  const parts = text.split(':');
  if (parts.length < 3) throw new UsageError(say('shape', ''));
  const price = parts.pop()!;
  const qty = parts.pop()!.trim();
  const description = parts.join(':').trim();
  if (!description) throw new UsageError(say('description', qty));
  if (!/^\d{1,7}$/.test(qty) || Number(qty) === 0) throw new UsageError(say('quantity', qty));
  if (price.trim() === '') throw new UsageError(say('price', qty));
  return { description, quantity: Number(qty), price };
}

/** An item typed on the command line (add, edit). */
export function parseItem(text: string, currency: Currency, locale: string): Item {
  const s = splitItem(text, (problem, qty) => ({
    shape: `Invalid item "${text}": use "DESCRIPTION:QUANTITY:UNIT_PRICE", e.g. "Kaos sablon:24:85000".`,
    description: `Invalid item "${text}": the description is empty.`,
    quantity: `Invalid quantity "${qty}" in item "${text}": use a whole number of 1 or more.`,
    price: `Invalid item "${text}": the unit price is missing.`,
  })[problem]);
  return { description: s.description, quantity: s.quantity, unit_price: parseAmount(s.price, currency, locale, `unit price in item "${text}"`) };
}

/** Quantity x price summed in integers (BigInt), never in floating point. */
export function itemsTotal(items: readonly Item[]): number {
  const total = items.reduce((acc, it) => acc + BigInt(it.quantity) * BigInt(it.unit_price), 0n);
  if (total > BigInt(MAX_AMOUNT)) throw new UsageError(`The order total (${total} minor units) is above the largest accepted, ${MAX_AMOUNT}; split the order.`);
  return Number(total);
}

export function itemsQuantity(items: readonly Item[]): number {
  return items.reduce((acc, it) => acc + it.quantity, 0);
}
