// The SPA SDK to compare with: its published, self-contained bundle, fetched from the npm
// registry with `npm pack` (the package itself does not install here: a dependency version is
// missing from the registry) into an ignored folder, once.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SPA_SDK_VERSION = '2.28.3';
const folder = new URL('./.spa-sdk/', import.meta.url).pathname;
export const SPA_SDK_BUNDLE = join(folder, 'package/dist/auth0-spa-js.production.js');
/** Where the bench server serves it from, relative to the repository root. */
export const SPA_SDK_URL_PATH = '/test/bench/.spa-sdk/package/dist/auth0-spa-js.production.js';

export function ensureSpaSdk() {
  if (existsSync(SPA_SDK_BUNDLE)) return SPA_SDK_BUNDLE;
  mkdirSync(folder, { recursive: true });
  execFileSync('npm', ['pack', `@auth0/auth0-spa-js@${SPA_SDK_VERSION}`, '--pack-destination', folder], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(folder).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  execFileSync('tar', ['xzf', join(folder, tarball), '-C', folder]);
  if (!existsSync(SPA_SDK_BUNDLE)) throw new Error(`${SPA_SDK_BUNDLE} missing from the package`);
  return SPA_SDK_BUNDLE;
}
