// npm test: the editor and framework typings in types/ are what the generators make from today's
// custom-elements.json, and they work: a React 19 TSX file and a Vue 3 SFC using <auth0-provider>,
// <auth0-login-button> and <auth0-fetch> type-check against the package's exports (tsc, vue-tsc),
// wrong values included as expected errors. Needs lib/ (the build) for the element classes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeTypings } from './typings.mjs';

const typeCheck = (bin, project) => {
  const child = spawnSync('npx', [bin, '-p', project, '--noEmit'], { encoding: 'utf8' });
  return { ok: child.status === 0, detail: `${child.stdout}${child.stderr}`.trim().split('\n').slice(0, 4).join(' ') };
};

export function checkTypings() {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const fresh = '.test-results/types';
  const files = writeTypings(manifest, fresh);
  const stale = files.filter((file) => !existsSync(`types/${file}`) || readFileSync(`types/${file}`, 'utf8') !== readFileSync(`${fresh}/${file}`, 'utf8'));
  const tags = JSON.parse(readFileSync('types/vscode.html-custom-data.json', 'utf8')).tags?.length ?? 0;
  // One tag per element the manifest declares.
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).length;
  return [
    {
      name: 'types/ (VS Code custom data, JSX, Vue) fresh from custom-elements.json',
      ok: stale.length === 0 && tags === elements && tags > 0,
      detail: stale.length ? `stale: ${stale.join(', ')} — run \`npm run manifest\`` : `${tags} tags for ${elements} elements`,
    },
    { name: 'a React 19 TSX file type-checks with the JSX typings (tsc)', ...typeCheck('tsc', 'test/types/tsconfig.json') },
    { name: 'a Vue 3 SFC type-checks with the GlobalComponents typings (vue-tsc)', ...typeCheck('vue-tsc', 'test/types/tsconfig.vue.json') },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of checkTypings()) console.log(`${r.ok ? '✔' : '✘'} ${r.name} — ${r.detail}`);
}
