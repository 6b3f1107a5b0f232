import { writeFile } from 'node:fs/promises';
import { loadModule } from './load.js';

type PdfKit = typeof import('pdfkit');

const FONT_SIZE = 9;
const LINE = FONT_SIZE * 1.3;
const MARGIN = 18;
/** Courier's advance is 0.6 em: the page is as wide as the receipt's columns, like the paper. */
const CHAR = FONT_SIZE * 0.6;

/**
 * The receipt's lines as a one-page PDF in a fixed-width font, the size of the paper roll,
 * to send over WhatsApp. pdfkit is loaded here only (it costs ~100 ms to load).
 */
export async function writeReceiptPdf(file: string, lines: readonly string[], columns: number, title: string): Promise<void> {
  const mod = await loadModule<PdfKit | { default: PdfKit }>('pdfkit');
  const PDFDocument = ('default' in mod ? mod.default : mod) as PdfKit;
  const doc = new PDFDocument({ size: [columns * CHAR + 2 * MARGIN, lines.length * LINE + 2 * MARGIN], margin: MARGIN, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  lines.forEach((line, i) => {
    // The shop's name and the status lines (LUNAS, DIBATALKAN) are what the customer looks for first.
    doc.font(i === 0 || /\*\*\*/.test(line) ? 'Courier-Bold' : 'Courier').fontSize(FONT_SIZE).text(line, MARGIN, MARGIN + i * LINE, { lineBreak: false });
  });
  doc.end();
  await done;
  await writeFile(file, Buffer.concat(chunks));
}
