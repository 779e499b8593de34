// `npm start` as the Node tests of the demo page run it: demo/start.mjs on free ports, ready once
// it prints its URLs. The demo serves on localhost (WebAuthn needs a host name, not an IP).
import { spawn } from 'node:child_process';
import { freePort } from './free-port.mjs';

const root = new URL('../../', import.meta.url);

/**
 * Starts the demo and resolves once it is listening.
 * @returns {Promise<{ origin: string, tenantOrigin: string, output: string, stop: () => Promise<void> }>}
 *   `output` is what it printed up to then (the URLs, the demo users); `stop()` ends it.
 */
export async function startDemo() {
  const [port, tenantPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['demo/start.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), TENANT_PORT: String(tenantPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('(Ctrl+C to stop)')) resolve();
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`npm start ended (exit ${code}):\n${output}`)));
  });
  return {
    origin: `http://localhost:${port}`,
    tenantOrigin: `http://localhost:${tenantPort}`,
    output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
