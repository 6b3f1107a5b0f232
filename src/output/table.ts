import Table from 'cli-table3';

const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').length;

/**
 * Rows for a person: a bordered table on a terminal, its widest columns wrapped to fit the
 * terminal's width; otherwise plain tab-separated lines with a header, which `cut` and `awk` read.
 */
export function renderTable(head: string[], rows: string[][], opts: { tty: boolean; rightAlign?: number[]; width?: number; plainHeader?: boolean }): string {
  if (!opts.tty) return [...(opts.plainHeader === false ? [] : [head]), ...rows].map((r) => r.join('\t')).join('\n') + '\n';
  const natural = head.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))) + 2);
  const width = opts.width ?? process.stdout.columns ?? 100;
  const colWidths = fitWidths(natural, width - head.length - 1);
  const table = new Table({
    head,
    style: { head: [], border: [] },
    colAligns: head.map((_, i) => (opts.rightAlign?.includes(i) ? 'right' : 'left')),
    ...(colWidths ? { colWidths, wordWrap: true, wrapOnWordBoundary: true } : {}),
  });
  table.push(...rows);
  return `${table.toString()}\n`;
}

/** Narrows the widest columns until the table fits, never below 8 characters; null when it already fits. */
export function fitWidths(natural: number[], room: number): number[] | null {
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0);
  if (total() <= room) return null;
  while (total() > room) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 8) break;
    widths[widest]!--;
  }
  return widths;
}
