// Redis for the server tests (not a test file itself): the URL .ci/run passes in REDIS_URL, or a
// redis-server started here on a free 127.0.0.1 port when the binary is installed; and a TCP proxy
// in front of it, so a test can cut Redis off (an outage at the network edge) and bring it back.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, connect } from 'node:net';

/**
 * A Redis to test against: `{url, close, source}`, or `{missing: reason}` when there is none.
 * Under CI=true a missing Redis must fail the tests (the caller decides), never skip them.
 */
export async function testRedis() {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, source: 'REDIS_URL', close: async () => {} };
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    return { missing: 'no REDIS_URL and no redis-server on PATH (apt-get install redis-server; .ci/run does it)' };
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    source: `redis-server on port ${port}, started by the test`,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP proxy on 127.0.0.1 to `targetUrl`'s host and port; `down()` cuts every connection and refuses new ones. */
export async function startProxy(targetUrl) {
  const target = new URL(targetUrl);
  const sockets = new Set();
  let server;
  const port = await freePort();
  const up = () =>
    new Promise((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 6379), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
  const down = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  await up();
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return { url: url.href.replace(/\/$/, ''), up, down };
}
