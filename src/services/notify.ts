import { spawnSync } from 'node:child_process';
import type { RenderedMessage } from './messages.js';

/**
 * Hands one message to the shop's gateway program: the text on stdin, the recipient in
 * environment variables. Customer text never becomes part of a shell command line.
 */
export function sendWith(command: string, m: RenderedMessage): { ok: true } | { ok: false; error: string } {
  const r = spawnSync('/bin/sh', ['-c', command], {
    input: m.text,
    encoding: 'utf8',
    timeout: 60_000,
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
  if (r.error) return { ok: false, error: r.error.message };
  if (r.status === 0) return { ok: true };
  const why = (r.stderr || r.stdout || '').trim().split('\n').pop() || (r.signal ? `killed by ${r.signal}` : '');
  return { ok: false, error: `exit ${r.status ?? r.signal}${why ? `: ${why}` : ''}` };
}
