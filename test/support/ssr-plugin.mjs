// Server command `ssr-render {markup}` for browser tests: the markup rendered by @lit-labs/ssr in
// a child Node process (test/support/ssr-render.mjs), so the test runner's own process keeps its
// globals. Returns the HTML string (declarative shadow DOM).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = new URL('./ssr-render.mjs', import.meta.url).pathname;

export function ssrPlugin() {
  return {
    name: 'auth0-ssr-render',
    async executeCommand({ command, payload }) {
      if (command !== 'ssr-render') return undefined;
      const { stdout } = await run(process.execPath, [script, payload.markup], { timeout: 20_000 });
      return stdout;
    },
  };
}
