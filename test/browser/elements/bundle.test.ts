// Two copies of the kit on one page (two CMS blocks, or the bundle next to the define modules) must
// not throw: every define module checks before defining.
import { expect } from '@open-wc/testing';
import { Auth0LoginButton } from '../../../components/index.js';
import { facts, mountProvider, signOutEverywhere } from './helpers.js';

describe('the single-file bundle', () => {
  beforeEach(signOutEverywhere);

  it('loads next to the define modules without throwing, and exports the engine and the context', async () => {
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    addEventListener('error', onError);
    try {
      const url = '/dist/auth0-elements.min.js';
      const first = await import(/* @vite-ignore */ `${url}?copy=a`);
      const second = await import(/* @vite-ignore */ `${url}?copy=b`);
      for (const kit of [first, second]) {
        expect(kit.Auth0Client).to.be.a('function');
        expect(kit.createAuth0Client).to.be.a('function');
        expect(kit.GenericError).to.be.a('function');
        expect(kit.auth0Context).to.equal(Symbol.for('auth0-elements.session'));
        expect(kit.Auth0Provider).to.be.a('function');
      }
      // The first definition stays; the copies found the names taken and moved on.
      expect(customElements.get('auth0-login-button')).to.equal(Auth0LoginButton);
      for (const tag of ['auth0-provider', 'auth0-login-button', 'auth0-logout-button', 'auth0-user', 'auth0-if']) {
        expect(customElements.get(tag), tag).to.be.a('function');
      }
    } finally {
      removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    const { provider, ready } = await mountProvider('<auth0-login-button></auth0-login-button>');
    expect((await ready).detail.status).to.equal('anonymous');
    expect(provider.querySelector('auth0-login-button')).to.be.instanceOf(Auth0LoginButton);
  });

  it('an entry under another URL (a ?ver= cache buster) loads its chunks through that URL: one core, one set of error classes', async () => {
    const { domain, clientId } = await facts();
    const url = new URL(`/dist/engine.min.js?ver=${Date.now()}`, location.href).href;
    const engine = await import(/* @vite-ignore */ url);
    const client = new engine.Auth0Client({ domain, clientId, authorizationParams: { redirect_uri: `${location.origin}/` } });
    let authorize = '';
    await client.loginWithRedirect({ openUrl: (to: string) => void (authorize = to) });
    const state = new URL(authorize).searchParams.get('state');
    // A made-up code: the token endpoint refuses it, and the tokens chunk throws the entry's class.
    const error = await client.handleRedirectCallback(`${location.origin}/?code=made-up&state=${state}`).catch((e: Error) => e);
    expect(error).to.be.instanceOf(engine.GenericError);
    expect(error.error).to.equal('invalid_grant');
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(loaded.filter((name) => name.includes('/dist/engine.min.js')), 'no second copy of the entry').to.deep.equal([url]);
    const chunks = loaded.filter((name) => name.includes('/dist/chunks/') && name.includes(encodeURIComponent(new URL(url).search)));
    expect(chunks.some((name) => name.includes('/dist/chunks/tokens-')), JSON.stringify(loaded)).to.equal(true);
  });
});
