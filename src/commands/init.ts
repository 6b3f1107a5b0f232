import type { CommandContext } from '../context.js';
import { printJson } from '../output/json.js';
import { askShop, canPrompt } from '../output/prompts.js';
import { listSettings, setSettings } from '../services/settings.js';

/** The flags of `orders init` (cli-commands.ts declares them). */
export interface InitOptions {
  shopName?: string;
  currency?: string;
  locale?: string;
  timezone?: string;
  countryCode?: string;
}

const FLAGS: Record<keyof InitOptions, string> = {
  shopName: 'shop.name', currency: 'currency', locale: 'locale', timezone: 'timezone', countryCode: 'country_code',
};

/** Creates the database (opening it did) and sets the shop's identity from the flags. */
export async function run(ctx: CommandContext, _args: string[], opts: InitOptions): Promise<void> {
  let values: Record<string, string> = {};
  for (const [flag, key] of Object.entries(FLAGS) as [keyof InitOptions, string][]) {
    const value = opts[flag];
    if (value !== undefined) values[key] = value;
  }
  if (Object.keys(values).length === 0 && canPrompt(ctx)) values = await askShop(ctx);
  // The message language follows the locale unless it was set on its own.
  if (values.locale && !('lang' in values)) values.lang = values.locale;
  const settings = await setSettings(ctx.db, values);
  if (ctx.json) {
    printJson(ctx.stdout, { db: ctx.dbPath, created: ctx.created, settings: Object.fromEntries(listSettings(settings).map((s) => [s.key, s.value])) });
    return;
  }
  ctx.stdout.write(`${ctx.created ? 'Created' : 'Updated'} ${ctx.dbPath}\n`);
  for (const key of Object.values(FLAGS)) ctx.stdout.write(`  ${key} = ${settings[key]}\n`);
  if (ctx.stderr.isTTY) ctx.stderr.write('Next: `orders config list` to set fees and policy, `orders add --help` to take an order.\n');
}
