import Table from 'cli-table3';

/**
 * Rows for a person: a bordered table on a colour-capable TTY, otherwise plain tab-separated
 * lines with a header, which `cut` and `awk` read well.
 */
export function renderTable(head: string[], rows: string[][], opts: { tty: boolean; rightAlign?: number[] }): string {
  if (!opts.tty) return [head, ...rows].map((r) => r.join('\t')).join('\n') + '\n';
  const table = new Table({
    head,
    style: { head: [], border: [] },
    colAligns: head.map((_, i) => (opts.rightAlign?.includes(i) ? 'right' : 'left')),
  });
  table.push(...rows);
  return `${table.toString()}\n`;
}
