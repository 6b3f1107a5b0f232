import type { ChalkInstance } from 'chalk';
import { isatty } from 'node:tty';
import { dateIn, isoInZone, parseNow } from './core/dates.js';
import { UsageError } from './core/errors.js';
import { currencyOf } from './core/money.js';
import { withDefaults } from './core/settings.js';
import { displayTarget, openStore, resolveDbPath } from './db/open.js';
import type { ServiceContext } from './services/context.js';
import { loadSettings } from './services/settings.js';
import { makeColour } from './output/colour.js';

export interface GlobalOptions {
  db?: string;
  now?: string;
  json?: boolean;
  lang?: string;
  color?: boolean;
  yes?: boolean;
}

/** Everything a command may touch, passed in so that tests never reach the real clock or terminal. */
export interface CommandContext extends ServiceContext {
  dbPath: string;
  created: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  isTTY: boolean;
  stdinTTY: boolean;
  json: boolean;
  lang: 'en' | 'id';
  yes: boolean;
  colour: ChalkInstance;
  close(): Promise<void>;
}

/**
 * The context of one command. With store false (a command that needs no data, such as
 * `templates list`) nothing is opened or created and the settings are the defaults; its db
 * is then an error to touch.
 */
export async function createContext(g: GlobalOptions, env: NodeJS.ProcessEnv = process.env, opts: { store?: boolean } = {}): Promise<CommandContext> {
  const nowText = g.now ?? env.ORDERS_NOW;
  if (nowText !== undefined) parseNow(nowText, 'UTC'); // reject a malformed --now before touching any file
  if (g.lang !== undefined && g.lang !== 'en' && g.lang !== 'id') {
    throw new UsageError(`Invalid --lang "${g.lang}": use en or id.`);
  }
  const { path, isDefault } = resolveDbPath(g.db, env);
  const engine = opts.store === false ? undefined : await openStore(path, isDefault);
  const settings = engine ? await loadSettings(engine.db) : withDefaults({});
  const tz = settings.timezone!;
  const now = nowText !== undefined ? parseNow(nowText, tz) : Date.now();
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    get db() {
      if (!engine) throw new Error('this command opened no database');
      return engine.db;
    },
    dbPath: displayTarget(path),
    created: engine?.created ?? false,
    nowIso: isoInZone(now, tz),
    today: dateIn(now, tz),
    settings,
    currency: currencyOf(settings.currency!),
    locale: settings.locale!,
    stdout: process.stdout,
    // Made on first use: the stream costs ~2 ms of a start, and most runs write nothing to it.
    get stderr() {
      return process.stderr;
    },
    isTTY,
    // Not process.stdin: making that stream costs ~4 ms of every start when stdin is a file.
    stdinTTY: isatty(0),
    json: Boolean(g.json),
    lang: (g.lang ?? settings.lang) as 'en' | 'id',
    yes: Boolean(g.yes),
    colour: makeColour(isTTY, g.color === false, env),
    close: async () => engine?.close(),
  };
}
