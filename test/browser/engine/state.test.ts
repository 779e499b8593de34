import { expect } from '@open-wc/testing';
import type { SessionState } from '../../../src/index.js';
import { cleanSlate, newClient } from './helpers.js';

describe('subscribe() state snapshots', () => {
  beforeEach(cleanSlate);

  it('calls the listener at once, then with a new frozen snapshot only when something changes', async () => {
    const client = await newClient();
    const seen: SessionState[] = [];
    const unsubscribe = client.subscribe((state) => seen.push(state));
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.equal({ status: 'loading', user: undefined, error: undefined });
    expect(seen[0]).to.equal(client.state);
    expect(Object.isFrozen(seen[0])).to.equal(true);

    await client.checkSession(); // no hint cookie: anonymous, no network
    expect(seen.map((s) => s.status)).to.deep.equal(['loading', 'anonymous']);
    await client.checkSession();
    await client.logout({ openUrl: false });
    expect(seen).to.have.length(2); // no change, no new object

    const second: SessionState[] = [];
    client.subscribe((state) => second.push(state));
    expect(second).to.deep.equal([seen[1]]);
    expect(second[0]).to.equal(seen[1]);

    unsubscribe();
    await client.handleRedirectCallback(`${location.origin}/?code=abc&state=xyz`).catch(() => undefined);
    expect(seen).to.have.length(2);
    expect(second.map((s) => s.status)).to.deep.equal(['anonymous', 'error']);
    expect(second[1].error).to.be.instanceOf(Error);
    expect(Object.isFrozen(second[1])).to.equal(true);
    expect(() => ((second[1] as any).status = 'authenticated')).to.throw(TypeError);
  });

  it('keeps notifying the other listeners when one throws', async () => {
    const client = await newClient();
    const seen: string[] = [];
    const onError = window.onerror;
    window.onerror = () => true; // the thrown error is re-raised asynchronously on purpose
    try {
      client.subscribe((s) => {
        if (s.status !== 'loading') throw new Error('listener bug');
      });
      client.subscribe((s) => seen.push(s.status));
      await client.checkSession();
      await new Promise((r) => setTimeout(r));
    } finally {
      window.onerror = onError;
    }
    expect(seen).to.deep.equal(['loading', 'anonymous']);
  });
});
