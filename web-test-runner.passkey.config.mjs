// Browser tests of passkeys (test/browser/passkey/): the same runner, browser and tenant as
// web-test-runner.config.mjs, but pages and tenant on `localhost` — WebAuthn refuses an IP address
// as relying-party id, and localhost resolves to 127.0.0.1, so app and tenant stay same-site — and
// a virtual authenticator per page (test/support/virtual-authenticator-plugin.mjs).
// `npm test` runs it after the main run; one file: WTR_FILES=test/browser/passkey/x.test.ts.
import base from './web-test-runner.config.mjs';
import { countReporter } from './test/support/count-reporter.mjs';
import { tenantPlugin } from './test/support/tenant-plugin.mjs';
import { virtualAuthenticatorPlugin } from './test/support/virtual-authenticator-plugin.mjs';

export default {
  ...base,
  hostname: 'localhost',
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/browser/passkey/**/*.test.ts'],
  plugins: [
    ...base.plugins.map((plugin) => (plugin.name === 'auth0-local-tenant' ? tenantPlugin({ host: 'localhost' }) : plugin)),
    virtualAuthenticatorPlugin(),
  ],
  reporters: [...base.reporters.slice(0, -1), countReporter('.test-results/browser-passkey.json')],
};
