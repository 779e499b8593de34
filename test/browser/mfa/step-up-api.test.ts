// The demo API's step-up route (demo/api/secrets.js) with the demo page's pair of elements:
// `<auth0-fetch id="secrets" audience="<step-up API>">` + `<auth0-mfa-challenge for="secrets">`,
// on DPoP (as the demo page). carol: the token request is refused with mfa_required, the challenge
// shows, she types the code her app shows (computed from her secret), and the fetch is sent again
// with a token whose amr is ["mfa"]: 200 and the secrets. alice (no MFA policy) gets a token for the
// API without a second factor: the route answers 403 insufficient_user_authentication (RFC 9470 §3).
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../components/define/provider.js';
import '../../../components/define/mfa-challenge.js';
import type { Auth0MfaChallenge } from '../../../components/define/mfa-challenge.js';
import type { Auth0Fetch } from '../../../components/index.js';
import { tenant } from '../../support/tenant.js';
import { facts, mountProvider, nextStatus, signOutEverywhere } from '../elements/helpers.js';
import { mfaFacts, totp } from './support.js';

const { secure, carol } = await mfaFacts();
const secret = carol.find((a) => a.type === 'otp')!.secret!;
const { apiUrl } = await tenant.info();

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`)!;
const shown = (el: HTMLElement) => !el.hidden && !el.closest('[hidden]');

/** The demo page's card: a provider (DPoP, refresh tokens, the step-up API allowed), `user` signed in. */
async function secretsCard(user: 'carol' | 'alice') {
  const { users } = await facts();
  const { provider, ready } = await mountProvider(
    `<auth0-fetch id="secrets" trigger="manual" audience="${secure}" src="${apiUrl}/api/secrets"></auth0-fetch>
     <auth0-mfa-challenge for="secrets"></auth0-mfa-challenge>`,
    { 'use-dpop': '', 'use-refresh-tokens': '', 'use-mrrt': '', 'cache-location': 'localstorage', 'api-origins': apiUrl, 'api-audiences': secure },
  );
  await ready;
  const authenticated = nextStatus(provider, 'authenticated');
  const login = provider.client!.loginWithPopup();
  const { username, password } = user === 'carol' ? { username: 'carol', password: 'carol-password' } : users.alice;
  await tenant.login(username, password);
  await login;
  await authenticated;
  const fetchEl = provider.querySelector('auth0-fetch') as Auth0Fetch;
  const challenge = provider.querySelector('auth0-mfa-challenge') as Auth0MfaChallenge;
  return { provider, fetchEl, challenge };
}

const claimsOf = (token: string) => JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));

describe('step-up route /api/secrets with <auth0-fetch> + <auth0-mfa-challenge>', function () {
  this.timeout(60_000);
  beforeEach(async () => {
    await signOutEverywhere();
    await tenant.control('resetMfa');
  });

  it('carol: mfa_required → the challenge → her app\'s code → the fetch again, 200 with the secrets (a DPoP token with amr mfa)', async () => {
    const { provider, fetchEl, challenge } = await secretsCard('carol');
    const required = oneEvent(challenge, 'auth0-mfa-required');
    const refused = oneEvent(fetchEl, 'auth0-error');
    void fetchEl.refetch();
    expect((await refused).detail.error.error).to.equal('mfa_required');
    await required;
    await challenge.updateComplete;
    expect(shown(part(challenge, 'form'))).to.equal(true);
    const answered = oneEvent(fetchEl, 'auth0-response');
    const input = part(challenge, 'input') as HTMLInputElement;
    input.focus();
    await sendKeys({ type: totp(secret) });
    await sendKeys({ press: 'Enter' });
    const { detail } = await answered;
    expect(detail.status).to.equal(200);
    expect(detail.data.amr).to.deep.equal(['mfa']);
    expect(detail.data.secrets.map((s: { id: number }) => s.id)).to.deep.equal([1, 2]);
    await fetchEl.updateComplete;
    expect(part(fetchEl, 'data').textContent).to.include('The vault code is 0451.');
    const token = (await provider.client!.getTokenSilently({ authorizationParams: { audience: secure }, cacheMode: 'cache-only' }))!;
    const claims = claimsOf(token);
    expect(claims.aud).to.include(secure);
    expect(claims.cnf?.jkt, 'DPoP-bound').to.be.a('string');
  });

  it('alice (no second factor): a token for the API without amr mfa → 403 insufficient_user_authentication, shown as the fetch\'s error', async () => {
    const { provider, fetchEl, challenge } = await secretsCard('alice');
    const answered = oneEvent(fetchEl, 'auth0-response');
    const failed = oneEvent(fetchEl, 'auth0-error');
    void fetchEl.refetch();
    const { detail } = await answered;
    expect(detail.status).to.equal(403);
    expect(detail.data.error).to.equal('insufficient_user_authentication');
    expect(detail.data.error_description).to.match(/step-up.*amr includes "mfa"/);
    const { error } = (await failed).detail;
    expect([error.error, error.status]).to.deep.equal(['insufficient_user_authentication', 403]);
    await fetchEl.updateComplete;
    expect(shown(part(fetchEl, 'error'))).to.equal(true);
    expect(part(fetchEl, 'error').textContent).to.match(/needs a step-up/);
    // The token was valid for the API, only weaker than the route wants; the challenge stays idle.
    const token = (await provider.client!.getTokenSilently({ authorizationParams: { audience: secure }, cacheMode: 'cache-only' }))!;
    expect(claimsOf(token).amr ?? []).to.not.include('mfa');
    expect(challenge.shadowRoot!.querySelector('[part=form]')).to.equal(null);
  });

  it('the API\'s own audience is not enough: a token for the default API is refused by the route (401, wrong audience)', async () => {
    const { provider } = await secretsCard('alice');
    const fetcher = provider.client!.createFetcher({ dpopNonceId: 'step-up-api-test' });
    const response = await fetcher.fetchWithAuth(`${apiUrl}/api/secrets`, { method: 'GET' }, {});
    expect(response.status).to.equal(401);
    expect((await response.json()).error).to.equal('invalid_token');
  });
});
