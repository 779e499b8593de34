// Browser tests: the engine and the elements run in the system Chromium against the real local
// tenant, which the tenant plugin starts next to the test server (both on 127.0.0.1, so the
// tenant's SameSite=Lax cookies reach the silent iframe).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { findChrome, chromeArgs } from './test/support/chrome.mjs';
import { freePort } from './test/support/free-port.mjs';
import { tenantPlugin } from './test/support/tenant-plugin.mjs';
import { securityPlugin } from './test/support/security-plugin.mjs';
import { ssrPlugin } from './test/support/ssr-plugin.mjs';
import { reactPlugin } from './test/support/react-plugin.mjs';
import { wrappersPlugin } from './test/support/wrappers-plugin.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';

const port = Number(process.env.WTR_PORT) || (await freePort());

export default {
  rootDir: '.',
  hostname: '127.0.0.1',
  port,
  // Lit's production build, as users get it from the bundle (and no dev-mode warning per file).
  nodeResolve: { exportConditions: ['production'] },
  // Passkey tests need a host name, not an IP: web-test-runner.passkey.config.mjs runs them.
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/browser/**/*.test.ts', '!test/browser/passkey/**'],
  // One file at a time: the files share one tenant and one browser profile (cookies, storage).
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), headless: true, args: chromeArgs() },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    tenantPlugin(),
    securityPlugin(),
    ssrPlugin(),
    reactPlugin(),
    wrappersPlugin(),
  ],
  reporters: [
    process.env.CI ? summaryReporter({ flatten: false }) : defaultReporter(),
    countReporter('.test-results/browser.json'),
  ],
};
