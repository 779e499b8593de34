// The SPA SDK to compare with: its published, self-contained bundle, from the installed
// devDependency @auth0/auth0-spa-js (the same one the parity tests use as their oracle).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../../node_modules/@auth0/auth0-spa-js/', import.meta.url));
export const SPA_SDK_VERSION = JSON.parse(readFileSync(`${packageDir}package.json`, 'utf8')).version;
export const SPA_SDK_BUNDLE = `${packageDir}dist/auth0-spa-js.production.js`;
/** Where the bench server serves it from, relative to the repository root. */
export const SPA_SDK_URL_PATH = '/node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.production.js';

export function ensureSpaSdk() {
  if (!existsSync(SPA_SDK_BUNDLE)) throw new Error(`${SPA_SDK_BUNDLE} missing: run npm install`);
  return SPA_SDK_BUNDLE;
}
