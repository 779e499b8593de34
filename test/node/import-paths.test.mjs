// The documented import paths (issue 14): `auth0-elements/define/<name>.js` and
// `auth0-elements/define/<name>` resolve to the same module in Node, esbuild, Rollup (Vite's
// production bundler, with @rollup/plugin-node-resolve) and TypeScript (bundler and node16
// resolution), from a consumer project that has the package in its node_modules (a symlink to this
// checkout, as `npm install ../auth0-elements` makes); every `auth0-elements/…` specifier in the
// README resolves, and so does every define module the manifest lists. Needs the build (lib/).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const root = realpathSync(new URL('../../', import.meta.url));
const NAMES = readdirSync(join(root, 'components/define')).map((file) => file.replace(/\.ts$/, ''));
const SPECIFIERS = NAMES.flatMap((name) => [`auth0-elements/define/${name}.js`, `auth0-elements/define/${name}`]);
const target = (name) => join(root, `lib/components/define/${name}.js`);
let consumer;

before(() => {
  consumer = mkdtempSync(join(tmpdir(), 'auth0-elements-consumer-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules/auth0-elements'), 'dir');
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(
    join(consumer, 'entry.ts'),
    NAMES.map((name, i) => `import { ${className(name)} as A${i} } from 'auth0-elements/define/${name}.js';\nimport { ${className(name)} as B${i} } from 'auth0-elements/define/${name}';\nconsole.log(A${i} === B${i});\n`).join(''),
  );
  writeFileSync(join(consumer, 'entry.js'), readFileSync(join(consumer, 'entry.ts'), 'utf8'));
});
after(() => rmSync(consumer, { recursive: true, force: true }));

function className(name) {
  return `Auth0${name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}`;
}

/** Resolves each specifier with Node's own resolver, from the consumer project. */
function nodeResolveAll(specifiers) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `
    for (const s of ${JSON.stringify(specifiers)}) {
      try { console.log(JSON.stringify([s, new URL(import.meta.resolve(s)).pathname])); }
      catch (e) { console.log(JSON.stringify([s, 'ERROR ' + e.message])); }
    }`], { cwd: consumer, encoding: 'utf8', timeout: 20_000 });
  assert.equal(child.status, 0, child.stderr);
  return new Map(child.stdout.trim().split('\n').map((line) => JSON.parse(line)));
}

test('Node: both forms of every define path resolve to lib/components/define/<name>.js', { timeout: 30_000 }, () => {
  const resolved = nodeResolveAll(SPECIFIERS);
  for (const name of NAMES) {
    assert.equal(realpathSync(resolved.get(`auth0-elements/define/${name}.js`)), target(name));
    assert.equal(realpathSync(resolved.get(`auth0-elements/define/${name}`)), target(name));
  }
});

test('esbuild: a bundle importing both forms holds each define module once', { timeout: 60_000 }, async () => {
  const result = await build({ entryPoints: [join(consumer, 'entry.js')], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent' });
  const inputs = Object.keys(result.metafile.inputs).map((input) => realpathSync(join(process.cwd(), input)));
  for (const name of NAMES) assert.equal(inputs.filter((input) => input === target(name)).length, 1, name);
});

test('Rollup with @rollup/plugin-node-resolve: both forms resolve to the same module', { timeout: 60_000 }, async () => {
  const bundle = await rollup({ input: join(consumer, 'entry.js'), plugins: [nodeResolve({ browser: true })], onwarn: () => {} });
  const ids = bundle.cache.modules.map((m) => realpathSync(m.id));
  await bundle.close();
  for (const name of NAMES) assert.equal(ids.filter((id) => id === target(name)).length, 1, name);
});

for (const [moduleResolution, module] of [['bundler', 'esnext'], ['node16', 'node16']]) {
  test(`TypeScript (moduleResolution ${moduleResolution}): both forms type-check, with the element classes`, { timeout: 60_000 }, () => {
    const tsconfig = `tsconfig.${moduleResolution}.json`;
    writeFileSync(join(consumer, tsconfig), JSON.stringify({
      compilerOptions: { target: 'es2022', module, moduleResolution, lib: ['es2023', 'dom', 'dom.iterable'], strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['entry.ts'],
    }));
    const child = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: consumer, encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.status, 0, child.stdout + child.stderr);
  });
}

test('every auth0-elements/… import in the README resolves through the exports map', { timeout: 30_000 }, () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const imports = [...readme.matchAll(/\bimport\s+(type\s+)?(?:(?:(?!\bimport\b)[^'\n])*?\s+from\s+)?'(auth0-elements(?:\/[\w./-]+)?)'/g)];
  const runtime = [...new Set(imports.filter((m) => !m[1]).map((m) => m[2]))];
  const typeOnly = [...new Set(imports.filter((m) => m[1]).map((m) => m[2]))];
  assert.ok(runtime.includes('auth0-elements/define/login-button.js'), 'the README shows a define import');
  for (const [specifier, path] of nodeResolveAll(runtime)) assert.ok(!path.startsWith('ERROR') && existsSync(path), `${specifier} → ${path}`);
  // Type-only imports (the typings entries have no JavaScript): their `types` target exists.
  const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const specifier of typeOnly) {
    const entry = exports[specifier.replace(/^auth0-elements/, '.')];
    assert.ok(entry?.types && existsSync(join(root, entry.types)), `${specifier}: no types in the exports map`);
  }
});

test('every define module in custom-elements.json is the target of its documented import path', { timeout: 30_000 }, () => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const defineModules = manifest.modules.map((m) => m.path).filter((path) => path.startsWith('lib/components/define/'));
  assert.deepEqual(defineModules.map((path) => path.replace(/^lib\/components\/define\/|\.js$/g, '')).sort(), [...NAMES].sort());
  const resolved = nodeResolveAll(defineModules.map((path) => path.replace(/^lib\/components\//, 'auth0-elements/')));
  for (const [specifier, path] of resolved) assert.equal(realpathSync(path), join(root, specifier.replace(/^auth0-elements\//, 'lib/components/')));
});
