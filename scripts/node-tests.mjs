// The Node tests, run the same way by `npm test` and by `.ci/run`'s second run on the current Node
// LTS: one process per file, each killed past its deadline. The deadline is enforced from outside
// the file's process because a file can be stuck where no timer of its own fires (the Node 20 RSA
// keygen/exportJWK deadlock held CI for 14 minutes), and Node 22+'s `--test` runner does not kill
// such a file either. `--test-timeout` also bounds each test where the Node version applies it.
//
//   node scripts/node-tests.mjs        runs test/node/*.test.mjs with this Node; ends "N passed, N failed"
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The longest one Node test file may run. */
export const NODE_TEST_FILE_TIMEOUT_MS = 180_000;

/** The Node test files. */
export const nodeTestFiles = () => readdirSync('test/node').filter((name) => name.endsWith('.test.mjs')).sort().map((name) => `test/node/${name}`);

/**
 * Runs each file in its own process within `timeoutMs`, reporting to the console (spec) and to a
 * TAP file per file in `tapDir`. A file that is killed, or ends without a TAP summary, counts as
 * one failure.
 * @returns {{ passed: number, failed: number, skipped: number, tests: number, failedFiles: string[] }}
 */
export function runNodeTests({ files = nodeTestFiles(), timeoutMs = NODE_TEST_FILE_TIMEOUT_MS, tapDir = '.test-results/node', node = process.execPath, stdio = 'inherit' } = {}) {
  rmSync(tapDir, { recursive: true, force: true });
  mkdirSync(tapDir, { recursive: true });
  const totals = { passed: 0, failed: 0, skipped: 0, tests: 0, failedFiles: [] };
  for (const file of files) {
    const tap = join(tapDir, `${basename(file)}.tap`);
    const args = [`--test-timeout=${timeoutMs}`, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, file];
    // NODE_TEST_CONTEXT would make a run started from inside a test report to its parent instead.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_TEST_CONTEXT'));
    const child = spawnSync(node, args, { stdio, env, timeout: timeoutMs, killSignal: 'SIGKILL' });
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const count = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? NaN);
    const complete = Number.isFinite(count('tests')) && !child.error && child.signal === null;
    if (!complete && stdio === 'inherit') {
      console.log(`✘ ${file}: ${child.error?.code === 'ETIMEDOUT' ? `killed after ${timeoutMs} ms` : `ended without a test summary (${child.signal ?? `exit ${child.status}`})`}`);
    }
    totals.tests += complete ? count('tests') : 1;
    totals.passed += complete ? count('pass') : 0;
    totals.skipped += complete ? count('skipped') + count('todo') : 0;
    const failed = complete ? count('fail') + count('cancelled') : 1;
    totals.failed += failed;
    if (failed) totals.failedFiles.push(file);
  }
  return totals;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`Node ${process.version}: ${nodeTestFiles().length} test files`);
  const { passed, failed, failedFiles } = runNodeTests();
  if (failedFiles.length) console.log(`\nFailed: ${failedFiles.join(', ')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed || !passed ? 1 : 0);
}
