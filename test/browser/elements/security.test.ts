// Tokens never reach the page: not the DOM, not an attribute, not an event detail (DESIGN.md §9).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { tenant } from '../../support/tenant.js';
import { EVENT_TYPES, facts, mountProvider, nextStatus, recordEvents, signOutEverywhere, visibleStrings } from './helpers.js';

describe('no token in the page', () => {
  beforeEach(signOutEverywhere);

  it('after a popup login, no access, ID or refresh token is in any attribute, text node or event detail', async () => {
    const { users, issuer } = await facts();
    const seen = recordEvents(document);
    const { provider, ready } = await mountProvider(
      `<auth0-login-button mode="popup"></auth0-login-button><auth0-logout-button></auth0-logout-button>
       <auth0-user></auth0-user><auth0-user field="sub"></auth0-user>
       <auth0-if authenticated><p>members</p></auth0-if>`,
      { audience: 'https://api.example.com', 'use-refresh-tokens': '' },
    );
    await ready;
    const authenticated = nextStatus(provider, 'authenticated');
    provider.querySelector('auth0-login-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await tenant.login(users.alice.username, users.alice.password);
    await authenticated;
    await Promise.all([...provider.querySelectorAll('*')].map((el) => (el as any).updateComplete));

    const tokens = await provider.client!.getTokenSilently({ cacheMode: 'cache-only', detailedResponse: true });
    const secrets = [tokens.access_token, tokens.id_token, (tokens as any).refresh_token].filter(Boolean) as string[];
    expect(secrets.length).to.be.at.least(2);
    expect(tokens.access_token.split('.')).to.have.length(3); // a JWT for the API audience
    expect(EVENT_TYPES.length).to.be.greaterThan(0);
    expect(seen.length).to.be.greaterThan(0);

    const page = visibleStrings(document).join('\n');
    const details = JSON.stringify(seen.map((event) => event.detail));
    for (const secret of secrets) {
      for (const piece of [secret, secret.slice(-32)]) {
        expect(page.includes(piece), 'in the DOM').to.equal(false);
        expect(details.includes(piece), 'in an event detail').to.equal(false);
        expect(location.href.includes(piece), 'in the URL').to.equal(false);
      }
    }
    // The provider's reflected attributes are the documented ones only.
    expect(provider.getAttributeNames().sort()).to.deep.equal(['audience', 'client-id', 'domain', 'status', 'use-refresh-tokens']);
    expect(issuer).to.be.a('string');
  });
});
