import type { CommandContext } from '../context.js';
import { RefusedError, UsageError } from '../core/errors.js';
import { loadModule } from './load.js';

/**
 * Asks on a terminal; without one, the action needs --yes. The prompt library is loaded only
 * when a prompt is shown.
 */
export async function confirmOrAbort(ctx: CommandContext, question: string, flag: string): Promise<void> {
  if (ctx.yes) return;
  if (!ctx.stdinTTY || !ctx.isTTY) {
    throw new UsageError(`${question.replace(/\?$/, '')}: this needs confirmation; add ${flag} to run it without a terminal.`);
  }
  const { confirm } = await loadModule<typeof import('@inquirer/prompts')>('@inquirer/prompts');
  const ok = await confirm({ message: question, default: false }, { output: ctx.stderr });
  if (!ok) throw new RefusedError('Nothing was changed.');
}
