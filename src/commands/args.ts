import { UsageError } from '../core/errors.js';
import { isStatus, type Status } from '../core/lifecycle.js';
import { looksLikeId, normalisePhone } from '../core/phone.js';
import type { CommandContext } from '../context.js';
import type { CustomerRef } from '../services/list.js';

/** Shared flag parsing: every command names orders and customers the same way. */
export function orderId(text: string): number {
  if (!/^\d{1,15}$/.test(text.trim()) || Number(text) === 0) {
    throw new UsageError(`Invalid order id "${text}": use the order's number, e.g. 12.`);
  }
  return Number(text);
}

export function customerRef(ctx: CommandContext, text: string): CustomerRef {
  return looksLikeId(text) ? { id: Number(text) } : { phone: normalisePhone(text, ctx.settings.country_code!) };
}

export function positiveInt(text: string, what: string): number {
  if (!/^\d{1,9}$/.test(text.trim()) || Number(text) === 0) {
    throw new UsageError(`Invalid ${what} "${text}": use a whole number of 1 or more.`);
  }
  return Number(text);
}

export function statuses(text: string): Status[] {
  const list = text.split(',').map((s) => s.trim());
  for (const s of list) {
    if (!isStatus(s)) throw new UsageError(`Invalid status "${s}": use pending, confirmed, ready, completed, cancelled or void.`);
  }
  return list as Status[];
}

export function requireText(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} needs a non-empty text.`);
  return value.trim();
}
