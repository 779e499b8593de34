// Every Node test file runs with a deadline (scripts/node-tests.mjs): a file stuck where none of
// its own timers can fire (the Node 20 RSA keygen/exportJWK deadlock once held CI for 14 minutes)
// is killed in time and counted as a failure, on every supported Node version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { NODE_TEST_FILE_TIMEOUT_MS, nodeTestFiles, runNodeTests } from '../../scripts/node-tests.mjs';

describe('Node test deadlines', { timeout: 60_000 }, () => {
  test('a file whose event loop never comes back is killed at the deadline and counted as failed', () => {
    const started = Date.now();
    const result = runNodeTests({ files: ['test/fixtures/node/stuck.test.mjs'], timeoutMs: 2000, tapDir: '.test-results/node-deadline', stdio: 'ignore' });
    assert.deepEqual(result.failedFiles, ['test/fixtures/node/stuck.test.mjs']);
    assert.equal(result.failed, 1);
    assert.ok(Date.now() - started < 20_000, 'ended within seconds of the deadline');
  });

  test('npm test and .ci/run run every Node test file that way', () => {
    assert.ok(NODE_TEST_FILE_TIMEOUT_MS > 0 && NODE_TEST_FILE_TIMEOUT_MS <= 5 * 60_000);
    assert.ok(nodeTestFiles().includes('test/node/node-test-timeout.test.mjs'));
    assert.match(readFileSync('scripts/test.mjs', 'utf8'), /runNodeTests\(/);
    assert.match(readFileSync('.ci/run', 'utf8'), /scripts\/node-tests\.mjs/);
  });
});
