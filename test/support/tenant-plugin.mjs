// Starts the local tenant beside the test server and gives browser tests a few server commands
// (through @web/test-runner-commands' executeServerCommand):
//   tenant-info                      → the tenant's public facts (issuer, domain, clients, users),
//                                      plus `apiUrl`: the demo API (demo/api) beside the tenant,
//                                      which requires DPoP-bound tokens and server nonces
//   tenant-control {method, args}    → tenant.control[method](...args): faults, request log, …
//   tenant-login {username, password, timeoutMs}
//                                    → fills and submits the tenant's login page wherever it is
//                                      open (a popup, an iframe, another tab), like a person would
//   tenant-mfa {code, timeoutMs}     → types the code on the tenant's MFA step and continues
//   tenant-consent {decision, timeoutMs}
//                                    → clicks Allow or Deny on the stand-in upstream provider's
//                                      consent page (/connect?ticket=…) wherever it is open
//   clear-cookies                    → forgets every cookie in the browser (tenant session too)
//   page-cookies                     → the cookies the test page's URL gets, with their attributes
//   open-tab {url} / tab-eval {tab, expression} / close-tab {tab}
//                                    → other tabs of the same browser, for cross-tab cases
// These are test-only switches: the tenant exposes control only to the process that started it.
import { startTenant } from '../../demo/tenant/index.js';

/**
 * @param {{ host?: string }} [options] the tenant's host (default 127.0.0.1); the test pages must
 *   be on the same host (its cookies are SameSite=Lax): the passkey run serves both on localhost
 */
export function tenantPlugin({ host } = {}) {
  /** @type {Awaited<ReturnType<typeof startTenant>> | undefined} */
  let tenant;
  /** @type {{url: string, close(): Promise<void>} | undefined} */
  let demoApi;
  const tabs = new Map();
  let nextTab = 1;

  function browserOf(session) {
    const page = session.browser.getPage(session.id);
    return { page, browser: page.browser() };
  }

  async function findLoginFrame(browser, timeoutMs, prefix = `${tenant.issuer}u/login`) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const page of await browser.pages()) {
        for (const frame of page.frames()) {
          if (frame.url().startsWith(prefix)) return frame;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no tenant page ${prefix}… opened within ${timeoutMs} ms`);
  }

  return {
    name: 'auth0-local-tenant',

    async serverStart({ config }) {
      const appOrigin = `http://${config.hostname ?? '127.0.0.1'}:${config.port}`;
      tenant = await startTenant({ port: 0, host, appOrigins: [appOrigin], quiet: true });
      // The demo API runs on the compiled server entry (lib/): npm test builds first.
      const { startDemoApi } = await import('../../demo/api/index.js');
      demoApi = await startDemoApi({
        domain: tenant.domain,
        audience: tenant.info.apis.default,
        appOrigins: [appOrigin],
        dpopNonce: true,
        // The API's own client, for Token Vault (/api/calendar).
        clientId: tenant.info.clients.confidential.clientId,
        clientSecret: tenant.info.clients.confidential.clientSecret,
        // The step-up API's route (/api/secrets): tokens for it, with amr "mfa".
        stepUpAudience: tenant.info.apis.secure,
      });
    },

    async serverStop() {
      await demoApi?.close();
      await tenant?.close();
    },

    async executeCommand({ command, payload = {}, session }) {
      switch (command) {
        case 'tenant-info':
          return { ...tenant.info, apiUrl: demoApi.url };
        case 'tenant-control': {
          const fn = tenant.control[payload.method];
          if (typeof fn !== 'function') throw new Error(`tenant.control has no ${payload.method}`);
          return (await fn.apply(tenant.control, payload.args ?? [])) ?? true; // wtr treats null as "command not handled"
        }
        case 'tenant-login': {
          const { browser } = browserOf(session);
          const frame = await findLoginFrame(browser, payload.timeoutMs ?? 10_000);
          await frame.waitForSelector('input[name=username]');
          await frame.type('input[name=username]', payload.username);
          await frame.type('input[name=password]', payload.password);
          await Promise.all([
            frame.waitForNavigation({ timeout: 10_000 }).catch(() => undefined),
            frame.click('[type=submit]'),
          ]);
          return true;
        }
        case 'tenant-mfa': {
          // The tenant's MFA step (demo/tenant/mfa-login.js): types `code` and continues.
          const { browser } = browserOf(session);
          const frame = await findLoginFrame(browser, payload.timeoutMs ?? 10_000);
          await frame.waitForSelector('input[name=code]');
          await frame.type('input[name=code]', payload.code);
          await Promise.all([frame.waitForNavigation({ timeout: 10_000 }).catch(() => undefined), frame.click('[type=submit]')]);
          return true;
        }
        case 'tenant-consent': {
          const { browser } = browserOf(session);
          const frame = await findLoginFrame(browser, payload.timeoutMs ?? 10_000, `${tenant.issuer}connect`);
          const button = payload.decision === 'deny' ? '#deny' : '#allow';
          await frame.waitForSelector(button);
          await Promise.all([frame.waitForNavigation({ timeout: 10_000 }).catch(() => undefined), frame.click(button)]);
          return true;
        }
        case 'clear-cookies': {
          const { page } = browserOf(session);
          const cdp = await page.createCDPSession();
          await cdp.send('Network.clearBrowserCookies');
          await cdp.detach();
          return true;
        }
        case 'page-cookies': {
          const { page } = browserOf(session);
          return page.cookies();
        }
        case 'open-tab': {
          const { browser } = browserOf(session);
          const tab = await browser.newPage();
          await tab.goto(new URL(payload.url, session.browser.getPage(session.id).url()).href);
          const id = nextTab++;
          tabs.set(id, tab);
          return id;
        }
        case 'tab-eval': {
          const tab = tabs.get(payload.tab);
          if (!tab) throw new Error(`no tab ${payload.tab}`);
          return (await tab.evaluate(payload.expression)) ?? null;
        }
        case 'close-tab': {
          await tabs.get(payload.tab)?.close();
          tabs.delete(payload.tab);
          return true;
        }
        default:
          return undefined; // not ours: other plugins may answer
      }
    },
  };
}
