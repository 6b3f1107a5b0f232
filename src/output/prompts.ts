import type { CommandContext } from '../context.js';
import { parseComingDate } from '../core/typed-date.js';
import { parseItem } from '../core/items.js';
import { currencyOf, parseAmount } from '../core/money.js';
import { normalisePhone } from '../core/phone.js';
import { displaySetting, normaliseSetting } from '../core/settings.js';
import { parseDepositPercent } from '../core/terms.js';
import { findCustomers } from '../services/customers.js';
import { loadModule } from './load.js';

type Prompts = typeof import('@inquirer/prompts');
type AddOptions = import('../commands/add.js').AddOptions;

/** Turns a parser that throws (or rejects) into an inquirer validator that shows the message. */
function check(parse: (v: string) => unknown): (v: string) => Promise<true | string> {
  return async (v) => {
    try {
      await parse(v);
      return true;
    } catch (err) {
      return (err as Error).message;
    }
  };
}

/** Whether prompts may be shown: both ends are a terminal and no script asked for JSON. */
export function canPrompt(ctx: CommandContext): boolean {
  return ctx.stdinTTY && ctx.isTTY && !ctx.json;
}

/**
 * Asks, one by one, for the fields of a new order that the flags did not give: the customer by
 * phone (known customers are offered as you type), items one after another, pickup date, DP.
 * Returns the answers as the flags would have carried them, so the same validation applies.
 */
export async function askOrder(ctx: CommandContext, opts: AddOptions): Promise<AddOptions> {
  const { input, search, confirm } = await loadModule<Prompts>('@inquirer/prompts');
  const io = { output: ctx.stderr };
  const out = { ...opts };
  let knownName: string | undefined;
  if (out.phone === undefined) {
    const cc = ctx.settings.country_code!;
    const isPhone = (t: string) => { try { normalisePhone(t, cc); return true; } catch { return false; } };
    const choice = await search<{ phone?: string; name?: string }>({
      message: 'Customer (type a name or phone number)',
      source: async (term) => {
        const t = (term ?? '').trim();
        const known = t ? await findCustomers(ctx, t) : [];
        const choices: { value: { phone?: string; name?: string }; name: string }[] = known.map((c) => ({ value: { phone: c.phone, name: c.name }, name: `${c.name}  ${c.phone}` }));
        // A new customer is typed either way round: the phone first, or the name (the phone is asked next).
        if (t && isPhone(t)) choices.push({ value: { phone: t }, name: `New customer: ${normalisePhone(t, cc)}` });
        else if (t && !t.includes('\n')) choices.push({ value: { name: t }, name: `New customer: ${t}` });
        return choices;
      },
    }, io);
    if (choice.phone === undefined && out.customer === undefined) out.customer = choice.name;
    out.phone = choice.phone ?? await input({ message: `${choice.name}'s phone number`, validate: check((v) => normalisePhone(v, cc)) }, io);
    knownName = choice.name;
  }
  if (out.customer === undefined) {
    out.customer = await input({ message: "Customer's name", default: knownName, validate: (v) => (v.trim() ? true : 'The name is needed.') }, io);
  }
  if (out.item === undefined) {
    const items: string[] = [];
    do {
      const description = await input({ message: `Item ${items.length + 1}: description`, validate: (v) => (v.trim() && !v.includes('\n') ? true : 'Describe the item.') }, io);
      const quantity = await input({ message: 'Quantity', default: '1', validate: (v) => (/^\d{1,7}$/.test(v.trim()) && Number(v) > 0 ? true : 'A whole number of 1 or more.') }, io);
      const price = await input({ message: 'Unit price', validate: check((v) => parseAmount(v, ctx.currency, ctx.locale, 'unit price')) }, io);
      items.push(`${description.trim()}:${quantity.trim()}:${price.trim()}`);
      parseItem(items.at(-1)!, ctx.currency, ctx.locale);
    } while (await confirm({ message: 'Add another item?', default: false }, io));
    out.item = items;
  }
  if (out.pickup === undefined) {
    const forms = ctx.locale.startsWith('id') ? 'YYYY-MM-DD, 25/12/2026, besok, sabtu, +3d' : 'YYYY-MM-DD, tomorrow, saturday, +3d';
    out.pickup = await input({ message: `Pickup date (${forms})`, default: '+3d', validate: check((v) => parseComingDate(v, ctx.today, ctx.locale, 'pickup date')) }, io);
  }
  if (out.deposit === undefined) {
    const suggested = `${Math.max(Number(ctx.settings['deposit.default_percent']), Number(ctx.settings['deposit.min_percent']))}%`;
    out.deposit = await input({
      message: 'Down payment (amount, or a percent like 50%)', default: suggested,
      validate: check((v) => parseDepositPercent(v) ?? parseAmount(v, ctx.currency, ctx.locale, 'deposit')),
    }, io);
  }
  return out;
}

/** `orders init` on a terminal with no flags: the shop's identity and the fees (SPEC 1's money defaults). */
export async function askShop(ctx: CommandContext): Promise<Record<string, string>> {
  const { input, select } = await loadModule<Prompts>('@inquirer/prompts');
  const io = { output: ctx.stderr };
  const s = ctx.settings;
  const setting = (key: string, value: string) => normaliseSetting(key, value, { currency: ctx.currency, locale: ctx.locale });
  const answers: Record<string, string> = {};
  answers['shop.name'] = await input({ message: 'Shop name', default: s['shop.name'], validate: (v) => (v.trim() ? true : 'The name is needed.') }, io);
  answers.currency = await input({ message: 'Currency (ISO code)', default: s.currency, validate: check((v) => setting('currency', v)) }, io);
  answers.locale = await select({ message: 'Language of the shop', choices: [{ name: 'Bahasa Indonesia', value: 'id' }, { name: 'English', value: 'en' }], default: s.locale === 'en' ? 'en' : 'id' }, io);
  answers.lang = answers.locale;
  answers.timezone = await input({ message: 'Time zone', default: s.timezone, validate: check((v) => setting('timezone', v)) }, io);
  const money = { currency: currencyOf(answers.currency), locale: answers.locale };
  for (const [key, label] of [['storage.fee_per_day', 'Storage fee per day after the free hold'], ['delivery.base_fee', 'Delivery: base fee'],
    ['delivery.packaging_fee', 'Delivery: packaging fee'], ['delivery.after_hours_fee', 'Delivery: outside working hours surcharge']] as const) {
    answers[key] = await input({ message: `${label} (0 for none)`, default: displaySetting(key, s[key] ?? '0', ctx.currency), validate: check((v) => normaliseSetting(key, v, money)) }, io);
  }
  return answers;
}
