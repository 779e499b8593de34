import { expect } from '@open-wc/testing';
import { GenericError } from '../../../src/index.js';
import { CALLBACK_PAGE, cleanSlate, facts, failure, frame, inspectableCache, newClient, nextFixtureMessage, tenantSession } from './helpers.js';

describe('logout', () => {
  beforeEach(async () => {
    await cleanSlate();
    await tenantSession('alice');
  });

  it('openUrl: false ends the local session only: cache, hint cookie, state (a pending transaction stays, as in the SPA SDK)', async () => {
    const { clientId } = await facts();
    const cache = inspectableCache();
    const client = await newClient({ cache });
    await client.getTokenSilently();
    await client.loginWithRedirect({ openUrl: () => undefined }); // a transaction left pending
    expect(document.cookie).to.include(`auth0.${clientId}.is.authenticated`);
    const href = location.href;
    await client.logout({ openUrl: false });
    expect(location.href).to.equal(href);
    expect(cache.entries.size).to.equal(0);
    expect(document.cookie).to.not.include(`auth0.${clientId}.is.authenticated`);
    expect(sessionStorage.getItem(`a0.spajs.txs.${clientId}`)).to.not.equal(null);
    expect(client.state).to.deep.equal({ status: 'anonymous', user: undefined, error: undefined });
    expect(await client.isAuthenticated()).to.equal(false);
    // The tenant session is still there: a silent call gets the user back.
    expect(await client.getTokenSilently()).to.be.a('string');
  });

  it('builds <domain>/v2/logout?client_id=…&returnTo=… (federated, clientId: null) for openUrl', async () => {
    const { domain, clientId } = await facts();
    const client = await newClient();
    const urls: string[] = [];
    const openUrl = (url: string) => void urls.push(url);
    await client.logout({ openUrl, logoutParams: { returnTo: 'https://app.example.com/bye?x=1' } });
    await client.logout({ openUrl, logoutParams: { returnTo: 'https://app.example.com/', federated: true } });
    await client.logout({ openUrl, clientId: null });
    await client.logout({ openUrl });
    // auth0Client: the telemetry the SPA SDK sends too (base64 JSON of name and version).
    const telemetry = `auth0Client=${encodeURIComponent(btoa(JSON.stringify({ name: 'auth0-elements', version: '0.1.0' })))}`;
    expect(urls).to.deep.equal([
      `${domain}/v2/logout?client_id=${clientId}&returnTo=${encodeURIComponent('https://app.example.com/bye?x=1')}&${telemetry}`,
      `${domain}/v2/logout?client_id=${clientId}&returnTo=${encodeURIComponent('https://app.example.com/')}&${telemetry}&federated`,
      `${domain}/v2/logout?${telemetry}`,
      `${domain}/v2/logout?client_id=${clientId}&${telemetry}`,
    ]);
  });

  it('ends the tenant session through /v2/logout and comes back to returnTo', async () => {
    const client = await newClient();
    await client.getTokenSilently();
    const iframe = frame();
    const back = nextFixtureMessage<{ url: string }>('engine-test-callback');
    await client.logout({ logoutParams: { returnTo: `${CALLBACK_PAGE}?after=logout` }, openUrl: (url) => void (iframe.src = url) });
    const { url } = await back;
    iframe.remove();
    expect(url).to.equal(`${CALLBACK_PAGE}?after=logout`);
    const error = await failure((await newClient()).getTokenSilently());
    expect(error).to.be.instanceOf(GenericError);
    expect(error.error).to.equal('login_required');
  });
});
