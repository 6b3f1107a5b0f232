import type { ChalkInstance } from 'chalk';
import type { RenderedMessage } from '../services/messages.js';

/** A message as the owner copies it: who it is for, the text, and a link that opens WhatsApp with it. */
export function messageText(c: ChalkInstance, m: RenderedMessage): string {
  const head = c.dim(`--- to ${m.name} (${m.phone}) · ${m.order_id ? `order ${m.order_id}` : "order not taken"} · ${m.template} · ${m.lang} ---`);
  return `${head}\n${m.text}${c.dim('WhatsApp:')} ${m.link}\n`;
}

/** SPEC 9's message object. */
export function messageJson(m: RenderedMessage) {
  return { order_id: m.order_id, template: m.template, lang: m.lang, name: m.name, phone: m.phone, text: m.text, link: m.link };
}
