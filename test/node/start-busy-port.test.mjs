// `npm start` on a port that is taken (a second `npm start`, another server): one line naming the
// port and the variable to change (PORT or TENANT_PORT), exit code 1, no stack trace.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { freePort } from '../support/free-port.mjs';

async function startWithBusy(variable) {
  const ports = { PORT: await freePort(), TENANT_PORT: await freePort() };
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(ports[variable], '127.0.0.1', resolve));
  try {
    // Asynchronous, so this process keeps holding the blocker while the demo tries its ports.
    const env = { ...process.env, PORT: String(ports.PORT), TENANT_PORT: String(ports.TENANT_PORT) };
    const child = await new Promise((resolve) => {
      execFile(process.execPath, ['demo/start.mjs'], { cwd: new URL('../../', import.meta.url), env, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stdout, stderr }));
    });
    return { ...child, port: ports[variable] };
  } finally {
    blocker.close();
  }
}

for (const variable of ['PORT', 'TENANT_PORT']) {
  test(`npm start with ${variable} taken: one clear line and exit code 1`, { timeout: 90_000 }, async () => {
    const { code, stderr, port } = await startWithBusy(variable);
    assert.equal(code, 1);
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0], new RegExp(`^npm start: port ${port} on 127\\.0\\.0\\.1 is in use .*${variable}=\\d+ npm start$`));
  });
}

