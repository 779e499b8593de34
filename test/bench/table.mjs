// The bench's one table: our figure, theirs, and how many times better we are.

/** > 1 means we are better, whichever direction "better" is for the row. */
export function ratioOf({ ours, theirs, better, comparable = true }) {
  if (!comparable) return undefined;
  if (typeof ours !== 'number' || typeof theirs !== 'number' || !Number.isFinite(ours) || !Number.isFinite(theirs)) return undefined;
  if (ours === 0 && theirs === 0) return 1;
  if (better === 'higher') return theirs === 0 ? Infinity : ours / theirs;
  return ours === 0 ? Infinity : theirs / ours;
}

const show = (value) => {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return '∞';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
};

export function formatTable(rows, title) {
  const header = ['measure', 'ours', 'SPA SDK', 'ratio (×, >1 = ours better)'];
  const lines = rows.map((row) => [row.name, show(row.ours), show(row.theirs), row.ratio === undefined ? 'n/a' : `${show(row.ratio)}×`, row.note ? `(${row.note})` : '']);
  const widths = header.map((_, i) => Math.max(header[i].length, ...lines.map((line) => line[i].length)));
  const fmt = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : (cell ?? '').padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [title, fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map((line) => fmt(line.slice(0, 4)) + (line[4] ? `  ${line[4]}` : ''))].join('\n');
}
