import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { GenericError, PopupCancelledError, PopupOpenError, PopupTimeoutError } from '../../../src/index.js';
import { cleanSlate, facts, failure, inspectableCache, newClient, popupLogin } from './helpers.js';

describe('loginWithPopup / getTokenWithPopup', () => {
  beforeEach(cleanSlate);

  it('logs in through the tenant login page in a popup: user, claims, token, state', async () => {
    const { users, clientId, issuer } = await facts();
    const client = await newClient();
    const states: string[] = [];
    client.subscribe((s) => states.push(s.status));
    await popupLogin(client, 'alice');
    const user = await client.getUser();
    expect(user?.sub).to.equal(users.alice.sub);
    expect(user?.name).to.equal(users.alice.name);
    expect(user).not.to.have.property('nonce');
    const claims = await client.getIdTokenClaims();
    expect(claims?.aud).to.equal(clientId);
    expect(claims?.iss).to.equal(issuer);
    expect(claims?.__raw.split('.')).to.have.length(3);
    expect(await client.isAuthenticated()).to.equal(true);
    const token = await client.getTokenSilently({ cacheMode: 'cache-only' });
    expect(token).to.be.a('string').and.not.empty;
    expect(states).to.deep.equal(['loading', 'authenticated']);
    expect(client.state.user?.name).to.equal(users.alice.name);
    expect(Object.isFrozen(client.state)).to.equal(true);
  });
});
