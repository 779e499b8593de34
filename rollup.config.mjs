// The two minified ES module bundles for CDN and CMS use (DESIGN.md §2): `dist/engine.min.js` and
// `dist/auth0-elements.min.js`, each one `<script type="module">` or one `import`. What a page
// needs on load is in the entry file itself (one fetch: a page's start waits for no second file);
// what it may need later (the token endpoint and ID token checks, the refresh-token vaults and the
// worker's source, DPoP, the fetcher, connected accounts, element bodies) is in chunks in
// `dist/chunks/`, loaded on first use through relative imports, so the bundle works from any folder.
//
// The lazy chunks reach the entry that loaded them by the URL it was loaded under (the
// `entryLinks` plugin below), never by a fixed name: an entry under a `?ver=2` cache buster (what
// WordPress adds) or renamed shares its one core — one set of classes and state — with every chunk
// it loads. (Two copies of the entry under two URLs are two cores; the elements are defined once.)
// Input is tsc's output in lib/ (scripts/build.mjs runs tsc first).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

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

const Q = '$$auth0q';
const ENTRY = '$$auth0e';
const INTERNAL = '$$auth0';

/**
 * Ties the lazy chunks to the entry that loads them, whatever its URL: the entry loads each chunk
 * as `chunks/x.js?<its own file name and query>`; in a chunk, the static imports (of the entry, of
 * another chunk) become `await import(…)` of the entry under that name, or of the other chunk with
 * the same query. (A plain `import … from "../engine.min.js"` would load a second copy of the core
 * when the page's URL for the entry differs.) What the chunks need from the entry beyond its API
 * is one export, `$$auth0`, so that the entry's module namespace stays its API. The entry must
 * import nothing statically (one fetch on load), nothing may `export let` (a chunk reads the
 * entry's bindings once, as it loads), and the chunks must not import each other in a cycle (top-
 * level await would wait forever): the build fails otherwise.
 */
function entryLinks(input, entryFile) {
  let api;
  // In the entry every relative specifier is a chunk; in a chunk, `../…` is the entry.
  const target = (chunk, spec) => (!chunk.isEntry && spec.startsWith('../') ? ENTRY : `"${spec}"+${Q}`);
  const dynamic = (chunk, text) => text.replace(/\bimport\((["'])(\.\.?\/[^"']+)\1\)/g, (_, __, spec) => `import(${target(chunk, spec)})`);
  const pairs = (list) => list.split(',').map((item) => item.trim().split(/\s+as\s+/)).map(([local, name]) => [local, name ?? local]);

  function entry(code, chunk) {
    if (/(?:^|[;}])\s*import\s*(?:[{*"']|[\w$]+\s*from)/.test(code)) this.error(`entry-links: ${chunk.fileName} imports statically (a second fetch on load)`);
    const exports = /export\s*\{([^}]*)\}\s*;?\s*$/.exec(code);
    if (!exports) this.error(`entry-links: no export list at the end of ${chunk.fileName}`);
    const all = pairs(exports[1]);
    const pub = all.filter(([, name]) => api.has(name)).map(([local, name]) => (local === name ? name : `${local} as ${name}`));
    const internal = all.filter(([, name]) => !api.has(name)).map(([local, name]) => `${name}:${local}`);
    const own = `const ${Q}="?"+encodeURIComponent(new URL(import.meta.url).pathname.split("/").pop()+new URL(import.meta.url).search);`;
    return own + dynamic(chunk, code.slice(0, exports.index)) + `export{${pub.join(',')}};export const ${INTERNAL}={${internal.join(',')}};`;
  }

  function lazy(code, chunk) {
    const imports = [];
    const rest = code.replace(/\bimport\s*(?:(\{[^}]*\})|\*\s*as\s+([\w$]+))?\s*(?:from\s*)?(["'])(\.\.?\/[^"']+)\3\s*;?/g, (_, names, namespace, __, spec) => {
      const module = `await import(${target(chunk, spec)})`;
      if (target(chunk, spec) !== ENTRY) {
        imports.push(names ? `const${names.replace(/\s+as\s+/g, ':')}=${module};` : namespace ? `const ${namespace}=${module};` : `${module};`);
      } else if (names) {
        const n = `${INTERNAL}m${imports.length}`;
        const all = pairs(names.slice(1, -1));
        const from = (list, object) => (list.length ? `,{${list.map(([name, local]) => `${name}:${local}`).join(',')}}=${object}` : '');
        imports.push(`const ${n}=${module}${from(all.filter(([name]) => api.has(name)), n)}${from(all.filter(([name]) => !api.has(name)), `${n}.${INTERNAL}`)};`);
      } else this.error(`entry-links: ${chunk.fileName} imports the entry without a list of names`);
      return '';
    });
    const own = `const ${Q}=new URL(import.meta.url).search,${ENTRY}="../"+decodeURIComponent(${Q}.slice(1));`;
    return own + imports.join('') + dynamic(chunk, rest);
  }

  return {
    name: 'entry-links',
    transform(code, id) {
      if (/^export\s+let\b/m.test(code)) this.error(`entry-links: ${id} has an \`export let\` (a chunk would read it once)`);
      return null;
    },
    // The entry's API: what tsc's module exports (lib/ imported in Node, as the SSR test does).
    async renderStart() {
      api = new Set(Object.keys(await import(pathToFileURL(resolve(input)).href)));
    },
    renderChunk(code, chunk) {
      if (code.includes(INTERNAL)) this.error(`entry-links: ${chunk.fileName} already uses the name ${INTERNAL}…`);
      return { code: (chunk.isEntry ? entry : lazy).call(this, code, chunk), map: null };
    },
    generateBundle(_, bundle) {
      // No cycle among the chunks' imports (each would wait for the other's top-level await).
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk' && !c.isEntry);
      const deps = Object.fromEntries(chunks.map((c) => [c.fileName, c.imports.filter((i) => i !== entryFile)]));
      const [visiting, done] = [new Set(), new Set()];
      const visit = (file, path) => {
        if (done.has(file)) return;
        if (visiting.has(file)) this.error(`entry-links: the chunks import each other in a cycle: ${[...path, file].join(' → ')}`);
        visiting.add(file);
        for (const next of deps[file] ?? []) visit(next, [...path, file]);
        visiting.delete(file);
        done.add(file);
      };
      for (const file of Object.keys(deps)) visit(file, []);
    },
  };
}

/** The lazy chunks: paths relative to lib/src/ (without `.js`; `../components/…` for element parts) by chunk name. */
const LAZY = {
  // Everything that talks to the tenant: authorize requests, the token endpoint, ID token
  // verification (JWKS, RS256), the refresh grant and the cache vault, silent iframe, token
  // exchange, logout and revocation URLs.
  tokens: [
    'authorize-url', 'pkce', 'random', 'http', 'token-endpoint', 'session-writer', 'id-token', 'jws', 'jwks',
    'silent-iframe', 'token-exchange', 'logout-url', 'dpop/token-request', 'transaction-store',
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
  // client.myAccount's calls (the My Account API: factors, authentication methods, enrollment).
  'my-account': ['my-account/my-account-api'],
  // client.passkey's calls and the WebAuthn codec (its error classes: with the chunk in the kit,
  // in the engine entry's core as the SDK exports them).
  passkey: ['passkey/passkey-api', 'passkey/webauthn-codec'],
  // Lazy element bodies (components/internal/lazy-body.ts): an element's form and logic, on first connect.
  'mfa-challenge': ['../components/mfa-challenge/mfa-challenge.body', '../components/mfa-challenge/mfa-challenge.styles'],
  'passkey-button': ['../components/passkey-button/passkey-button.body'],
  'authentication-methods': ['../components/authentication-methods/authentication-methods.body', '../components/authentication-methods/authentication-methods.styles'],
};
const lazyChunkOf = new Map(Object.entries(LAZY).flatMap(([name, paths]) => paths.map((path) => [new URL(`${path}.js`, 'file:///lib/src/').pathname, name])));

/**
 * Puts the entry and every module it imports statically into one chunk `core` (which, holding the
 * entry module, is the entry file: `preserveEntrySignatures: 'allow-extension'` lets it export
 * what the chunks import, instead of a facade file re-exporting it), and the lazy modules into
 * their chunks; rollup decides for anything else (shared by lazy chunks only).
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
  preserveEntrySignatures: 'allow-extension',
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
    entryLinks(input, file),
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
