// Server-rendered elements hydrate (issue 14): @lit-labs/ssr renders the provider and a login
// button in Node (declarative shadow DOM), the page parses that HTML, and the elements take over
// their server-rendered shadow roots — no error, no second shadow root, a working session.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Auth0Provider } from '../../../components/index.js';
import { facts, signOutEverywhere } from '../elements/helpers.js';

async function serverRendered(): Promise<string> {
  const { domain, clientId } = await facts();
  const markup = `<auth0-provider domain="${domain}" client-id="${clientId}"><auth0-login-button>Sign in</auth0-login-button></auth0-provider>`;
  return executeServerCommand('ssr-render', { markup }) as Promise<string>;
}

describe('server-side rendering with @lit-labs/ssr', function () {
  this.timeout(30_000);
  beforeEach(signOutEverywhere);

  it('renders declarative shadow DOM that the browser parses into shadow roots', async () => {
    const doc = Document.parseHTMLUnsafe(await serverRendered());
    for (const tag of ['auth0-provider', 'auth0-login-button']) {
      const root = doc.querySelector(tag)!.shadowRoot;
      expect(root, tag).to.not.equal(null);
      expect(root!.querySelector('style'), tag).to.not.equal(null);
    }
  });

  it('hydrates in Chromium: same shadow roots, no error, the session runs', async () => {
    const html = await serverRendered();
    const errors: string[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) => errors.push(String('message' in event ? event.message : event.reason));
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      errors.push(args.map(String).join(' '));
      consoleError.apply(console, args);
    };
    addEventListener('error', onError, true);
    addEventListener('unhandledrejection', onError, true);
    const container = document.createElement('div');
    document.body.append(container);
    try {
      const ready = new Promise<CustomEvent>((resolve) => container.addEventListener('auth0-ready', (e) => resolve(e as CustomEvent), { once: true }));
      container.setHTMLUnsafe(html);
      const provider = container.querySelector('auth0-provider') as Auth0Provider;
      const button = container.querySelector('auth0-login-button')!;
      const [providerRoot, buttonRoot] = [provider.shadowRoot, button.shadowRoot];
      // The first update is the hydration: it rejects on a mismatch with the server's HTML.
      await Promise.all([provider, button].map((el) => (el as any).updateComplete.catch((e: Error) => errors.push(e.message))));
      expect(providerRoot).to.not.equal(null);
      expect(buttonRoot).to.not.equal(null);
      expect((await ready).detail.status).to.equal('anonymous');
      await (button as any).updateComplete;
      expect(provider.shadowRoot).to.equal(providerRoot);
      expect(button.shadowRoot).to.equal(buttonRoot);
      const inner = button.shadowRoot!.querySelector('button')!;
      expect(inner.checkVisibility()).to.equal(true);
      expect(button.shadowRoot!.querySelectorAll('button')).to.have.length(1);
      expect((inner.querySelector('slot') as HTMLSlotElement).assignedNodes()[0].textContent).to.equal('Sign in');
    } finally {
      container.remove();
      removeEventListener('error', onError, true);
      removeEventListener('unhandledrejection', onError, true);
      console.error = consoleError;
    }
    expect(errors).to.deep.equal([]);
  });
});
