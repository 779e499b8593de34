// The first hour of a new user (issue 14): a login started on a CMS page comes back to that page
// and anchor; an element whose provider is never defined says so once.
import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { returnTo } from '../../../components/provider/callback-url.js';
import { facts, signOutEverywhere } from '../elements/helpers.js';

/** Messages of `source` from the iframe `frame`. */
function messagesOf(frame: HTMLIFrameElement, source: string) {
  const messages: any[] = [];
  addEventListener('message', (event) => {
    if (event.source === frame.contentWindow && event.data?.source === source) messages.push(event.data);
  });
  return messages;
}

async function until<T>(find: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the first hour', function () {
  this.timeout(40_000);
  beforeEach(signOutEverywhere);

  it('a redirect login from a page without its own redirect-uri comes back to that page and anchor', async () => {
    const { domain, clientId, users } = await facts();
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 800px; height: 600px';
    const messages = messagesOf(frame, 'elements-fixture');
    // The CMS fixture's redirect-uri is its bare address (?domain&client_id): the "site root".
    // The article is the same page with ?article=7#comments, where the visitor clicks "Log in".
    frame.src = `/test/fixtures/elements/cms-page.html?${new URLSearchParams({ domain, client_id: clientId, article: '7' })}#comments`;
    document.body.append(frame);
    try {
      await until(() => messages.find((m) => m.type === 'auth0-ready' && m.detail.status === 'anonymous'));
      frame.contentDocument!.querySelector('auth0-login-button')!.shadowRoot!.querySelector('button')!.click();
      await tenant.login(users.alice.username, users.alice.password);
      const back = await until(() => messages.find((m) => m.type === 'auth0-ready' && m.detail.status === 'authenticated'), 20_000);
      expect(back).to.not.equal(undefined);
      const url = new URL(frame.contentWindow!.location.href);
      expect(url.searchParams.get('article')).to.equal('7');
      expect(url.hash).to.equal('#comments');
      for (const name of ['code', 'state']) expect(url.searchParams.has(name), name).to.equal(false);
      const callback = messages.find((m) => m.type === 'auth0-redirect-callback');
      expect(new URL(callback.detail.appState.returnTo).hash).to.equal('#comments');
    } finally {
      frame.remove();
    }
  });

  it('returnTo is followed only to an absolute URL of this origin', () => {
    const here = new URL('/elsewhere?x=1#top', location.href).href;
    expect(returnTo({ returnTo: here })).to.equal(here);
    expect(returnTo({ returnTo: 'https://evil.example/phish' })).to.equal(undefined);
    expect(returnTo({ returnTo: 'javascript:alert(1)' })).to.equal(undefined);
    expect(returnTo({ returnTo: '/relative/route' })).to.equal(undefined); // the page's own router's
    expect(returnTo({ returnTo: location.href })).to.equal(undefined); // already there
    expect(returnTo(undefined)).to.equal(undefined);
  });

  it('an element inside a provider whose define module is never imported warns once, naming it', async () => {
    const frame = document.createElement('iframe');
    const messages = messagesOf(frame, 'provider-not-imported');
    frame.src = '/test/fixtures/ecosystem/provider-not-imported.html';
    document.body.append(frame);
    try {
      const { warnings, rendered } = await until(() => messages[0], 15_000);
      expect(rendered).to.equal('');
      const ours = warnings.filter((w: string) => w.includes('auth0-'));
      expect(ours).to.deep.equal([
        '<auth0-login-button> is not inside a defined <auth0-provider>: it renders nothing.',
        '<auth0-user> is not inside a defined <auth0-provider>: it renders nothing.',
      ]);
    } finally {
      frame.remove();
    }
  });
});
