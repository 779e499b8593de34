// Bundle bytes, minified and gzip -9: the kit's first load (entry + static chunks, every element
// defined), the engine's, each chunk loaded on first use, and the peers' published bundles. Each
// file is compressed on its own, as a server sends it.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleGraph, sizeOf } from '../../scripts/check-bundles.mjs';

function measure(file) {
  if (!file || !existsSync(file)) return { min: undefined, gzip: undefined };
  const bytes = readFileSync(file);
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** A chunk's name without its content hash: `chunks/tokens-AbC123.js` → `tokens`. */
const chunkName = (file) => basename(file, '.js').replace(/-[\w-]{8}$/, '');

/**
 * @param root the repository root (the bench runs there: `dist/` paths are relative to it)
 * @param peers `{spa, oidc}`: the published bundles to compare with (files)
 */
export function sizeRows(root, peers) {
  const spa = measure(peers.spa);
  const oidc = measure(peers.oidc);
  const rows = [];
  for (const [label, entry] of [['kit first load (every element defined)', 'dist/auth0-elements.min.js'], ['engine alone, first load', 'dist/engine.min.js']]) {
    if (!existsSync(join(root, entry))) {
      rows.push({ name: `bundle bytes, ${label}: not built`, ours: undefined, theirs: spa.gzip, better: 'lower' });
      continue;
    }
    const { firstLoad, lazy } = bundleGraph(entry);
    const first = sizeOf(firstLoad);
    rows.push({ name: `bundle bytes, ${label}, minified`, ours: first.min, theirs: spa.min, oidc: oidc.min, better: 'lower' });
    rows.push({ name: `bundle bytes, ${label}, gzip -9`, ours: first.gzip, theirs: spa.gzip, oidc: oidc.gzip, better: 'lower' });
    for (const file of lazy) {
      const chunk = measure(file);
      rows.push({ name: `  + chunk on first use: ${chunkName(file)}, gzip -9`, ours: chunk.gzip, comparable: false, note: `${chunk.min.toLocaleString('en-US')} B min` });
    }
    const all = sizeOf([...firstLoad, ...lazy]);
    rows.push({ name: `  ${entry.slice(5)} with every chunk, gzip -9`, ours: all.gzip, theirs: spa.gzip, oidc: oidc.gzip, better: 'lower', note: 'the SPA SDK and oidc-client-ts: one file each' });
  }
  return rows;
}
