import type { ChalkInstance } from 'chalk';
import { isatty } from 'node:tty';
import { dateIn, isoInZone, parseNow, type Offset } from './core/dates.js';
import { UsageError } from './core/errors.js';
import { currencyOf } from './core/money.js';
import { openStore, resolveDbPath } from './db/open.js';
import { isPostgresUrl, withoutPassword } from './db/postgres-url.js';
import type { ServiceContext } from './services/context.js';
import { loadSettings } from './services/settings.js';
import { withDefaults } from './core/settings.js';
import { makeColour } from './output/colour.js';
import { visibleStream } from './output/visible.js';

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
  /** text for a person: hostile characters shown escaped (raw for --json, which escapes itself) */
  stdout: NodeJS.WriteStream;
  /** data for a program (CSV): the stored text as it is */
  data: NodeJS.WriteStream;
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
 * The context a command runs in. The store is opened here, once, unless the command reads no
 * data (`templates list`): then nothing is opened or created, and the shop's defaults stand in
 * for its settings.
 */
export async function createContext(g: GlobalOptions, env: NodeJS.ProcessEnv = process.env, opts: { store?: boolean } = {}): Promise<CommandContext> {
  const nowText = g.now ?? env.ORDERS_NOW;
  if (nowText !== undefined) parseNow(nowText, () => 0); // reject a malformed --now before touching any file
  if (g.lang !== undefined && g.lang !== 'en' && g.lang !== 'id') {
    throw new UsageError(`Invalid --lang "${g.lang}": use en or id.`);
  }
  const { path, isDefault } = resolveDbPath(g.db, env);
  const store = opts.store === false ? undefined : await openStore(path, isDefault);
  const settings = store ? await loadSettings(store.db) : withDefaults({});
  const offset = zoneOffset(settings.timezone!);
  const now = nowText !== undefined ? parseNow(nowText, offset) : Date.now();
  const isTTY = Boolean(process.stdout.isTTY);
  let stderr: NodeJS.WriteStream | undefined;
  return {
    get db() {
      if (!store) throw new Error('this command opens no database');
      return store.db;
    },
    // A PostgreSQL URL is shown without its password, wherever it is printed.
    dbPath: isPostgresUrl(path) ? withoutPassword(path) : path,
    created: store?.created ?? false,
    nowIso: isoInZone(now, offset),
    today: dateIn(now, offset),
    offset,
    settings,
    currency: currencyOf(settings.currency!),
    locale: settings.locale!,
    stdout: g.json ? process.stdout : visibleStream(process.stdout),
    data: process.stdout,
    // Made on first use: the stream costs ~2 ms of a start, and most runs write nothing to it.
    get stderr() {
      return (stderr ??= visibleStream(process.stderr));
    },
    isTTY,
    // Not process.stdin: making that stream costs ~4 ms of every start when stdin is a file.
    stdinTTY: isatty(0),
    json: Boolean(g.json),
    lang: (g.lang ?? settings.lang) as 'en' | 'id',
    langGiven: g.lang !== undefined,
    yes: Boolean(g.yes),
    colour: makeColour(isTTY, g.color === false, env),
    close: async () => store?.close(),
  };
}

/**
 * Minutes east of UTC in a zone, read through the process's TZ rather than Intl.DateTimeFormat:
 * the first Intl formatter costs ~20 ms of ICU start-up on every command, a TZ switch well
 * under 1 ms (Node re-reads TZ whenever it is assigned). This process-wide setting is made
 * here, where the process is set up, and the pure date rules receive the function.
 */
export function zoneOffset(timeZone: string): Offset {
  return (instantMs) => {
    if (process.env.TZ !== timeZone) process.env.TZ = timeZone;
    const off = -new Date(instantMs).getTimezoneOffset();
    return off === 0 ? 0 : off;
  };
}
