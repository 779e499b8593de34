// The two single-file minified ES modules for CDN and CMS use (DESIGN.md §2). Both are
// self-contained: every dependency is bundled, nothing is left to a second request.
// Input is tsc's output in lib/ (scripts/build.mjs runs tsc first).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

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

const bundle = (input, file) => ({
  input,
  output: { file, format: 'es', inlineDynamicImports: true, sourcemap: false },
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
    }),
  ],
});

export default [
  bundle('lib/src/engine.js', 'dist/engine.min.js'),
  bundle('lib/components/index.js', 'dist/auth0-elements.min.js'),
  // The refresh-token worker as a file of its own, for strict CSPs (the `workerUrl` option): a
  // classic script, since `new Worker(url)` loads classic workers.
  {
    input: 'lib/src/refresh/worker-entry.js',
    output: { file: 'dist/token-worker.js', format: 'iife', sourcemap: false },
    plugins: [terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } })],
  },
];
