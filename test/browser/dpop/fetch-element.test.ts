import { expect, oneEvent } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { mountProvider, nextStatus, signOutEverywhere, visibleStrings } from '../elements/helpers.js';
import { Auth0FetchError, type Auth0Fetch, type Auth0Provider } from '../../../components/index.js';
import { apiUrl, messagesUrl } from './helpers.js';

interface Info {
  apis: { default: string };
  users: { alice: { username: string; password: string; sub: string } };
}

/**
 * A provider for the demo API's audience around `inner`, DPoP on unless told, signed in as alice.
 * The demo API is another origin than the page: the provider allows it (`api-origins`).
 */
async function signedInProvider(inner: string, attributes: Record<string, string> = { 'use-dpop': '' }) {
  const { apis, users } = (await tenant.info()) as unknown as Info;
  const mounted = await mountProvider(inner, { audience: apis.default, 'api-origins': await apiUrl(), ...attributes });
  await mounted.ready;
  const authenticated = nextStatus(mounted.provider, 'authenticated');
  const login = mounted.provider.client!.loginWithPopup();
  await tenant.login(users.alice.username, users.alice.password);
  await login;
  await authenticated;
  return mounted;
}

const fetchIn = (provider: Auth0Provider) => provider.querySelector('auth0-fetch') as Auth0Fetch;
const part = (element: Auth0Fetch, name: string) => element.shadowRoot!.querySelector(`[part=${name}]`) as HTMLElement;
const shown = (element: Auth0Fetch, name: string) => part(element, name).checkVisibility();

describe('<auth0-fetch>', () => {
  beforeEach(async () => {
    await signOutEverywhere();
    await tenant.control('clearFaults');
  });

  it('renders the data of the DPoP-protected demo API once signed in, and forgets it at logout', async () => {
    const { provider } = await mountProvider(`<auth0-fetch src="${await messagesUrl()}"></auth0-fetch>`, {
      audience: ((await tenant.info()) as unknown as Info).apis.default,
      'api-origins': await apiUrl(),
      'use-dpop': '',
    });
    const element = fetchIn(provider);
    const seen: CustomEvent[] = [];
    element.addEventListener('auth0-response', (event) => seen.push(event));
    const answered = oneEvent(element, 'auth0-response');
    const { users } = (await tenant.info()) as unknown as Info;
    const login = provider.client!.loginWithPopup();
    await tenant.login(users.alice.username, users.alice.password);
    await login;
    const { detail } = await answered;
    await element.updateComplete;

    expect(detail.status).to.equal(200);
    expect(detail.data.token_type).to.equal('DPoP');
    expect(detail.data.user).to.equal(users.alice.sub);
    expect(element.data).to.deep.equal(detail.data);
    expect(element.error).to.equal(undefined);
    expect(shown(element, 'data')).to.equal(true);
    expect(shown(element, 'loading')).to.equal(false);
    expect(shown(element, 'error')).to.equal(false);
    expect(part(element, 'data').textContent).to.equal(JSON.stringify(detail.data, null, 2));
    expect(part(element, 'data').children).to.have.length(0); // text only

    // The token and its proof are nowhere on the page or in the events.
    const token = await provider.client!.getTokenSilently({ cacheMode: 'cache-only' });
    const page = visibleStrings(document).join('\n');
    expect(page.includes(token.slice(-32))).to.equal(false);
    expect(JSON.stringify(seen.map((event) => event.detail)).includes(token.slice(-32))).to.equal(false);

    const anonymous = nextStatus(provider, 'anonymous');
    await provider.client!.logout({ openUrl: false });
    await anonymous;
    await element.updateComplete;
    expect(element.data).to.equal(undefined);
    expect(shown(element, 'data')).to.equal(false);
    expect(part(element, 'data').textContent).to.equal('');
  });

  it('an error status → Auth0FetchError with the status and the API\'s error code, shown and fired', async () => {
    const { provider } = await signedInProvider(`<auth0-fetch trigger="manual" src="${await apiUrl()}/api/nowhere"></auth0-fetch>`);
    const element = fetchIn(provider);
    const failed = oneEvent(element, 'auth0-error');
    const response = oneEvent(element, 'auth0-response');
    await element.refetch();
    expect((await response).detail.status).to.equal(404);
    const { detail } = await failed;
    expect(detail.error).to.be.instanceOf(Auth0FetchError);
    expect(detail.error).to.include({ status: 404, error: 'not_found' });
    expect(element.error).to.equal(detail.error);
    await element.updateComplete;
    expect(shown(element, 'error')).to.equal(true);
    expect(part(element, 'error').textContent).to.contain('no such route');
    expect(shown(element, 'data')).to.equal(false);
  });

  it('without use-dpop the request goes out as Bearer, which this DPoP-only API refuses', async () => {
    const { provider } = await signedInProvider(`<auth0-fetch trigger="manual" src="${await messagesUrl()}"></auth0-fetch>`, {});
    const element = fetchIn(provider);
    await element.refetch();
    expect(element.error).to.be.instanceOf(Auth0FetchError);
    expect(element.error).to.include({ status: 401, error: 'invalid_token', error_description: 'this API accepts only DPoP-bound access tokens' });
  });

  it('trigger="click": nothing until its button is pressed; base-url and as="text"', async () => {
    const { provider } = await signedInProvider(
      `<auth0-fetch trigger="click" base-url="${await apiUrl()}/api" src="messages" as="text"><span slot="button">Show messages</span></auth0-fetch>`,
    );
    const element = fetchIn(provider);
    await element.updateComplete;
    expect(element.data).to.equal(undefined);
    const button = part(element, 'button') as HTMLButtonElement;
    expect(button.localName).to.equal('button');
    expect(button.disabled).to.equal(false);
    const answered = oneEvent(element, 'auth0-response');
    button.click();
    const { detail } = await answered;
    await element.updateComplete;
    expect(detail.status).to.equal(200);
    expect(detail.data).to.be.a('string');
    expect(JSON.parse(detail.data).token_type).to.equal('DPoP');
    expect(part(element, 'data').textContent).to.equal(detail.data);
  });

  it('a new src fetches again; the previous answer is not shown meanwhile', async () => {
    const { provider } = await signedInProvider(`<auth0-fetch src="${await apiUrl()}/api/nowhere"></auth0-fetch>`);
    const element = fetchIn(provider);
    if (!element.error) await oneEvent(element, 'auth0-error');
    const answered = oneEvent(element, 'auth0-response');
    element.src = await messagesUrl();
    await element.updateComplete;
    expect(shown(element, 'error')).to.equal(false);
    expect(shown(element, 'loading')).to.equal(true);
    expect((await answered).detail.status).to.equal(200);
  });
});
