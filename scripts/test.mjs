// npm test: the one gate (STYLE.md §12). Runs every check, keeps going after a failure so one run
// shows everything, and ends with the line "N passed, N failed" (tests plus gate checks).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { checkBundles } from './check-bundles.mjs';
import { checkManifest } from './check-manifest.mjs';
import { runNodeTests } from './node-tests.mjs';
import { checkManifestSchema } from './check-manifest-schema.mjs';
import { checkTypings } from './check-typings.mjs';

// The npm / npx calls below inherit this: no "npm notice" update banners between the checks, and
// no tarball listing from the bench's `npm pack` of the SPA SDK (warnings and errors still show).
process.env.npm_config_update_notifier = 'false';
process.env.npm_config_loglevel ??= 'warn';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function gate(name, ok, detail = '') {
  if (ok) results.passed += 1;
  else {
    results.failed += 1;
    failures.push(`${name}${detail ? `: ${detail}` : ''}`);
  }
  console.log(`${ok ? '✔' : '✘'} ${name}${detail ? ` — ${detail}` : ''}`);
}

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const child = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status === 0;
}

rmSync('.test-results', { recursive: true, force: true });
mkdirSync('.test-results', { recursive: true });

gate('type-check (browser)', run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']));
gate('type-check (server)', run('npx', ['tsc', '-p', 'tsconfig.server.json', '--noEmit']));
const built = run('node', ['scripts/build.mjs']);
gate('build (lib + dist bundles)', built);
if (built) {
  for (const check of checkBundles()) gate(check.name, check.ok, check.detail);
}
const manifest = checkManifest();
gate('custom-elements.json is fresh', manifest.ok, manifest.detail);
for (const check of checkManifestSchema()) gate(check.name, check.ok, check.detail);
if (built) for (const check of checkTypings()) gate(check.name, check.ok, check.detail);

// Node: the tenant and the server entry, one process per file, each within its deadline
// (scripts/node-tests.mjs: --test-timeout for every test, the file killed past it).
console.log('\n$ node scripts/node-tests.mjs');
const node = runNodeTests();
results.passed += node.passed;
results.failed += node.failed;
results.skipped += node.skipped;
if (node.failed > 0) failures.push(`node tests (${node.failedFiles.join(', ')})`);
if (node.tests === 0) gate('node tests ran', false, 'no Node test executed');

// Browser: engine and elements in real Chromium against the local tenant; then the passkey run
// (pages and tenant on localhost, a virtual authenticator: web-test-runner.passkey.config.mjs).
for (const [config, browserFile] of [['web-test-runner.config.mjs', '.test-results/browser.json'], ['web-test-runner.passkey.config.mjs', '.test-results/browser-passkey.json']]) {
  const browserOk = run('npx', ['wtr', '--config', config]);
  if (existsSync(browserFile)) {
    const counts = JSON.parse(readFileSync(browserFile, 'utf8'));
    results.passed += counts.passed;
    results.failed += counts.failed + counts.fileErrors;
    results.skipped += counts.skipped;
    if (!browserOk) failures.push(`browser tests (${config})`);
    if (counts.passed + counts.failed === 0) gate(`browser tests ran (${config})`, false, 'no browser test executed');
  } else gate(`browser tests ran (${config})`, false, 'the test runner wrote no results');
  if (!browserOk && existsSync(browserFile) && results.failed === 0) gate(`browser run exit code (${config})`, false);
}

// The bench must not rot: a smoke run with tiny counts.
if (existsSync('test/bench/run.mjs')) {
  gate('bench smoke run', run('node', ['test/bench/run.mjs', '--smoke']));
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
process.exit(results.failed > 0 ? 1 : 0);
