import type { CommandContext } from '../context.js';
import { printJson } from '../output/json.js';
import { currentTermsText } from '../services/messages.js';

export async function run(ctx: CommandContext): Promise<void> {
  const text = currentTermsText(ctx, ctx.lang);
  if (ctx.json) printJson(ctx.stdout, { template: 'terms', lang: ctx.lang, text });
  else ctx.stdout.write(text);
}
