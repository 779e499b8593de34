// custom-elements.json must be what the analyzer makes from today's JSDoc (STYLE.md §9).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export function checkManifest() {
  if (!existsSync('custom-elements.json')) return { ok: false, detail: 'custom-elements.json missing: npm run manifest' };
  const out = '.test-results/cem';
  const child = spawnSync(
    'npx',
    ['cem', 'analyze', '--outdir', out], // settings: custom-elements-manifest.config.mjs
    { encoding: 'utf8' },
  );
  if (child.status !== 0) return { ok: false, detail: `analyzer failed: ${child.stderr}` };
  const fresh = readFileSync(`${out}/custom-elements.json`, 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  return fresh === committed
    ? { ok: true }
    : { ok: false, detail: 'stale: run `npm run manifest` and commit custom-elements.json' };
}
