import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Auth0LogoutButton } from '../../../components/index.js';
import { tenant } from '../../support/tenant.js';
import { buttonOf, isShown, mountProvider, nextStatus, signIn, signOutEverywhere } from './helpers.js';

describe('<auth0-logout-button>', () => {
  beforeEach(signOutEverywhere);

  it('is hidden while anonymous', async () => {
    const { provider, ready } = await mountProvider('<auth0-logout-button></auth0-logout-button>');
    await ready;
    const element = provider.querySelector('auth0-logout-button') as Auth0LogoutButton;
    await element.updateComplete;
    expect(isShown(element)).to.equal(false);
  });

  it('is a real, accessible button while authenticated', async () => {
    await signIn('alice');
    const { provider, ready } = await mountProvider('<auth0-logout-button>Sign out</auth0-logout-button>');
    await ready;
    const element = provider.querySelector('auth0-logout-button') as Auth0LogoutButton;
    await element.updateComplete;
    expect(isShown(element)).to.equal(true);
    expect(buttonOf(element).getAttribute('part')).to.equal('button');
    await expect(element).to.be.accessible();
  });

  it('local-only forgets the session here, from the keyboard, without leaving the page', async () => {
    await signIn('alice');
    await tenant.control('resetRequests');
    const { provider, ready } = await mountProvider(
      '<auth0-logout-button local-only></auth0-logout-button><auth0-user><i slot="anonymous">bye</i></auth0-user>',
    );
    await ready;
    expect(provider.status).to.equal('authenticated');
    const element = provider.querySelector('auth0-logout-button') as Auth0LogoutButton;
    await element.updateComplete;
    const anonymous = nextStatus(provider, 'anonymous');
    element.focus();
    await sendKeys({ press: 'Enter' });
    const change = await anonymous;
    expect(change.detail).to.deep.equal({ status: 'anonymous', user: undefined });
    await element.updateComplete;
    expect(isShown(element)).to.equal(false);
    expect(provider.querySelector('i')!.checkVisibility()).to.equal(true);
    // The tenant was not asked to log out, and its session still answers a silent login.
    expect(await tenant.control('requests', { path: '/v2/logout' })).to.deep.equal([]);
    const back = nextStatus(provider, 'authenticated');
    await provider.client!.getTokenSilently({ cacheMode: 'off' });
    await back;
  });
});
