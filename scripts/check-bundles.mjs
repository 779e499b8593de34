// The size budget (DESIGN.md §8) and the layering of the two bundles (STYLE.md §12).
// A bundle is its entry file, the chunks the entry imports statically (its first load: what the
// browser fetches before the entry runs) and the chunks loaded on first use (dynamic imports).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The kit's first load (entry + static chunks, every element defined) fails above this. */
export const KIT_BUDGET_BYTES = 22 * 1024;
export const ENGINE_GOAL_BYTES = 18 * 1024;

export const KIT = 'dist/auth0-elements.min.js';
export const ENGINE = 'dist/engine.min.js';

export function gzipSize(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

// Relative specifiers only: what the build emits between its own files.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'](\.\.?\/[^"']+)["']/g;
// `import("./chunks/x.js"+q)`: the chunks are loaded with the entry's name as query (rollup.config.mjs).
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.\.?\/[^"']+)["']\s*[+)]/g;

const specifiers = (source, pattern) => [...source.matchAll(pattern)].map((match) => match[1]);

/**
 * The files of the bundle whose entry is `entry`: `firstLoad` (the entry and every chunk reached
 * through static imports) and `lazy` (the chunks only dynamic imports reach, with what they import
 * statically), each as paths relative to the working directory.
 */
export function bundleGraph(entry) {
  const firstLoad = new Set();
  const lazy = new Set();
  const visit = (file, set, dynamicRoots) => {
    if (firstLoad.has(file) || set.has(file)) return;
    set.add(file);
    const source = readFileSync(file, 'utf8');
    const resolve = (specifier) => relative('.', join(dirname(file), specifier));
    for (const next of specifiers(source, STATIC_IMPORT)) visit(resolve(next), set, dynamicRoots);
    for (const next of specifiers(source, DYNAMIC_IMPORT)) dynamicRoots.push(resolve(next));
  };
  const roots = [];
  visit(entry, firstLoad, roots);
  while (roots.length) {
    const more = [];
    for (const root of roots.splice(0)) visit(root, lazy, more);
    roots.push(...more);
  }
  return { firstLoad: [...firstLoad], lazy: [...lazy].filter((file) => !firstLoad.has(file)) };
}

/** Bytes of a set of files: minified (as written) and gzip -9, each file compressed on its own. */
export function sizeOf(files) {
  return files.reduce((sum, file) => ({ min: sum.min + readFileSync(file).length, gzip: sum.gzip + gzipSize(file) }), { min: 0, gzip: 0 });
}

// Lit leaves these markers in any build that contains it.
const LIT_MARKERS = /lit-html|_\$litType\$|litElementVersions|reactiveElementVersions/;

export function checkBundles() {
  const checks = [];
  if (!existsSync(KIT)) checks.push({ name: `${KIT} exists`, ok: false, detail: 'not built' });
  else {
    const { firstLoad, lazy } = bundleGraph(KIT);
    const size = sizeOf(firstLoad).gzip;
    checks.push({
      name: `${KIT} first load (entry + ${firstLoad.length - 1} static chunk(s)) gzip -9 within ${KIT_BUDGET_BYTES} B`,
      ok: size <= KIT_BUDGET_BYTES,
      detail: `${size} B (${kb(size)}); ${lazy.length} chunks on first use: ${sizeOf(lazy).gzip} B`,
    });
    // Every element of components/define/ is defined by the first load (a heavy body is a lazy
    // chunk, components/internal/lazy-body.ts): its tag name is a string of the entry's core.
    const text = firstLoad.map((file) => readFileSync(file, 'utf8')).join('\n');
    const missing = readdirSync('components/define').map((file) => `auth0-${file.replace(/\.ts$/, '')}`).filter((tag) => !text.includes(`"${tag}"`));
    checks.push({ name: `${KIT} first load defines every element of components/define/`, ok: !missing.length, detail: missing.length ? `missing: ${missing.join(', ')}` : undefined });
  }
  if (!existsSync(ENGINE)) checks.push({ name: `${ENGINE} exists`, ok: false, detail: 'not built' });
  else {
    const { firstLoad, lazy } = bundleGraph(ENGINE);
    const withLit = [...firstLoad, ...lazy].filter((file) => LIT_MARKERS.test(readFileSync(file, 'utf8')));
    checks.push({ name: `${ENGINE} and its chunks contain no Lit`, ok: !withLit.length, detail: withLit.join(', ') || undefined });
    const size = sizeOf(firstLoad).gzip;
    checks.push({ name: `${ENGINE} first load gzip -9 size`, ok: true, detail: `${size} B (${kb(size)}; goal ${kb(ENGINE_GOAL_BYTES)}); ${lazy.length} chunks on first use: ${sizeOf(lazy).gzip} B` });
  }
  return checks;
}
