import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { assetPath } from '../db/assets.js';
import type { Lang } from './format.js';

/** The messages of SPEC 7, plus the confirmation and customer-cancellation notices. */
export const TEMPLATE_NAMES = [
  'terms', 'confirmation-request', 'order-confirmed', 'pickup-reminder', 'ready-for-pickup', 'pickup-overdue',
  'grace-extension', 'delivery-offer', 'auto-cancel-notice', 'customer-cancel-notice', 'shop-cancel-apology',
  'delay-apology', 'complaint-ack', 'refund-notice', 'requote', 'service-apology', 'deposit-reminder', 'order-delivered', 'order-declined',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The pickup clock's messages: an order delivered has no pickup, hold or no-show to speak of. */
export const PICKUP_ONLY: ReadonlySet<TemplateName> = new Set(['pickup-reminder', 'pickup-overdue', 'grace-extension', 'auto-cancel-notice', 'delivery-offer']);

export interface LoadedTemplate {
  name: TemplateName;
  lang: Lang;
  source: 'user' | 'built-in';
  path: string;
  text: string;
}

export function userTemplateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'orders', 'templates');
}

export function templateName(text: string): TemplateName {
  if (!(TEMPLATE_NAMES as readonly string[]).includes(text)) {
    throw new UsageError(`Unknown template "${text}"; the templates are ${TEMPLATE_NAMES.join(', ')}.`);
  }
  return text as TemplateName;
}

/** The user's copy under $XDG_CONFIG_HOME/orders/templates/<lang>/ wins over the built-in one. */
export function locateTemplate(name: TemplateName, lang: Lang, env: NodeJS.ProcessEnv = process.env): Omit<LoadedTemplate, 'text'> {
  const user = join(userTemplateDir(env), lang, `${name}.txt`);
  if (existsSync(user)) return { name, lang, source: 'user', path: user };
  return { name, lang, source: 'built-in', path: assetPath('templates', lang, `${name}.txt`) };
}

/** Read once per process: remind renders the same few templates for every message due. */
const loaded = new Map<string, LoadedTemplate>();

export function loadTemplate(name: TemplateName, lang: Lang, env: NodeJS.ProcessEnv = process.env): LoadedTemplate {
  const key = `${userTemplateDir(env)}|${lang}|${name}`;
  let t = loaded.get(key);
  if (!t) {
    const where = locateTemplate(name, lang, env);
    if (!statSync(where.path).isFile()) throw new UsageError(`The template ${where.path} is a directory, not a file; put the ${name} text in a file of that name.`);
    t = { ...where, text: readFileSync(where.path, 'utf8') };
    loaded.set(key, t);
  }
  return t;
}
