// Server command `wrapper-bundle` for browser tests: builds an app on the official React or Vue
// wrapper from the source its package ships (`@auth0/auth0-react/src`, `@auth0/auth0-vue/src`),
// with `@auth0/auth0-spa-js` aliased to our engine — the alias an app adds to switch (README,
// "Using the React/Vue wrappers"). One ES module per app in .test-results/bundles/; returns its
// URL path. Built once per test run.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const version = (pkg) => JSON.parse(readFileSync(resolve(`node_modules/${pkg}/package.json`), 'utf8')).version;

/** The engine as the wrappers see it: our source, where an app's alias points at the package's. */
export const ENGINE = resolve('src/engine.ts');

const APPS = {
  react: {
    entry: 'test/fixtures/wrappers/react-app.js',
    alias: { '@auth0/auth0-react': resolve('node_modules/@auth0/auth0-react/src/index.tsx') },
    define: { __VERSION__: JSON.stringify(version('@auth0/auth0-react')) },
  },
  vue: {
    entry: 'test/fixtures/wrappers/vue-app.js',
    alias: { '@auth0/auth0-vue': resolve('node_modules/@auth0/auth0-vue/src/index.ts') },
    define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  },
};

export function wrappersPlugin() {
  const built = new Map();
  return {
    name: 'auth0-wrapper-bundles',
    async executeCommand({ command, payload }) {
      if (command !== 'wrapper-bundle') return undefined;
      const app = APPS[payload?.app];
      if (!app) throw new Error(`wrapper-bundle: unknown app ${payload?.app}`);
      const outfile = `.test-results/bundles/wrapper-${payload.app}.js`;
      if (!built.has(outfile)) {
        built.set(
          outfile,
          build({
            entryPoints: [app.entry],
            bundle: true,
            format: 'esm',
            target: 'es2022',
            outfile,
            alias: { '@auth0/auth0-spa-js': ENGINE, ...app.alias },
            define: { 'process.env.NODE_ENV': '"production"', ...app.define },
            // The wrappers' own sources mix type and value imports (their build elides the types).
            tsconfigRaw: { compilerOptions: { jsx: 'react', useDefineForClassFields: false } },
            logLevel: 'silent',
          }),
        );
      }
      await built.get(outfile);
      return `/${outfile}`;
    },
  };
}
