// React 19 and Vue 3 use the elements directly, no wrapper (issue 14; the README's snippets):
// attributes, the authorizationParams property (it reaches the tenant's /authorize), event props,
// and the provider's `ready` promise for listeners that arrive after `auth0-ready`.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import type { Auth0Provider } from '../../../components/index.js';
import { facts, signOutEverywhere } from '../elements/helpers.js';

/** A page that had a session: the provider's load-time check then asks /authorize silently. */
async function expectSilentCheck() {
  const { clientId } = await facts();
  document.cookie = `auth0.${clientId}.is.authenticated=true; path=/`;
  await tenant.control('resetRequests');
}

/** The scopes of the last /authorize request the tenant saw. */
async function lastAuthorizeScopes(): Promise<string[]> {
  const requests = await tenant.control<Array<{ scope?: string }>>('requests', { path: '/authorize' });
  return requests.at(-1)?.scope?.split(' ') ?? [];
}

// Waits for the condition, up to 15 s: beyond the provider's 5 s authorize-timeout (its slowest
// settling, as `error`) on a busy machine.
const until = async (check: () => boolean) => {
  const deadline = Date.now() + 15_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  expect(check()).to.equal(true);
};

describe('frameworks without a wrapper', function () {
  this.timeout(30_000);
  beforeEach(signOutEverywhere);

  it('React 19: attributes, the authorizationParams property, event props and provider.ready', async () => {
    const React = await import(/* @vite-ignore */ (await executeServerCommand('react-bundle')) as string);
    const { domain, clientId } = await facts();
    await expectSilentCheck();
    const params = { scope: 'openid profile email from:react' };
    const ready: CustomEvent[] = [];
    const seenByEffect: string[] = [];
    function App() {
      const ref = React.useRef(null);
      // An effect runs after the first render: the provider's `ready` serves such late listeners.
      React.useEffect(() => void ref.current.ready.then((session: { status: string }) => seenByEffect.push(session.status)), []);
      return React.createElement(
        'auth0-provider',
        { ref, domain, 'client-id': clientId, 'authorize-timeout': '5', authorizationParams: params, 'onauth0-ready': (e: CustomEvent) => ready.push(e) },
        React.createElement('auth0-login-button', { mode: 'popup' }, 'Sign in'),
      );
    }
    const container = document.createElement('div');
    document.body.append(container);
    const root = React.createRoot(container);
    try {
      React.flushSync(() => root.render(React.createElement(App)));
      const provider = container.querySelector('auth0-provider') as Auth0Provider;
      expect(provider.getAttribute('client-id')).to.equal(clientId);
      expect(provider.clientId).to.equal(clientId);
      expect(provider.authorizationParams).to.equal(params); // a property, not an attribute
      expect(provider.hasAttribute('authorizationparams')).to.equal(false);
      expect((container.querySelector('auth0-login-button') as any).mode).to.equal('popup');
      await until(() => ready.length === 1 && seenByEffect.length === 1);
      expect(ready[0].detail.status).to.be.oneOf(['anonymous', 'error']);
      expect(seenByEffect).to.deep.equal([ready[0].detail.status]);
      expect(await lastAuthorizeScopes()).to.include('from:react');
      // Later still: the promise has settled already and answers at once, with the same state.
      expect((await provider.ready).status).to.equal(ready[0].detail.status);
    } finally {
      root.unmount();
      container.remove();
    }
  });

  it('Vue 3: attributes, :authorizationParams, @auth0-ready and provider.ready', async () => {
    // Vue's own single-file ES module build (runtime template compiler included).
    const vue: string = '/node_modules/vue/dist/vue.esm-browser.prod.js';
    const { createApp } = await import(/* @vite-ignore */ vue);
    const { domain, clientId } = await facts();
    await expectSilentCheck();
    const ready: CustomEvent[] = [];
    const container = document.createElement('div');
    document.body.append(container);
    const app = createApp({
      template: `<auth0-provider ref="provider" :domain="domain" :client-id="clientId" authorize-timeout="5"
          :authorizationParams="params" @auth0-ready="onReady">
        <auth0-login-button mode="popup">Sign in</auth0-login-button>
      </auth0-provider>`,
      data: () => ({ domain, clientId, params: { scope: 'openid profile email from:vue' } }),
      methods: { onReady: (e: CustomEvent) => ready.push(e) },
    });
    app.config.compilerOptions.isCustomElement = (tag: string) => tag.startsWith('auth0-');
    try {
      app.mount(container);
      const provider = container.querySelector('auth0-provider') as Auth0Provider;
      expect(provider.getAttribute('client-id')).to.equal(clientId);
      expect(provider.authorizationParams).to.deep.equal({ scope: 'openid profile email from:vue' });
      expect(provider.hasAttribute('authorizationparams')).to.equal(false);
      const session = await provider.ready;
      await until(() => ready.length === 1);
      expect(session.status).to.equal(ready[0].detail.status);
      expect(await lastAuthorizeScopes()).to.include('from:vue');
    } finally {
      app.unmount();
      container.remove();
    }
  });
});
