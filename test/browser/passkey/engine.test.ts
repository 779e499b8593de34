// client.passkey on our engine, in the test page itself, with a virtual authenticator: a signup
// creates the user and a credential on the authenticator; a login with that credential gives a
// normal session (cache, isAuthenticated, getUser, getTokenSilently from the cache).
import { expect } from '@open-wc/testing';
import { Auth0Client, GenericError, PasskeyError } from '../../../src/engine.js';
import { tenant } from '../../support/tenant.js';
import { authenticator } from '../../support/virtual-authenticator.js';

async function client() {
  const info = (await tenant.info()) as any;
  return new Auth0Client({ domain: info.domain, clientId: info.clients.spa.clientId });
}

describe('client.passkey on the engine', function () {
  this.timeout(60_000);
  let id: string;

  beforeEach(async () => {
    await tenant.control('resetPasskeys');
    localStorage.clear();
    id = await authenticator.add();
  });
  afterEach(async () => {
    await authenticator.remove(id);
  });

  it('signup, then login with the same passkey: one user, a normal session', async () => {
    const signedUp = await (await client()).passkey.signup({ email: 'pat@example.com', name: 'Pat Passkey' });
    expect(signedUp).to.have.keys(['access_token', 'id_token', 'expires_in', 'scope', 'token_type']);
    const [credential] = await authenticator.credentials(id);
    expect(credential).to.include({ rpId: 'localhost', isResidentCredential: true });
    const [stored] = (await tenant.control<any[]>('passkeys'));
    expect(stored.rpId).to.equal('localhost');

    const fresh = await client(); // another page load: nothing but the cache
    await fresh.logout({ openUrl: false });
    expect(await fresh.isAuthenticated()).to.equal(false);
    await fresh.passkey.login();
    expect(await fresh.isAuthenticated()).to.equal(true);
    const user = await fresh.getUser();
    expect(user).to.include({ sub: stored.sub, email: 'pat@example.com', name: 'Pat Passkey' });
    expect(await fresh.getTokenSilently()).to.be.a('string');
    const grants = await tenant.control<any[]>('tokenRequests', { grantType: 'urn:okta:params:oauth:grant-type:webauthn' });
    expect(grants.map((r) => [r.status, r.contentType])).to.deep.equal([[200, 'application/json'], [200, 'application/json']]);
    expect((await tenant.control<any[]>('passkeys'))[0].counter).to.be.greaterThan(0);
  });

  it('the user cancels (user verification fails): the ceremony\'s NotAllowedError, nothing stored', async () => {
    await authenticator.setUserVerified(id, false);
    const error = await (await client()).passkey.signup({ email: 'cancel@example.com' }).catch((e) => e);
    expect(error).to.be.instanceOf(DOMException);
    expect(error.name).to.equal('NotAllowedError');
    expect(await tenant.control<any[]>('passkeys')).to.deep.equal([]);
  });

  it('a refused grant is a GenericError with the tenant\'s error; WebAuthn missing is PasskeyError passkey_not_supported', async () => {
    const c = await client();
    const { authSession, publicKey } = await c.passkey.getSignupChallenge({ email: 'twice@example.com' });
    const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
    await c.passkey.getTokenWithPasskey({ authSession, credential });
    const again = await c.passkey.getTokenWithPasskey({ authSession, credential }).catch((e) => e);
    expect(again).to.be.instanceOf(GenericError);
    expect(again.error).to.equal('invalid_grant');
    const saved = Object.getOwnPropertyDescriptor(navigator, 'credentials') ?? Object.getOwnPropertyDescriptor(Navigator.prototype, 'credentials')!;
    Object.defineProperty(navigator, 'credentials', { value: undefined, configurable: true });
    try {
      const missing = await c.passkey.login().catch((e) => e);
      expect(missing).to.be.instanceOf(PasskeyError);
      expect(missing.code).to.equal('passkey_not_supported');
    } finally {
      delete (navigator as any).credentials;
      if (!('credentials' in navigator)) Object.defineProperty(Navigator.prototype, 'credentials', saved);
    }
    expect(navigator.credentials).to.be.ok;
  });
});
