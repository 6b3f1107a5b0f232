import { RefusedError } from '../core/errors.js';
import { currencyOf } from '../core/money.js';
import { checkSettings, displaySetting, normaliseSetting, SETTINGS, withDefaults, type Settings } from '../core/settings.js';
import { hasOrders } from '../db/orders.js';
import { readSettings, writeSettings } from '../db/settings.js';
import { writeTransaction } from '../db/tx.js';
import type { DB } from '../db/types.js';

export interface SettingRow {
  key: string;
  value: string;
  default: string;
  help: string;
}

export async function loadSettings(db: DB): Promise<Settings> {
  return withDefaults(await readSettings(db));
}

export function listSettings(settings: Settings): SettingRow[] {
  const currency = currencyOf(settings.currency!);
  return SETTINGS.map((def) => ({
    key: def.key,
    value: displaySetting(def.key, settings[def.key]!, currency),
    default: displaySetting(def.key, def.default, currency),
    help: def.help,
  }));
}

/**
 * Validates every value first (so a bad one changes nothing), then writes them in one
 * transaction. Money values are read in the currency being set, if it is among them.
 */
export async function setSettings(db: DB, values: Record<string, string>): Promise<Settings> {
  const current = await loadSettings(db);
  const currencyCode = values.currency !== undefined ? normaliseSetting('currency', values.currency, { currency: currencyOf('USD'), locale: 'en' }) : current.currency!;
  const locale = values.locale ?? current.locale!;
  const ctx = { currency: currencyOf(currencyCode), locale };
  const normalised: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) normalised[key] = normaliseSetting(key, value, ctx);
  checkSettings({ ...current, ...normalised });
  await writeTransaction(db, async (trx) => {
    if (normalised.currency && normalised.currency !== current.currency) {
      if (await hasOrders(trx)) throw new RefusedError(`The currency cannot change from ${current.currency} to ${normalised.currency} once orders exist: their amounts are in ${current.currency}.`);
    }
    await writeSettings(trx, normalised);
  });
  return loadSettings(db);
}
