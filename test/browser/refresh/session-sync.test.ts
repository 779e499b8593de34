import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { SESSION_CHANNEL } from '../../../src/session-sync.js';
import { cleanSlate, engineTab, facts, newClient, popupLogin, Tab, tokenRequests, type TenantUser } from './helpers.js';

async function elementsTab(cache: string): Promise<Tab> {
  const { domain, clientId } = await facts();
  const tab = await Tab.open('/test/fixtures/refresh/elements-tab.html', { domain, clientId, cache });
  // The fixture's module may still be loading the kit when the page's load event fires.
  await tab.eval(`new Promise((resolve) => { const ready = () => (window.viewWhen ? resolve(window.viewWhen('anonymous', 5000)) : setTimeout(ready, 20)); ready(); })`);
  return tab;
}

/** Listens on the engines' channel from the test page: every message any tab's engine posts. */
function watchChannel(): { messages: any[]; stop(): void } {
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  const messages: any[] = [];
  channel.onmessage = ({ data }) => messages.push(data);
  return { messages, stop: () => channel.close() };
}

describe('cross-tab session sync (BroadcastChannel)', () => {
  const tabs: Tab[] = [];
  let users: Record<string, TenantUser>;
  beforeEach(async () => {
    await cleanSlate();
    ({ users } = await facts());
  });
  afterEach(async () => {
    while (tabs.length) await tabs.pop()!.close();
  });

  it('localstorage: a login here makes the other tab’s engine and elements authenticated; a logout, anonymous — no reload', async () => {
    const engine = await engineTab({ cache: 'localstorage', refresh: '1' });
    const elements = await elementsTab('localstorage');
    tabs.push(engine, elements);
    await engine.eval('window.noReload = true');
    await elements.eval('window.noReload = true');
    expect(await elements.eval('window.view()')).to.deep.include({ status: 'anonymous', members: false, visitors: true });

    const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
    await popupLogin(client);
    expect(await engine.eval(`window.tab.waitFor('authenticated')`)).to.deep.include({ status: 'authenticated', sub: users.alice.sub });
    expect(await elements.eval(`window.viewWhen('authenticated')`)).to.deep.equal({
      status: 'authenticated',
      members: true,
      visitors: false,
      email: users.alice.email,
    });

    await client.logout({ openUrl: false });
    expect(await engine.eval(`window.tab.waitFor('anonymous')`)).to.deep.include({ status: 'anonymous', sub: null });
    expect(await elements.eval(`window.viewWhen('anonymous')`)).to.deep.include({ status: 'anonymous', members: false, visitors: true });
    expect(await engine.eval('window.noReload')).to.equal(true);
    expect(await elements.eval('window.noReload')).to.equal(true);
  });

  it('memory mode: the other tab gets its own tokens silently after a login here, and drops them at a logout here', async () => {
    const engine = await engineTab({ cache: 'memory' });
    tabs.push(engine);
    const client = await newClient();
    await tenant.control('resetRequests');
    await popupLogin(client);
    expect(await engine.eval(`window.tab.waitFor('authenticated')`)).to.deep.include({ status: 'authenticated', sub: users.alice.sub });
    // Two code exchanges: this page's popup, and the other tab's own silent authentication.
    expect((await tokenRequests()).map((r) => r.grantType)).to.deep.equal(['authorization_code', 'authorization_code']);
    await client.logout({ openUrl: false });
    expect(await engine.eval(`window.tab.waitFor('anonymous')`)).to.deep.include({ status: 'anonymous' });
    expect(await engine.eval('window.tab.user()')).to.equal('');
  });

  it('memory mode with refresh tokens: a logout here makes the other tab’s worker forget its token', async () => {
    const engine = await engineTab({ cache: 'memory', refresh: '1', fallback: '1' });
    tabs.push(engine);
    const client = await newClient({ useRefreshTokens: true });
    await popupLogin(client);
    expect(await engine.eval(`window.tab.waitFor('authenticated')`)).to.deep.include({ status: 'authenticated' });
    expect(await engine.eval(`window.tab.token('off')`), 'the other tab refreshes with its own token').to.equal('ok');
    await client.logout({ openUrl: false });
    await engine.eval(`window.tab.waitFor('anonymous')`);
    await tenant.control('endAllSessions'); // no silent fallback either
    expect(await engine.eval(`window.tab.token('off')`)).to.equal('login_required');
  });

  it('another user logging in elsewhere replaces this tab’s user', async () => {
    const engine = await engineTab({ cache: 'memory' });
    tabs.push(engine);
    const alice = await newClient();
    await popupLogin(alice, 'alice');
    expect(await engine.eval(`window.tab.waitFor('authenticated')`)).to.deep.include({ sub: users.alice.sub });
    await tenant.clearCookies();
    const bob = await newClient();
    await popupLogin(bob, 'bob');
    const deadline = Date.now() + 10_000;
    let state = await engine.eval('window.tab.state()');
    while (state.sub !== users.bob.sub && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await engine.eval('window.tab.state()');
    }
    expect(state).to.deep.include({ status: 'authenticated', sub: users.bob.sub });
  });

  it('the messages carry what happened, for which client, and the user’s sub — never a token', async () => {
    const { clientId } = await facts();
    const watch = watchChannel();
    try {
      const client = await newClient({ useRefreshTokens: true, cacheLocation: 'localstorage' });
      await popupLogin(client);
      await client.getTokenSilently({ cacheMode: 'off' });
      await client.logout({ openUrl: false });
      // BroadcastChannel delivers asynchronously: wait for the logout message (bounded), not a guess.
      for (const deadline = Date.now() + 5000; !watch.messages.some((m) => m.type === 'logout') && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 100)); // and nothing after it
      expect(watch.messages.map((m) => m.type)).to.deep.equal(['login', 'refresh', 'logout']);
      for (const message of watch.messages) {
        expect(Object.keys(message).sort()).to.satisfy((keys: string[]) => keys.every((k) => ['clientId', 'page', 'sub', 'type'].includes(k)));
        expect(message.clientId).to.equal(clientId);
      }
      expect(watch.messages[0].sub).to.equal(users.alice.sub);
    } finally {
      watch.stop();
    }
  });
});
