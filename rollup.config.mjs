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

const bundle = (input, file) => ({
  input,
  output: { file, format: 'es', inlineDynamicImports: true, sourcemap: false },
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'default'] }),
    minifyCss(),
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
