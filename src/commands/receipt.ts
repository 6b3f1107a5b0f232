import type { CommandContext } from '../context.js';
import { UsageError } from '../core/errors.js';
import { printJson } from '../output/json.js';
import { printReceipt } from '../services/receipt.js';
import { orderId } from './args.js';

export interface ReceiptOptions {
  width?: string;
  pdf?: string;
}

/** `orders receipt ID [--width 32|48] [--pdf FILE]`: the nota, for a thermal printer or as a PDF. */
export async function run(ctx: CommandContext, [id]: string[], opts: ReceiptOptions): Promise<void> {
  const n = orderId(id!);
  if (opts.width !== undefined && opts.width !== '32' && opts.width !== '48') {
    throw new UsageError(`Invalid --width "${opts.width}": use 32 (58 mm paper) or 48 (80 mm paper).`);
  }
  const width = Number(opts.width ?? 48);
  const pdf = opts.pdf;
  if (pdf !== undefined && pdf.trim() === '') throw new UsageError('--pdf needs a file name, e.g. nota-12.pdf.');
  const printed = await printReceipt(ctx, n, pdf === undefined ? 'text' : 'pdf', width, async (p) => {
    if (pdf !== undefined) {
      const { writeReceiptPdf } = await import('../output/receipt-pdf.js');
      await writeReceiptPdf(pdf, p.lines, width, `Nota ${p.number} - order ${n}`);
    } else if (!ctx.json) {
      ctx.stdout.write(`${p.lines.join('\n')}\n`);
    }
  });
  if (ctx.json) {
    printJson(ctx.stdout, { receipt: printed.number, order_id: n, reprint_of: printed.reprintOf, lang: printed.lang, file: pdf ?? null, text: printed.lines.join('\n') });
  } else if (pdf !== undefined) {
    ctx.stderr.write(`Receipt No. ${printed.number} for order ${n} written to ${pdf}${printed.reprintOf ? ` (a reprint of No. ${printed.reprintOf})` : ''}.\n`);
  }
}
