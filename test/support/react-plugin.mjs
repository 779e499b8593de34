// Server command `react-bundle` for browser tests: React 19 ships CommonJS only, so esbuild makes
// one ES module of it (react + react-dom/client, production build) in .test-results/, which the
// test server serves; returns its URL path. Built once per test run.
import { build } from 'esbuild';

const OUT = '.test-results/bundles/react.js';

export function reactPlugin() {
  let built;
  return {
    name: 'auth0-react-bundle',
    async executeCommand({ command }) {
      if (command !== 'react-bundle') return undefined;
      built ??= build({
        stdin: { contents: "export { createElement, useEffect, useRef, useState } from 'react';\nexport { createRoot } from 'react-dom/client';\nexport { flushSync } from 'react-dom';", resolveDir: process.cwd() },
        bundle: true,
        format: 'esm',
        outfile: OUT,
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      });
      await built;
      return `/${OUT}`;
    },
  };
}
