import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { facts, mountProvider, signIn, signOutEverywhere } from './helpers.js';

const BLOCKS = `
  <auth0-if authenticated><p id="authenticated">members</p></auth0-if>
  <auth0-if anonymous><p id="anonymous">visitors</p></auth0-if>
  <auth0-if loading><p id="loading">checking…</p></auth0-if>
  <auth0-if organization="acme"><p id="org-name">acme by name</p></auth0-if>
  <auth0-if organization="ACME"><p id="org-name-case">acme by name, any case</p></auth0-if>
  <auth0-if organization="__ACME_ID__"><p id="org-id">acme by id</p></auth0-if>
  <auth0-if organization="globex"><p id="org-other">globex</p></auth0-if>
  <auth0-if claim="email_verified"><p id="claim-present">verified</p></auth0-if>
  <auth0-if claim="email_verified" value="false"><p id="claim-false">unverified</p></auth0-if>
  <auth0-if claim="nickname" value="alice"><p id="claim-value">alice</p></auth0-if>
  <auth0-if authenticated claim="nickname" value="bob"><p id="claim-and">bob</p></auth0-if>
  <auth0-if claim="constructor"><p id="claim-inherited">an inherited name is no claim</p></auth0-if>
  <auth0-if claim="toString"><p id="claim-inherited-method">nor a method</p></auth0-if>
`;

async function shown(provider: Element): Promise<string[]> {
  await Promise.all([...provider.querySelectorAll('auth0-if')].map((el) => (el as any).updateComplete));
  return [...provider.querySelectorAll('p')].filter((p) => p.checkVisibility()).map((p) => p.id);
}

async function mountBlocks(attributes: Record<string, string> = {}) {
  const { organizations } = await facts();
  return mountProvider(BLOCKS.replace('__ACME_ID__', organizations.acme.id), attributes);
}

describe('<auth0-if>', () => {
  beforeEach(signOutEverywhere);
  afterEach(() => tenant.control('clearFaults'));

  it('shows only the loading block while the session loads', async () => {
    const { clientId } = await facts();
    document.cookie = `auth0.${clientId}.is.authenticated=true; path=/`;
    await tenant.control('fault', 'authorize', 'hang');
    const { provider, ready } = await mountBlocks({ 'authorize-timeout': '1' });
    await provider.updateComplete;
    expect(await shown(provider)).to.deep.equal(['loading']);
    await ready;
  });

  it('shows only the anonymous block to a signed-out visitor', async () => {
    const { provider, ready } = await mountBlocks();
    await ready;
    expect(await shown(provider)).to.deep.equal(['anonymous']);
  });

  it('shows the blocks whose conditions hold for a signed-in user', async () => {
    await signIn('alice');
    const { provider, ready } = await mountBlocks();
    await ready;
    // alice: email_verified true, nickname alice, no organization in this login.
    expect(await shown(provider)).to.deep.equal(['authenticated', 'claim-present', 'claim-value']);
  });

  it('matches the organization by id or name', async () => {
    const { organizations } = await facts();
    await signIn('alice');
    const { provider, ready } = await mountBlocks({ organization: organizations.acme.id });
    await ready;
    // Already signed in without an org: log in to acme through the popup.
    const login = provider.client!.loginWithPopup();
    // The tenant session from signIn answers at once (single sign-on): no login form this time.
    await login;
    expect(await shown(provider)).to.deep.equal(['authenticated', 'org-name', 'org-name-case', 'org-id', 'claim-present', 'claim-value']);
  });

  it('hides everything outside a provider, and treats the error state as signed out', async () => {
    const orphan = document.createElement('auth0-if');
    orphan.setAttribute('anonymous', '');
    orphan.innerHTML = '<p>orphan</p>';
    document.body.append(orphan);
    await orphan.updateComplete;
    expect(orphan.querySelector('p')!.checkVisibility()).to.equal(false);
    orphan.remove();

    const { provider, ready } = await mountBlocks({ 'cache-location': 'cookies' });
    await ready;
    expect(provider.status).to.equal('error');
    expect(await shown(provider)).to.deep.equal(['anonymous']);
  });
});
