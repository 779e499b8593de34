// Two copies of the kit on one page (two CMS blocks, or the bundle next to the define modules) must
// not throw: every define module checks before defining.
import { expect } from '@open-wc/testing';
import { Auth0LoginButton } from '../../../components/index.js';
import { mountProvider, signOutEverywhere } from './helpers.js';

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
});
