import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { isPostgresUrl, withoutPassword } from '../db/postgres-url.js';
import { backup } from '../services/backup.js';

export async function run(ctx: CommandContext, [file]: string[]): Promise<void> {
  if (isPostgresUrl(file!)) throw new UsageError(`A backup is an SQLite file; to copy the shop into a PostgreSQL database, use \`orders copy --to ${withoutPassword(file!)}\`.`);
  const target = resolve(file!);
  if (target === resolve(ctx.dbPath)) throw new UsageError(`Cannot back up ${file} onto itself; name another file.`);
  if (existsSync(target)) throw new UsageError(`${file} already exists; name a new file so nothing is overwritten.`);
  if (!existsSync(dirname(target))) throw new UsageError(`Cannot write ${file}: the directory ${dirname(target)} does not exist.`);
  const pages = await backup(ctx, target);
  ctx.stdout.write(ctx.json ? `${JSON.stringify({ backup: target, pages })}\n` : `Backed up ${ctx.dbPath} to ${target} (${pages} pages).\n`);
}
