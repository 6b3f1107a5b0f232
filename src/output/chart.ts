const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/** A horizontal bar per labelled value, in unicode blocks, scaled to width. */
export function barChart(rows: { label: string; value: number; note?: string }[], width = 40): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const pad = Math.max(...rows.map((r) => r.label.length), 0);
  return rows.map((r) => {
    const eighths = Math.round((r.value / max) * width * 8);
    const bar = '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8];
    return `${r.label.padEnd(pad)} ${bar} ${r.value}${r.note ? `  ${r.note}` : ''}`;
  }).join('\n') + '\n';
}
