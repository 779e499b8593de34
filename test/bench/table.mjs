// The bench's one table: our figure beside the SPA SDK's, oidc-client-ts's where it has one, and
// the limit (the platform alone, measured in the same page), with how many times better we are
// than each SDK and how close we come to the limit.

/**
 * `ours` against `other`: > 1 means we are better, whichever direction "better" is for the row.
 * Against a limit it is ≤ 1 (1: at the limit).
 */
export function ratioOf({ ours, theirs, better, comparable = true }) {
  if (!comparable) return undefined;
  if (typeof ours !== 'number' || typeof theirs !== 'number' || !Number.isFinite(ours) || !Number.isFinite(theirs)) return undefined;
  if (ours === 0 && theirs === 0) return 1;
  if (better === 'higher') return theirs === 0 ? Infinity : ours / theirs;
  return ours === 0 ? Infinity : theirs / ours;
}

/** Fills a row's ratios: `ratio` (vs the SPA SDK), `oidcRatio`, `limitRatio`. */
export function withRatios(row) {
  const { ours, better, comparable } = row;
  return {
    ...row,
    ratio: ratioOf({ ours, theirs: row.theirs, better, comparable }),
    oidcRatio: ratioOf({ ours, theirs: row.oidc, better, comparable }),
    limitRatio: ratioOf({ ours, theirs: row.limit, better, comparable }),
  };
}

const show = (value) => {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return '∞';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
};
const times = (ratio) => (ratio === undefined ? '' : `${show(ratio)}×`);
const blank = (value) => (value === undefined ? '' : show(value));

export function formatTable(rows, title) {
  const header = ['measure', 'ours', 'SPA SDK', '× SPA', 'oidc-client-ts', '× oidc', 'limit', 'ours/limit'];
  const lines = rows.map((row) => [
    row.name,
    show(row.ours),
    show(row.theirs),
    row.ratio === undefined ? 'n/a' : times(row.ratio),
    blank(row.oidc),
    times(row.oidcRatio),
    blank(row.limit),
    times(row.limitRatio),
    row.note ? `(${row.note})` : '',
  ]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...lines.map((line) => line[i].length)));
  const fmt = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : (cell ?? '').padStart(widths[i] ?? 0))).join('  ').trimEnd();
  const legend = '× SPA, × oidc: how many times better ours is (>1 = ours better); ours/limit: how close ours comes to the limit (1 = at it).';
  return [title, legend, fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map((line) => fmt(line.slice(0, 8)) + (line[8] ? `  ${line[8]}` : ''))].join('\n');
}
