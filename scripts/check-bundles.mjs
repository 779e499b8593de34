// The size budget (DESIGN.md §8) and the layering of the two bundles (STYLE.md §12).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const KIT_BUDGET_BYTES = 25 * 1024; // fails above this; the goal is 22 KB
export const KIT_GOAL_BYTES = 22 * 1024;
export const ENGINE_GOAL_BYTES = 18 * 1024;

export function gzipSize(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

export function checkBundles() {
  const checks = [];
  const kit = 'dist/auth0-elements.min.js';
  const engine = 'dist/engine.min.js';
  if (!existsSync(kit)) checks.push({ name: `${kit} exists`, ok: false, detail: 'not built' });
  else {
    const size = gzipSize(kit);
    checks.push({
      name: `${kit} gzip -9 within the 25 KB budget`,
      ok: size <= KIT_BUDGET_BYTES,
      detail: `${size} B (${kb(size)}; goal ${kb(KIT_GOAL_BYTES)})`,
    });
  }
  if (!existsSync(engine)) checks.push({ name: `${engine} exists`, ok: false, detail: 'not built' });
  else {
    const source = readFileSync(engine, 'utf8');
    // Lit leaves these markers in any build that contains it.
    const litInside = /lit-html|_\$litType\$|litElementVersions|reactiveElementVersions/.test(source);
    checks.push({ name: `${engine} contains no Lit`, ok: !litInside });
    const size = gzipSize(engine);
    checks.push({ name: `${engine} gzip -9 size`, ok: true, detail: `${size} B (${kb(size)}; goal ${kb(ENGINE_GOAL_BYTES)})` });
  }
  return checks;
}
