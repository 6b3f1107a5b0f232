import { Chalk, type ChalkInstance } from 'chalk';

/** One colour decision per process: NO_COLOR, --no-color or no TTY mean none. */
export function makeColour(isTTY: boolean, noColor: boolean, env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  const off = noColor || !isTTY || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  return new Chalk({ level: off ? 0 : 1 });
}

export function statusColour(c: ChalkInstance, status: string): string {
  switch (status) {
    case 'ready': return c.green(status);
    case 'pending': return c.yellow(status);
    case 'cancelled': return c.red(status);
    case 'completed': return c.dim(status);
    default: return c.cyan(status);
  }
}
