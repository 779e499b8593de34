// The two minified ES module bundles for CDN and CMS use (DESIGN.md §2): `dist/engine.min.js` and
// `dist/auth0-elements.min.js`, each one `<script type="module">` or one `import`. What a page
// needs on load is in the entry's core chunk; what it may need later (the token endpoint and ID
// token checks, the refresh-token vaults and the worker's source, DPoP, the fetcher, connected
// accounts) is in chunks in `dist/chunks/`, loaded on first use through relative imports, so the
// bundle works from any folder.
//
// The entry file itself only re-exports its core chunk (`chunks/kit-….js`, `chunks/engine-….js`):
// the lazy chunks import the core, never the entry, so an entry loaded under another URL (a
// `?v=2` cache buster, a renamed file, two copies on one CMS page) shares one core — one set of
// classes and state — with every chunk it loads.
// Input is tsc's output in lib/ (scripts/build.mjs runs tsc first).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { resolve } from 'node:path';

/**
 * Collapses the whitespace and comments inside the elements' style sheets — Lit css`…` templates
 * and `sheet(`…`)` calls — which terser leaves alone. Only templates without `${…}` are touched,
 * and only whitespace next to `{ } ; , :` or runs of it: selectors, strings and values keep their
 * meaning.
 */
const minifyCss = () => ({
  name: 'minify-css',
  transform(code, id) {
    if (!id.includes('/lib/components/') || !/\b(css\s*|sheet\()`/.test(code)) return null;
    return code.replace(/\b(css\s*|sheet\()`([^`$\\]*)`/g, (_, tag, text) => {
      const min = text
        .replace(/\/\*[^]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,])\s*/g, '$1')
        .replace(/:\s+/g, ':')
        .replace(/;}/g, '}')
        .trim();
      return `${tag}\`${min}\``;
    });
  },
});

/**
 * Lets the bundles be imported in Node (SSR, static-site builds, test runners): Lit's browser build
 * reads `document` and extends `HTMLElement` as it loads, which Node lacks (Lit's own Node build does
 * what this does). Nothing is defined there: the define modules skip a missing registry. Fails the
 * build when Lit's code no longer has the expected text, instead of shipping a bundle that throws.
 */
const nodeSafeLit = () => {
  const patches = [
    [/\/lit-html\/lit-html\.js$/, 'l=document,', 'l=globalThis.document??{createTreeWalker(){}},'],
    [/\/@lit\/reactive-element\/reactive-element\.js$/, ' extends HTMLElement{', ' extends(globalThis.HTMLElement??class{}){'],
  ];
  return {
    name: 'node-safe-lit',
    transform(code, id) {
      const patch = patches.find(([file]) => file.test(id));
      if (!patch) return null;
      if (!code.includes(patch[1])) this.error(`node-safe-lit: "${patch[1]}" not found in ${id} (did Lit change?)`);
      return { code: code.replace(patch[1], patch[2]), map: null };
    },
  };
};

/** The lazy chunks: paths relative to lib/src/ (without `.js`; `../components/…` for element parts) by chunk name. */
const LAZY = {
  // Everything that talks to the tenant: authorize requests, the token endpoint, ID token
  // verification (JWKS, RS256), the refresh grant and the cache vault, silent iframe, token
  // exchange, logout and revocation URLs.
  tokens: [
    'authorize-url', 'pkce', 'random', 'http', 'token-endpoint', 'session-writer', 'id-token', 'jws', 'jwks',
    'silent-iframe', 'token-exchange', 'logout-url', 'dpop/token-request',
    'refresh/refresh-grant', 'refresh/vault', 'refresh/cache-vault', 'refresh/revision', 'refresh/revoke-endpoint',
  ],
  // Memory mode with refresh tokens: the worker's client and the worker's own source.
  worker: ['refresh/worker-client', 'refresh/token-worker'],
  // useDpop: the key pair in IndexedDB, nonces, proofs.
  dpop: ['dpop/dpop', 'dpop/key-store', 'dpop/nonce-store', 'dpop/proof', 'dpop/storage', 'dpop/thumbprint'],
  fetcher: ['fetcher'],
  connect: ['connect/connect-account', 'connect/my-account-api'],
  // isFederatedDomain (home-realm discovery), email-first logins; the enterpriseConnect option's warnings.
  'domain-discovery': ['domain-discovery/is-federated-domain', 'domain-discovery/email-first', '../components/login-button/email-first-form'],
  'enterprise-connect': ['domain-discovery/enterprise-connect'],
  // client.anonymous: anonymous sessions (its error class, anonymous/errors, stays with the core:
  // the engine entry exports it, and a page must not load this chunk to have the class).
  anonymous: ['anonymous/anonymous-cache', 'anonymous/anonymous-api', 'anonymous/anonymous-client'],
  // client.mfa's calls (with its error classes in the kit; the engine entry exports those).
  mfa: ['mfa/mfa-api'],
  // Lazy element bodies (components/internal/lazy-body.ts): an element's form and logic, on first connect.
  'mfa-challenge': ['../components/mfa-challenge/mfa-challenge.body', '../components/mfa-challenge/mfa-challenge.styles'],
};
const lazyChunkOf = new Map(Object.entries(LAZY).flatMap(([name, paths]) => paths.map((path) => [new URL(`${path}.js`, 'file:///lib/src/').pathname, name])));

/**
 * Puts every module the entry imports statically into its core chunk `core`, and the lazy
 * modules into their chunks; rollup decides for anything else (shared by lazy chunks only).
 */
function chunksOf(entry, core) {
  const entryId = resolve(entry);
  let statics;
  return (id, { getModuleInfo }) => {
    const lazy = lazyChunkOf.get(/\/lib\/(src|components)\/.*$/.exec(id)?.[0] ?? '');
    if (lazy) return lazy;
    if (!statics) {
      statics = new Set();
      const walk = (module) => {
        if (statics.has(module)) return;
        statics.add(module);
        for (const next of getModuleInfo(module)?.importedIds ?? []) walk(next);
      };
      walk(entryId);
    }
    return statics.has(id) ? core : undefined;
  };
}

const bundle = (input, file, core) => ({
  input,
  output: {
    dir: 'dist',
    entryFileNames: file,
    chunkFileNames: 'chunks/[name]-[hash].js',
    manualChunks: chunksOf(input, core),
    format: 'es',
    sourcemap: false,
  },
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'default'] }),
    minifyCss(),
    nodeSafeLit(),
    terser({
      ecma: 2020,
      module: true,
      compress: { passes: 2 },
      // The elements' private members (`_busy`, `_state`, `_run`, …; the engine uses #fields) get
      // short names too. Lit's own internals are `_$…` and public API has no leading underscore.
      mangle: { properties: { regex: /^_[a-z]/ } },
      format: { comments: false },
      // One name map for every chunk of the bundle: a mangled property keeps its name across them.
      nameCache: {},
      maxWorkers: 1,
    }),
  ],
});

export default [
  bundle('lib/src/engine.js', 'engine.min.js', 'engine'),
  bundle('lib/components/index.js', 'auth0-elements.min.js', 'kit'),
  // The refresh-token worker as a file of its own, for strict CSPs (the `workerUrl` option): a
  // classic script, since `new Worker(url)` loads classic workers.
  {
    input: 'lib/src/refresh/worker-entry.js',
    output: { file: 'dist/token-worker.js', format: 'iife', sourcemap: false },
    plugins: [terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } })],
  },
];
