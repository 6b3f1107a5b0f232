import type { CommandContext } from '../context.js';
import { displaySetting, settingDef } from '../core/settings.js';
import { printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { listSettings, setSettings } from '../services/settings.js';

export async function list(ctx: CommandContext): Promise<void> {
  const rows = listSettings(ctx.settings);
  if (ctx.json) {
    printJson(ctx.stdout, Object.fromEntries(rows.map((r) => [r.key, r.value])));
    return;
  }
  ctx.stdout.write(renderTable(['key', 'value', 'default', 'meaning'], rows.map((r) => [r.key, r.value, r.default, r.help]), { tty: ctx.isTTY }));
}

export async function get(ctx: CommandContext, [key]: string[]): Promise<void> {
  settingDef(key!);
  const value = displaySetting(key!, ctx.settings[key!]!, ctx.currency);
  if (ctx.json) printJson(ctx.stdout, { key, value });
  else ctx.stdout.write(`${value}\n`);
}

export async function set(ctx: CommandContext, [key, value]: string[]): Promise<void> {
  const settings = await setSettings(ctx.db, { [key!]: value! });
  const shown = listSettings(settings).find((r) => r.key === key)!.value;
  if (ctx.json) printJson(ctx.stdout, { key, value: shown });
  else ctx.stdout.write(`${key} = ${shown}\n`);
}
