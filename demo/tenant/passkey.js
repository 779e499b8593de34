// Auth0's passkey endpoints, as @auth0/auth0-auth-js asks them (JSON bodies with `client_id`):
// `POST /passkey/register` starts a signup — a new user's profile in, an `auth_session` and the
// WebAuthn creation options out — and `POST /passkey/challenge` starts a login with a discoverable
// credential (no user named). The ceremony's result comes back at /oauth/token with the grant
// `urn:okta:params:oauth:grant-type:webauthn` (passkey-grant.js), verified here with
// @simplewebauthn/server. The relying party is the app's host (its Origin): WebAuthn refuses an IP
// address as relying-party id, so passkey apps run on `localhost` (or a real name). Challenges are
// single-use and expire; credentials are kept per user, and a signup creates the user.
// @see https://auth0.com/docs/native-passkeys-api
import { createHash, randomBytes } from 'node:crypto';
import { readJsonObject } from './body.js';
import { TenantProblem } from './problem.js';

export const WEBAUTHN_GRANT = 'urn:okta:params:oauth:grant-type:webauthn';
/** The database connection passkey users live in (Auth0's default one; `realm` names it). */
export const PASSKEY_REALM = 'Username-Password-Authentication';
const CHALLENGE_TTL = 5 * 60;
/** ES256, EdDSA, RS256: what the SDK's typings show Auth0 offering. */
const ALGORITHMS = [-7, -8, -257];
const PROFILE = /** @type {const} */ (['email', 'username', 'phone_number', 'name', 'given_name', 'family_name', 'nickname', 'picture']);

/**
 * @typedef {object} Challenge one ceremony in progress, by `auth_session`
 * @property {'signup' | 'login'} kind
 * @property {string} challenge base64url
 * @property {string} rpId
 * @property {string} origin the app origin that asked (the ceremony's expected origin)
 * @property {string} clientId
 * @property {string} [realm]
 * @property {string} [organization]
 * @property {number} expiresAt seconds
 * @property {boolean} used a challenge answers one token request, right or wrong
 * @property {{ sub: string, userHandle: string, profile: Record<string, string>, metadata?: Record<string, string> }} [signup]
 */

/**
 * @typedef {object} Passkey a registered credential
 * @property {string} id base64url credential id
 * @property {Uint8Array} publicKey COSE
 * @property {number} counter the authenticator's signature counter as last seen
 * @property {string[]} [transports]
 * @property {string} sub
 * @property {string} userHandle base64url WebAuthn user.id
 * @property {string} rpId
 */

/**
 * @param {object} tenant
 * @param {Set<string>} tenant.appOrigins
 * @param {string[]} tenant.clientIds the SPA clients allowed to use passkeys
 * @param {import('./directory.js').Directory} tenant.directory
 * @param {string} tenant.tenantName shown as the relying party's name
 */
export function passkeys({ appOrigins, clientIds, directory, tenantName }) {
  /** @type {Map<string, Challenge>} */
  const challenges = new Map();
  /** @type {Map<string, Passkey>} */
  const credentials = new Map();
  /** What each webauthn grant received: the shape of its `authn_response` (for the parity tests). */
  const grants = [];
  /** The challenge requests as received: path, JSON body, whether an `Auth0-Client` header came. */
  const asked = [];
  /** @type {{ failNext?: { status: number, error: string, error_description: string }, ttl: number }} */
  const switches = { ttl: CHALLENGE_TTL };
  const now = () => Math.floor(Date.now() / 1000);

  /** The relying party is the calling app's host; an IP address cannot be one. */
  function relyingParty(ctx) {
    const origin = ctx.get('origin');
    if (!origin || !appOrigins.has(origin)) throw new TenantProblem(403, 'unauthorized_client', 'passkeys are offered to the application origins of this tenant only');
    const { hostname } = new URL(origin);
    if (/^[\d.]+$/.test(hostname) || hostname.includes(':') || hostname.startsWith('[')) {
      throw new TenantProblem(400, 'invalid_request', `WebAuthn refuses an IP address (${hostname}) as relying-party id: serve the app on localhost or a domain name`);
    }
    return { origin, rpId: hostname };
  }

  function clientOf(body) {
    if (!clientIds.includes(/** @type {string} */ (body.client_id))) throw new TenantProblem(401, 'unauthorized_client', 'the client is not enabled for passkeys');
    return /** @type {string} */ (body.client_id);
  }

  /** `realm` names the database connection; `organization` must exist. */
  function context(body) {
    if (body.realm !== undefined && body.realm !== PASSKEY_REALM) throw new TenantProblem(400, 'invalid_request', `connection ${JSON.stringify(body.realm)} does not exist or has no passkeys`);
    if (body.organization !== undefined && !directory.organization(body.organization)) throw new TenantProblem(400, 'invalid_request', `no organization ${JSON.stringify(body.organization)}`);
    return { realm: /** @type {string | undefined} */ (body.realm), organization: /** @type {string | undefined} */ (body.organization) };
  }

  function armedFailure() {
    const failure = switches.failNext;
    if (!failure) return;
    switches.failNext = undefined;
    throw new TenantProblem(failure.status, failure.error, failure.error_description);
  }

  function open(kind, fields) {
    const authSession = randomBytes(24).toString('base64url');
    const challenge = randomBytes(32).toString('base64url');
    challenges.set(authSession, { kind, challenge, expiresAt: now() + switches.ttl, used: false, ...fields });
    return { authSession, challenge };
  }

  function register(ctx, body) {
    const clientId = clientOf(body);
    const { origin, rpId } = relyingParty(ctx);
    const where = context(body);
    const given = body.user_profile;
    if (!given || typeof given !== 'object' || Array.isArray(given)) throw new TenantProblem(400, 'invalid_request', 'user_profile is required');
    const profile = Object.fromEntries(PROFILE.filter((key) => typeof given[key] === 'string' && given[key]).map((key) => [key, given[key]]));
    if (!profile.email && !profile.username && !profile.phone_number) throw new TenantProblem(400, 'invalid_request', 'user_profile needs an email, a username or a phone_number');
    if ([profile.email, profile.username].some((login) => login && directory.userByLogin(login))) throw new TenantProblem(400, 'user_exists', 'The user already exists.');
    if (body.user_metadata !== undefined && (typeof body.user_metadata !== 'object' || body.user_metadata === null)) throw new TenantProblem(400, 'invalid_request', 'user_metadata must be an object');
    armedFailure();
    const name = profile.email ?? profile.username ?? profile.phone_number;
    // The id follows from the login name: the same signup after resetPasskeys() is the same user
    // (the parity tests compare two clients' sessions).
    const sub = `auth0|passkey_${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;
    const signup = { sub, userHandle: randomBytes(16).toString('base64url'), profile, metadata: body.user_metadata };
    const { authSession, challenge } = open('signup', { rpId, origin, clientId, ...where, signup });
    return {
      auth_session: authSession,
      authn_params_public_key: {
        challenge,
        rp: { id: rpId, name: tenantName },
        user: { id: signup.userHandle, name, displayName: profile.name ?? name },
        pubKeyCredParams: ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        timeout: switches.ttl * 1000,
      },
    };
  }

  function challenge(ctx, body) {
    const clientId = clientOf(body);
    const { origin, rpId } = relyingParty(ctx);
    const where = context(body);
    armedFailure();
    const opened = open('login', { rpId, origin, clientId, ...where });
    return {
      auth_session: opened.authSession,
      authn_params_public_key: { challenge: opened.challenge, rpId, timeout: switches.ttl * 1000, userVerification: 'required' },
    };
  }

  /** Koa middleware: the two routes, with CORS for the app origins (no cookies involved). */
  async function routes(ctx, next) {
    if (ctx.path !== '/passkey/register' && ctx.path !== '/passkey/challenge') return next();
    const origin = ctx.get('origin');
    if (origin && appOrigins.has(origin)) {
      ctx.set('access-control-allow-origin', origin);
      ctx.vary('Origin');
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('access-control-allow-methods', 'POST');
      ctx.set('access-control-allow-headers', 'content-type, auth0-client');
      ctx.set('access-control-max-age', '600');
      ctx.status = 204;
      return undefined;
    }
    if (ctx.method !== 'POST') return next();
    ctx.set('cache-control', 'no-store');
    try {
      let body;
      try {
        body = await readJsonObject(ctx.req);
      } catch (error) {
        throw new TenantProblem(400, 'invalid_request', `could not parse the request body: ${error.message}`);
      }
      asked.push({ path: ctx.path, body: structuredClone(body), telemetryHeader: Boolean(ctx.get('auth0-client')) });
      ctx.body = ctx.path === '/passkey/register' ? register(ctx, body) : challenge(ctx, body);
    } catch (error) {
      if (!(error instanceof TenantProblem)) throw error;
      ctx.status = error.status;
      ctx.body = error.toJSON();
    }
    return undefined;
  }

  /**
   * Takes a challenge for the token endpoint: once, unexpired, for this client.
   * @returns {Challenge}
   */
  function take(authSession, clientId) {
    const found = challenges.get(authSession);
    if (!found || found.clientId !== clientId) throw new TenantProblem(400, 'invalid_grant', 'auth_session is invalid');
    if (found.used) throw new TenantProblem(400, 'invalid_grant', 'auth_session has already been used');
    found.used = true;
    if (found.expiresAt <= now()) throw new TenantProblem(400, 'invalid_grant', 'the passkey challenge has expired');
    return found;
  }

  const control = {
    /**
     * The next passkey signup or login challenge (`/passkey/register`, `/passkey/challenge`) is
     * refused with this Auth0 error (default `429 too_many_requests`).
     */
    failNextPasskeyChallenge({ status = 429, error = 'too_many_requests', error_description = 'Too many requests' } = {}) {
      switches.failNext = { status, error, error_description };
    },
    /** Every challenge handed out so far has expired: its token request answers `invalid_grant`. */
    expirePasskeyChallenges() {
      for (const found of challenges.values()) found.expiresAt = 0;
    },
    /** The users' passkeys: `{sub, id, rpId, counter}` each (no key material). */
    passkeys: () => [...credentials.values()].map(({ sub, id, rpId, counter }) => ({ sub, id, rpId, counter })),
    /** What each webauthn grant sent as `authn_response`: its fields and their types, not values. */
    passkeyGrants: () => grants.map((g) => structuredClone(g)),
    /** The challenge requests received (`/passkey/register`, `/passkey/challenge`): `{path, body, telemetryHeader}`. */
    passkeyChallengeRequests: () => asked.map((a) => structuredClone(a)),
    /** Forgets every passkey, challenge and passkey user. */
    resetPasskeys() {
      challenges.clear();
      credentials.clear();
      grants.length = 0;
      asked.length = 0;
      switches.failNext = undefined;
      switches.ttl = CHALLENGE_TTL;
      directory.forgetSignedUp();
    },
  };

  return { routes, control, take, credentials, grants };
}
