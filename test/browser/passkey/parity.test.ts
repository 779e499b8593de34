// client.passkey on the real SDK and on ours, side by side (test/browser/parity/harness.ts), each
// side with a fresh virtual authenticator and a fresh passkey slate at the tenant: signup then
// login and the session after, the granular calls, and the bad paths — the user cancels, no
// credential, a credential for another relying party, a replayed assertion, an expired
// challenge, a refused challenge, WebAuthn missing. The SDK's auth-js asks https://<domain> (it
// prefixes the scheme to the `domain` option, an http origin here): the scenario fixes that URL at
// its frame's fetch, the network edge.
import { expect } from '@open-wc/testing';
import { parity, type Env, type Observation } from '../parity/harness.js';
import { authenticator } from '../../support/virtual-authenticator.js';

/** A clean passkey slate, a fresh authenticator (removed by `done`), and the SDK's doubled scheme fixed. */
async function setUp(env: Env, options: Parameters<typeof authenticator.add>[0] = {}) {
  await env.control('resetPasskeys');
  const win = env.win as any;
  const fetch = win.fetch.bind(win);
  win.fetch = (input: RequestInfo | URL, init?: RequestInit) => fetch(typeof input === 'string' ? input.replace(/^https:\/\/(https?:\/\/)/, '$1') : input, init);
  const id = await authenticator.add(options);
  return { id, done: () => authenticator.remove(id) };
}

/** An error as an app sees it: its class by the name its side's module exports it under, and its fields. */
function failure(env: Env, e: any) {
  const name = Object.entries(env.lib).find(([, v]) => typeof v === 'function' && (v as any).prototype === Object.getPrototypeOf(e))?.[0] ?? e?.constructor?.name;
  return {
    // The tenant names the challenges it expected and got (random per run).
    class: name, name: e?.name, message: e?.message, code: e?.code, error: e?.error, error_description: e?.error_description?.replace(/"[\w-]{43}"/g, '"<challenge>"'),
    cause: e?.cause, statusCode: e?.statusCode, body: e?.body, headers: e?.headers instanceof Headers ? e.headers.get('content-type') : e?.headers,
  };
}
const caught = (env: Env, p: Promise<unknown>) => p.then((value) => ({ resolved: value }), (e) => failure(env, e));

/** What the tenant saw: the challenge requests, the shape of each grant's credential, the passkeys. */
async function atTenant(env: Env) {
  const challenges = (await env.control('passkeyChallengeRequests')) as any[];
  return {
    challenges: challenges.map(({ telemetryHeader, ...rest }) => rest),
    telemetry: challenges.map((c) => c.telemetryHeader),
    grants: await env.control('passkeyGrants'),
    passkeys: ((await env.control('passkeys')) as any[]).map(({ id, counter, ...rest }) => ({ ...rest, counted: counter > 0 })),
  };
}

/** A passkey user's `updated_at` is their signup time: a valid recent time on both sides, not the same one. */
function sameClock(sdk: Observation, ours: Observation) {
  const users = (o: Observation) => [(o.after as any)?.user, (o.result as any)?.afterSignup?.user].filter((u) => u && typeof u === 'object');
  const theirs = users(sdk);
  users(ours).forEach((user, i) => {
    for (const at of [user.updated_at, theirs[i]?.updated_at]) expect(Date.now() - Date.parse(at), 'updated_at: the signup time').to.be.within(0, 120_000);
    user.updated_at = theirs[i].updated_at;
  });
}

/**
 * Deliberate (README table): the SDK's auth-js sends its `Auth0-Client` telemetry header to the
 * challenge endpoints (a CORS preflight each), ours none; and the tokens resolved are the typed
 * `TokenEndpointResponse` — no
 * `decodedToken` (the SDK's decoder object), no `refresh_token` (the session keeps it), as
 * `mfa.verify`'s.
 */
function deliberate(...answers: string[]) {
  return (sdk: Observation, ours: Observation) => {
    sameClock(sdk, ours);
    const a = sdk.result as any;
    const b = ours.result as any;
    expect(b.tenant.telemetry.every((sent: boolean) => !sent), 'ours sends no Auth0-Client header').to.equal(true);
    expect(a.tenant.telemetry.every((sent: boolean) => sent), 'the SDK sends its telemetry header').to.equal(true);
    a.tenant.telemetry = b.tenant.telemetry;
    for (const key of answers) {
      const answer = a[key].resolved ?? a[key];
      expect(answer.decodedToken, 'the SDK leaks decodedToken').to.be.an('object');
      expect(b[key].resolved ?? b[key]).to.not.have.property('decodedToken');
      delete answer.decodedToken;
      delete answer.refresh_token;
    }
  };
}

describe('parity: client.passkey', function () {
  this.timeout(120_000);

  it('signup, logout, login: the same requests, tokens, session and user on both', async () => {
    const { sdk } = await parity(
      async (env) => {
        const { done } = await setUp(env);
        try {
          const client = env.client();
          const signedUp = await client.passkey.signup({ email: 'sam@example.com', name: 'Sam Passkey', nickname: 'sam' });
          const afterSignup = { isAuthenticated: await client.isAuthenticated(), user: await client.getUser() };
          await client.logout({ openUrl: false });
          const loggedIn = await client.passkey.login();
          const token = await client.getTokenSilently();
          return { signedUp, afterSignup, loggedIn, cached: token === loggedIn.access_token, tenant: await atTenant(env) };
        } finally {
          await done();
        }
      },
      { deliberate: deliberate('signedUp', 'loggedIn') },
    );
    const result = sdk.result as any;
    expect(result.afterSignup).to.deep.include({ isAuthenticated: true });
    expect(result.afterSignup.user).to.include({ email: 'sam@example.com', name: 'Sam Passkey' });
    expect(result.cached).to.equal(true);
    expect(result.tenant.passkeys).to.deep.equal([{ sub: result.afterSignup.user.sub, rpId: 'localhost', counted: true }]);
    expect(sdk.requests.filter((r) => r.path === '/oauth/token').map((r) => [r.params.grant_type, r.contentType, r.status])).to.deep.equal([
      ['urn:okta:params:oauth:grant-type:webauthn', 'application/json', 200],
      ['urn:okta:params:oauth:grant-type:webauthn', 'application/json', 200],
    ]);
    expect(sdk.after).to.deep.include({ isAuthenticated: true });
  });

  it('the granular calls: getSignupChallenge / getLoginChallenge, a ceremony of the app\'s own, getTokenWithPasskey (audience and scope)', async () => {
    await parity(
      async (env) => {
        const { done } = await setUp(env);
        try {
          const client = env.client({ authorizationParams: { audience: env.facts.apis.default } });
          const signup = await client.passkey.getSignupChallenge({ username: 'gran', email: 'gran@example.com', realm: 'Username-Password-Authentication' });
          const decoded = { challenge: signup.publicKey.challenge instanceof ArrayBuffer, userId: signup.publicKey.user.id instanceof ArrayBuffer, rp: signup.publicKey.rp };
          const created = (await env.win.navigator.credentials.create({ publicKey: signup.publicKey })) as PublicKeyCredential;
          const signedUp = await client.passkey.getTokenWithPasskey({ authSession: signup.authSession, credential: created, realm: 'Username-Password-Authentication' });
          const login = await client.passkey.getLoginChallenge();
          const asserted = (await env.win.navigator.credentials.get({ publicKey: login.publicKey })) as PublicKeyCredential;
          const loggedIn = await client.passkey.getTokenWithPasskey({ authSession: login.authSession, credential: asserted, scope: 'read:messages' });
          const wrong = await caught(env, client.passkey.getTokenWithPasskey({ authSession: login.authSession, credential: { response: {} } as any }));
          return { decoded, rpId: login.publicKey.rpId, signedUp, loggedIn, wrong, tenant: await atTenant(env) };
        } finally {
          await done();
        }
      },
      { deliberate: deliberate('signedUp', 'loggedIn') },
    );
  });

  it('the user cancels (user verification fails): the ceremony\'s NotAllowedError unchanged, no token request', async () => {
    const { sdk } = await parity(async (env) => {
      const { id, done } = await setUp(env);
      try {
        await authenticator.setUserVerified(id, false);
        const client = env.client();
        return { signup: await caught(env, client.passkey.signup({ email: 'cancel@example.com' })), login: await caught(env, client.passkey.login()) };
      } finally {
        await done();
      }
    });
    expect((sdk.result as any).signup).to.include({ class: 'DOMException', name: 'NotAllowedError' });
    expect(sdk.requests.filter((r) => r.path === '/oauth/token')).to.deep.equal([]);
  });

  it('no passkey on this device, and only one for another relying party: NotAllowedError, no token request', async () => {
    const { sdk } = await parity(async (env) => {
      const { id, done } = await setUp(env);
      try {
        const client = env.client();
        const none = await caught(env, client.passkey.login());
        // A passkey of example.com on the authenticator: WebAuthn never offers it to localhost.
        const key = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
        const pkcs8 = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.exportKey('pkcs8', key.privateKey))));
        await authenticator.addCredential(id, { credentialId: btoa('elsewhere-credential'), isResidentCredential: true, rpId: 'example.com', privateKey: pkcs8, userHandle: btoa('someone'), signCount: 0 });
        const elsewhere = await caught(env, client.passkey.login());
        return { none, elsewhere, credentials: (await authenticator.credentials(id)).map((c) => c.rpId) };
      } finally {
        await done();
      }
    });
    const result = sdk.result as any;
    expect(result.none).to.include({ class: 'DOMException', name: 'NotAllowedError' });
    expect(result.elsewhere).to.include({ class: 'DOMException', name: 'NotAllowedError' });
    expect(result.credentials).to.deep.equal(['example.com']);
    expect(sdk.requests.filter((r) => r.path === '/oauth/token')).to.deep.equal([]);
  });

  it('a replayed assertion is refused: the same auth session again, and the old assertion with a new challenge (GenericError invalid_grant)', async () => {
    const { sdk } = await parity(
      async (env) => {
        const { done } = await setUp(env);
        try {
          const client = env.client();
          await client.passkey.signup({ email: 'replay@example.com' });
          const login = await client.passkey.getLoginChallenge();
          const assertion = (await env.win.navigator.credentials.get({ publicKey: login.publicKey })) as PublicKeyCredential;
          const first = await client.passkey.getTokenWithPasskey({ authSession: login.authSession, credential: assertion });
          const again = await caught(env, client.passkey.getTokenWithPasskey({ authSession: login.authSession, credential: assertion }));
          const next = await client.passkey.getLoginChallenge();
          const replayed = await caught(env, client.passkey.getTokenWithPasskey({ authSession: next.authSession, credential: assertion }));
          return { first, again, replayed: { ...replayed, message: (replayed as any).message?.split(':')[0] }, tenant: await atTenant(env) };
        } finally {
          await done();
        }
      },
      { deliberate: deliberate('first') },
    );
    const result = sdk.result as any;
    expect(result.again).to.include({ class: 'GenericError', error: 'invalid_grant', error_description: 'auth_session has already been used' });
    expect(result.replayed).to.include({ class: 'GenericError', error: 'invalid_grant', message: 'the passkey could not be verified' });
  });

  it('an expired challenge: GenericError invalid_grant, no session', async () => {
    const { sdk } = await parity(async (env) => {
      const { done } = await setUp(env);
      try {
        const client = env.client();
        const signup = await client.passkey.getSignupChallenge({ email: 'late@example.com' });
        const created = (await env.win.navigator.credentials.create({ publicKey: signup.publicKey })) as PublicKeyCredential;
        await env.control('expirePasskeyChallenges');
        return { expired: await caught(env, client.passkey.getTokenWithPasskey({ authSession: signup.authSession, credential: created })), tenant: await atTenant(env) };
      } finally {
        await done();
      }
    }, { deliberate: deliberate() });
    expect((sdk.result as any).expired).to.include({ class: 'GenericError', error: 'invalid_grant', error_description: 'the passkey challenge has expired' });
    expect(sdk.after).to.deep.include({ isAuthenticated: false });
  });

  it('a refused challenge: PasskeyRegisterError / PasskeyChallengeError with the tenant\'s answer, status and body', async () => {
    const { sdk } = await parity(async (env) => {
      const { done } = await setUp(env);
      try {
        const client = env.client();
        await env.control('failNextPasskeyChallenge');
        const login = await caught(env, client.passkey.login());
        await env.control('failNextPasskeyChallenge', { status: 400, error: 'invalid_request', error_description: 'Signups are closed' });
        const signup = await caught(env, client.passkey.signup({ email: 'closed@example.com' }));
        const exists = await caught(env, client.passkey.getSignupChallenge({ email: (env.facts.users.alice as any).email }));
        return { login, signup, exists };
      } finally {
        await done();
      }
    });
    const result = sdk.result as any;
    expect(result.login).to.deep.include({ class: 'PasskeyChallengeError', code: 'passkey_challenge_error', message: 'Too many requests', statusCode: 429 });
    expect(result.signup).to.deep.include({ class: 'PasskeyRegisterError', code: 'passkey_register_error', message: 'Signups are closed', statusCode: 400 });
    expect(result.exists.cause).to.deep.equal({ error: 'user_exists', error_description: 'The user already exists.', message: '<undefined>' });
  });

  it('WebAuthn missing (no PublicKeyCredential): PasskeyError passkey_not_supported before any request', async () => {
    const { sdk } = await parity(async (env) => {
      const { done } = await setUp(env);
      try {
        delete (env.win as any).PublicKeyCredential;
        const client = env.client();
        const calls = [client.passkey.signup({ email: 'x@example.com' }), client.passkey.login(), client.passkey.getSignupChallenge({ email: 'x@example.com' }), client.passkey.getLoginChallenge()];
        return { errors: await Promise.all(calls.map((p) => caught(env, p))), tenant: await atTenant(env) };
      } finally {
        await done();
      }
    });
    const result = sdk.result as any;
    expect(result.errors.map((e: any) => [e.class, e.code])).to.deep.equal(Array(4).fill(['PasskeyError', 'passkey_not_supported']));
    expect(result.tenant.challenges).to.deep.equal([]);
  });

  it('navigator.credentials missing: ours refuses before asking the tenant (deliberate; the SDK asks, then fails with a TypeError)', async () => {
    await parity(
      async (env) => {
        const { done } = await setUp(env);
        try {
          Object.defineProperty(env.win.navigator, 'credentials', { value: undefined, configurable: true });
          const client = env.client();
          return { login: await caught(env, client.passkey.login()), tenant: await atTenant(env) };
        } finally {
          await done();
        }
      },
      {
        deliberate: (sdk, ours) => {
          const a = sdk.result as any;
          const b = ours.result as any;
          expect(a.login).to.include({ class: 'TypeError' });
          expect(a.tenant.challenges.map((c: any) => c.path)).to.deep.equal(['/passkey/challenge']);
          expect(b.login).to.include({ class: 'PasskeyError', code: 'passkey_not_supported' });
          expect(b.tenant.challenges).to.deep.equal([]);
          a.login = b.login;
          a.tenant = b.tenant;
        },
      },
    );
  });
});
