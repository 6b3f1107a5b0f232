import { UsageError } from './errors.js';
import { knownCurrency, parseAmount, toMajorString, type Currency } from './money.js';
import { isValidTimeZone } from './dates.js';
import { isCallingCode } from './phone.js';

/** Every setting of SPEC 1 with its default and its validation. Values are stored as text. */
export type Kind = 'text' | 'percent' | 'days' | 'count' | 'money' | 'bool' | 'days-list' | 'percent-list' | 'choice' | 'seconds';

export interface SettingDef {
  key: string;
  kind: Kind;
  default: string;
  help: string;
  choices?: readonly string[];
}

export const SETTINGS: readonly SettingDef[] = [
  { key: 'shop.name', kind: 'text', default: 'My Shop', help: 'the shop name used in messages' },
  { key: 'currency', kind: 'choice', default: 'IDR', help: 'ISO 4217 currency code' },
  { key: 'locale', kind: 'choice', default: 'id', choices: ['id', 'en'], help: 'how money and dates are written and typed' },
  { key: 'lang', kind: 'choice', default: 'id', choices: ['id', 'en'], help: 'default message language' },
  { key: 'timezone', kind: 'choice', default: 'UTC', help: "the shop's IANA time zone (default: the system's at creation)" },
  { key: 'country_code', kind: 'choice', default: '62', help: 'calling code for phone numbers written without one' },
  { key: 'salutation', kind: 'choice', default: 'formal', choices: ['formal', 'casual'], help: 'Bapak/Ibu (formal) or Kak (casual)' },
  { key: 'deposit.min_percent', kind: 'percent', default: '30', help: 'lowest DP accepted, percent of the total' },
  { key: 'deposit.default_percent', kind: 'percent', default: '50', help: 'DP asked when none is given' },
  { key: 'deposit.escalation', kind: 'percent-list', default: '30,50,100', help: 'DP percent after 0, 1, 2+ no-shows' },
  { key: 'confirm.required_total', kind: 'money', default: '0', help: 'orders from this total need a written confirmation (0: off)' },
  { key: 'confirm.required_quantity', kind: 'count', default: '50', help: 'orders from this many pieces need a written confirmation (0: off)' },
  { key: 'reminder.days_before', kind: 'days-list', default: '2,1', help: 'reminders this many days before pickup' },
  { key: 'pickup.grace_days', kind: 'days', default: '2', help: 'free hold after the pickup date' },
  { key: 'storage.fee_per_day', kind: 'money', default: '0', help: 'storage fee per day after the grace period' },
  { key: 'delivery.base_fee', kind: 'money', default: '0', help: 'delivery base fee' },
  { key: 'delivery.packaging_fee', kind: 'money', default: '0', help: 'packaging fee for delivery' },
  { key: 'delivery.after_hours_fee', kind: 'money', default: '0', help: 'surcharge for delivery outside working hours' },
  { key: 'noshow.cancel_after_days', kind: 'days', default: '7', help: 'days after pickup (or last contact) before a no-show is cancelled' },
  { key: 'noshow.notice_days', kind: 'days', default: '2', help: 'days between the overdue notice reaching the customer and a cancellation' },
  { key: 'payment.instructions', kind: 'text', default: '', help: 'how to pay (bank account, QRIS), shown in the terms and payment messages' },
  { key: 'blacklist.auto', kind: 'bool', default: 'off', help: 'blacklist automatically after blacklist.after_no_shows' },
  { key: 'blacklist.policy', kind: 'choice', default: 'full-payment', choices: ['block', 'full-payment', 'warn'], help: "what a blacklisted customer's new order needs" },
  { key: 'blacklist.after_no_shows', kind: 'count', default: '2', help: 'no-shows before a blacklist entry is proposed' },
  { key: 'notify.command', kind: 'text', default: '', help: 'program that sends a message (text on stdin)' },
  { key: 'notify.timeout_seconds', kind: 'seconds', default: '30', help: 'a notify.command run taking longer is killed; the message stays queued' },
];

export function settingDef(key: string): SettingDef {
  const def = SETTINGS.find((s) => s.key === key);
  if (!def) {
    throw new UsageError(`Unknown setting "${key}"; \`orders config list\` shows the settings.`);
  }
  return def;
}

function bad(key: string, value: string, accepted: string): never {
  throw new UsageError(`Invalid value "${value}" for ${key}: ${accepted}.`);
}

/** Validates a value typed by the owner and returns its stored form (money in minor units). */
export function normaliseSetting(key: string, value: string, ctx: { currency: Currency; locale: string }): string {
  const def = settingDef(key);
  const v = value.trim();
  switch (def.kind) {
    case 'text':
      return v;
    case 'percent':
      if (!/^\d{1,3}$/.test(v) || Number(v) > 100) bad(key, value, 'use a whole percent from 0 to 100');
      return String(Number(v));
    case 'days':
    case 'count':
      if (!/^\d{1,4}$/.test(v)) bad(key, value, `use a whole number of ${def.kind === 'days' ? 'days' : 'items'}, 0 or more`);
      return String(Number(v));
    case 'seconds':
      if (!/^\d{1,5}$/.test(v) || Number(v) < 1 || Number(v) > 86_400) bad(key, value, 'use a whole number of seconds from 1 to 86400');
      return String(Number(v));
    case 'money':
      return String(parseAmount(v, ctx.currency, ctx.locale, `amount for ${key}`));
    case 'bool':
      if (/^(on|true|yes|1)$/i.test(v)) return 'on';
      if (/^(off|false|no|0)$/i.test(v)) return 'off';
      return bad(key, value, 'use on or off');
    case 'days-list': {
      const parts = v.split(',').map((p) => p.trim());
      if (v === '' || parts.some((p) => !/^\d{1,3}$/.test(p))) bad(key, value, 'use a comma-separated list of whole days such as 2,1');
      return [...new Set(parts.map(Number))].sort((a, b) => b - a).join(',');
    }
    case 'percent-list': {
      const parts = v.split(',').map((p) => p.trim());
      if (v === '' || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 100)) {
        bad(key, value, 'use a comma-separated list of percents from 0 to 100 such as 30,50,100');
      }
      return parts.map(Number).join(',');
    }
    case 'choice':
      return normaliseChoice(key, v, def);
  }
}

function normaliseChoice(key: string, v: string, def: SettingDef): string {
  if (key === 'currency') return knownCurrency(v).code;
  if (key === 'timezone') {
    if (!isValidTimeZone(v)) bad(key, v, 'use an IANA time zone such as Asia/Jakarta');
    return v;
  }
  if (key === 'country_code') {
    const cc = v.replace(/^\+/, '');
    if (!/^\d{1,3}$/.test(cc)) bad(key, v, 'use a calling code such as 62 or 1');
    return cc;
  }
  if (!def.choices!.includes(v)) bad(key, v, `use one of ${def.choices!.join(', ')}`);
  return v;
}

/** The stored value as the owner reads it (money back in the major unit). */
export function displaySetting(key: string, stored: string, currency: Currency): string {
  return settingDef(key).kind === 'money' ? toMajorString(Number(stored), currency) : stored;
}

export type Settings = Record<string, string>;

export function withDefaults(stored: Settings): Settings {
  const out: Settings = {};
  for (const def of SETTINGS) out[def.key] = stored[def.key] ?? def.default;
  return out;
}

export function numberSetting(settings: Settings, key: string): number {
  return Number(settings[key] ?? settingDef(key).default);
}

/** A comma-list setting (reminder.days_before, deposit.escalation) as numbers, in stored order. */
export function listSetting(settings: Settings, key: 'reminder.days_before' | 'deposit.escalation'): number[] {
  return (settings[key] ?? settingDef(key).default).split(',').map(Number);
}

/**
 * Rules between settings, checked on the whole set after a change (SPEC 12), so no order of
 * `config set` commands can leave the shop with a minimum above its default DP.
 */
export function checkSettings(s: Settings): void {
  if (!s['shop.name']!.trim()) throw new UsageError('Invalid value "" for shop.name: the shop name appears in every message; give it a name.');
  if (!isCallingCode(s.country_code!)) {
    throw new UsageError(`Invalid value "${s.country_code}" for country_code: use a country's calling code such as 62 (Indonesia) or 1 (USA).`);
  }
  const min = numberSetting(s, 'deposit.min_percent');
  const def = numberSetting(s, 'deposit.default_percent');
  if (def < min) {
    throw new UsageError(`deposit.default_percent (${def}%) is below deposit.min_percent (${min}%): the default DP must be at least the minimum; raise the default or lower the minimum first.`);
  }
  const steps = listSetting(s, 'deposit.escalation');
  const drop = steps.findIndex((p, i) => i > 0 && p < steps[i - 1]!);
  if (drop > 0) {
    throw new UsageError(`Invalid value "${s['deposit.escalation']}" for deposit.escalation: the DP may not decrease with more no-shows (${steps[drop - 1]} then ${steps[drop]}).`);
  }
}
