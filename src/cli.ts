import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { CommandContext, GlobalOptions } from './context.js';
import { declareCommands } from './cli-commands.js';
import { reportError } from './output/errors.js';
import { visible, visibleStream } from './output/visible.js';
import { UsageError } from './core/errors.js';

declare const ORDERS_VERSION: string;

/** A command module: flags and positional arguments in, output through ctx. */
export type Run = (ctx: CommandContext, args: string[], opts: Record<string, unknown>) => Promise<number | void>;

/** Loads the chosen command (and only it) when it runs, so --help and --version stay fast. */
export type Lazy = (file: string, exportName?: string, opts?: { store?: boolean }) => (...params: unknown[]) => Promise<void>;

/** The lazy loader for one run of the program; done receives the exit code the command returned. */
function lazyRunner(done: (code: number) => void) {
  return (file: string, exportName = 'run', opts: { store?: boolean } = {}) => async (...params: unknown[]) => {
    const cmd = params[params.length - 1] as Command;
    const globals = cmd.optsWithGlobals() as GlobalOptions;
    const [{ createContext }, mod] = await Promise.all([import('./context.js'), import(`./commands/${file}.ts`)]);
    const ctx = await createContext(globals, process.env, opts);
    try {
      done((await (mod[exportName] as Run)(ctx, cmd.args.slice(0, cmd.registeredArguments.length), cmd.opts())) ?? 0);
    } catch (err) {
      const { storageError } = await import('./db/open.js');
      throw storageError(ctx.dbPath, err);
    } finally {
      await ctx.close();
    }
  };
}

function program(lazy: Lazy): Command {
  const p = new Command('orders')
    .description("A small shop's orders: deposits, pickups, reminders, no-shows and ready-to-send messages.")
    .version(typeof ORDERS_VERSION === 'string' ? ORDERS_VERSION : 'dev', '-V, --version')
    .option('--db <path>', 'database file (default $ORDERS_DB or $XDG_DATA_HOME/orders/orders.db)')
    .option('--now <iso>', 'pretend it is this date or date-time (default $ORDERS_NOW or the clock)')
    .option('--json', 'machine-readable output on stdout')
    .addOption(new Option('--lang <lang>', 'message language').choices(['en', 'id']))
    .option('--no-color', 'no colours')
    .option('-y, --yes', 'answer yes to any confirmation')
    // Usage errors read like ours: "orders: unknown option '--colour'" (one sentence, SPEC 8).
    .configureOutput({ outputError: (text, write) => write(visible(text.replace(/^error: /, 'orders: '))) })
    .exitOverride();

  declareCommands(p, lazy);
  p.command('completion').argument('<shell>', 'bash or zsh').description('print a shell completion script')
    .helpGroup('Scripts:')
    .action(async (shell: string) => {
      if (shell !== 'bash' && shell !== 'zsh') throw new UsageError(`Invalid shell "${shell}": use bash or zsh.`);
      const [{ bashCompletion, zshCompletion }, { TEMPLATE_NAMES }] = await Promise.all([import('./output/completion.js'), import('./messages/templates.js')]);
      process.stdout.write(shell === 'bash' ? bashCompletion(p, TEMPLATE_NAMES) : zshCompletion(p, TEMPLATE_NAMES));
    });
  return p;
}

/** `orders` with nothing else: where things are and what to type first. Creates nothing. */
async function orientation(): Promise<void> {
  const [{ resolveDbPath }, { isPostgresUrl, withoutPassword }] = await Promise.all([import('./db/open.js'), import('./db/postgres-url.js')]);
  const { path } = resolveDbPath(undefined);
  const where = isPostgresUrl(path) ? withoutPassword(path) : `${path}${existsSync(path) ? '' : ' (created on first use)'}`;
  process.stdout.write(`orders ${typeof ORDERS_VERSION === 'string' ? ORDERS_VERSION : 'dev'}: a small shop's order book.
Database: ${visible(where)}

Try:
  orders demo                                   a sample shop to look around in
  orders init --shop-name "Toko Maju"           set up your shop (name, currency, time zone)
  orders add --help                             take an order
  orders today                                  the day's agenda
  orders --help                                 every command, grouped by the day
`);
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length <= 2) {
    await orientation();
    return 0;
  }
  let code = 0;
  const p = program(lazyRunner((c) => { code = c; }));
  try {
    await p.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError && (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')) return 0;
    return reportError(err, visibleStream(process.stderr));
  }
}
