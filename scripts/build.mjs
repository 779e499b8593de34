// npm run build: tsc → lib/ (ES modules + .d.ts for bundler users), then rollup → dist/ (the two
// minified bundles, each an entry file with its chunks in dist/chunks/, and the worker file). The
// Node server entry compiles with Node's types.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

rmSync('lib', { recursive: true, force: true });
rmSync('dist', { recursive: true, force: true });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', ['tsc', '-p', 'tsconfig.server.json']);
run('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent']);
