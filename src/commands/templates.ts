import { readFileSync } from 'node:fs';
import type { CommandContext } from '../context.js';
import { namesIn } from '../messages/render.js';
import { locateTemplate, templateName, TEMPLATE_NAMES } from '../messages/templates.js';
import { printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';

export async function list(ctx: CommandContext): Promise<void> {
  const rows = TEMPLATE_NAMES.flatMap((name) => (['en', 'id'] as const).map((lang) => locateTemplate(name, lang)));
  if (ctx.json) printJson(ctx.stdout, rows);
  else ctx.stdout.write(renderTable(['name', 'lang', 'source', 'path'], rows.map((r) => [r.name, r.lang, r.source, r.path]), { tty: ctx.isTTY }));
}

export async function show(ctx: CommandContext, [name]: string[]): Promise<void> {
  const t = locateTemplate(templateName(name!), ctx.lang);
  const text = readFileSync(t.path, 'utf8');
  const label = `${t.lang}/${t.name} (${t.source})`;
  if (ctx.json) {
    printJson(ctx.stdout, { ...t, text, values: namesIn(text, label) });
    return;
  }
  ctx.stderr.write(`# ${label}: ${t.path}\n# values: ${namesIn(text, label).join(', ')}\n`);
  ctx.stdout.write(text);
}
