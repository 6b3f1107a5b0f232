import { dueOn } from '../core/due.js';
import { appendCommunications } from '../db/communications.js';
import { lastReceiptOf, linkReceiptEvidence, paymentsOf, takeReceiptNumber } from '../db/receipts.js';
import { longDate, type Lang } from '../messages/format.js';
import { receiptLines, type ReceiptFacts } from '../messages/receipt.js';
import { inWrite, type ServiceContext } from './context.js';
import { languageFor, orderTerms } from './messages.js';
import { lockedView, money } from './views.js';

export interface Printed {
  number: number;
  reprintOf: number | null;
  lang: Lang;
  lines: string[];
}

/**
 * `orders receipt`: takes the next receipt number, lays the nota out, and logs what was
 * printed as evidence, all in one transaction. `deliver` hands the result to the printer or
 * the PDF file before the commit, so a receipt that could not be written takes no number.
 */
export async function printReceipt(
  ctx: ServiceContext, id: number, format: 'text' | 'pdf', width: number, deliver: (p: Printed) => Promise<void>,
): Promise<Printed> {
  return inWrite(ctx, async (ctx) => {
    const view = await lockedView(ctx.db, id);
    const r = view.row;
    const lang = languageFor(ctx, r.customer_lang);
    const reprintOf = await lastReceiptOf(ctx.db, id);
    const number = await takeReceiptNumber(ctx.db, { order_id: id, reprint_of: reprintOf, format, printed_at: ctx.nowIso });
    const t = view.totals;
    const facts: ReceiptFacts = {
      number, reprintOf, printedAt: ctx.nowIso,
      shop: { name: ctx.settings['shop.name']!, address: ctx.settings['shop.address'] ?? '', phone: ctx.settings['shop.phone'] ?? '' },
      orderId: id, status: r.status, customerName: r.customer_name, items: view.items, total: r.total, depositRequired: r.deposit_required,
      payments: await paymentsOf(ctx.db, id), fees: t.storage_fees + t.delivery_fees - t.waived, compensation: t.compensation,
      balance: view.balance, fulfilment: r.fulfilment === 'delivery' ? 'delivery' : 'pickup', dueOn: dueOn(r), terms: orderTerms(view),
    };
    const lines = receiptLines(facts, width, lang, (m) => money(ctx, m), (d) => longDate(d, lang));
    const [communication] = await appendCommunications(ctx.db, [{
      order_id: id, customer_id: r.customer_id, direction: 'out', channel: format === 'pdf' ? 'pdf' : 'printed', kind: 'receipt',
      template: null, lang, text: lines.join('\n'), created_at: ctx.nowIso,
    }]);
    await linkReceiptEvidence(ctx.db, number, communication!);
    const printed = { number, reprintOf, lang, lines };
    await deliver(printed);
    return printed;
  });
}
