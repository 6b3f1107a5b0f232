import { spawn } from 'node:child_process';
import type { RenderedMessage } from './messages.js';

export type Outcome = { ok: true } | { ok: false; error: string };

/** The last bytes of the program's output kept for the error line: it may print megabytes. */
const TAIL = 2048;

/**
 * Hands one message to the shop's gateway program: the text on stdin, the recipient in
 * environment variables (customer text never becomes part of a shell command line). The
 * program is judged by its exit status alone: one that does not read stdin or prints a lot
 * has still sent when it exits 0. After timeoutSeconds it is killed, with its children.
 */
export function sendWith(command: string, m: RenderedMessage, timeoutSeconds: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], {
      // its own process group, so a timeout kills what the shell started too
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ORDERS_TO_PHONE: m.phone,
        ORDERS_TO_NAME: m.name,
        ORDERS_ORDER_ID: String(m.order_id),
        ORDERS_TEMPLATE: m.template,
        ORDERS_LANG: m.lang,
        ORDERS_WA_LINK: m.link,
      },
    });
    let tail = '';
    const keep = (chunk: Buffer) => { tail = (tail + chunk.toString('utf8')).slice(-TAIL); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // A program that exits without reading its input closes the pipe: not a failure of its own.
    child.stdin.on('error', () => {});
    child.stdin.end(m.text);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutSeconds * 1000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, error: err.message });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ ok: false, error: `timed out after ${timeoutSeconds} s (notify.timeout_seconds)` });
      if (status === 0) return resolve({ ok: true });
      const why = tail.trim().split('\n').pop()?.slice(0, 200) || (signal ? `killed by ${signal}` : '');
      resolve({ ok: false, error: `exit ${status ?? signal}${why ? `: ${why}` : ''}` });
    });
  });
}
