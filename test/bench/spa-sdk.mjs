// The peers to compare with, from node_modules (devDependencies): the SPA SDK's published,
// self-contained bundle and oidc-client-ts's minified browser bundle — the files a page would load.
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const versionOf = (name) => JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')).version;

export const SPA_SDK_BUNDLE = `${root}node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.production.js`;
export const OIDC_CLIENT_BUNDLE = `${root}node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js`;

/** The installed versions; throws when a peer is missing (`npm install` first). */
export function peerVersions() {
  for (const file of [SPA_SDK_BUNDLE, OIDC_CLIENT_BUNDLE]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm install`);
  }
  return { spa: versionOf('@auth0/auth0-spa-js'), oidc: versionOf('oidc-client-ts') };
}
