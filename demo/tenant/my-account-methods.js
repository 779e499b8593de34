// Auth0's My Account API, authentication-methods part: the factors the tenant offers
// (/me/v1/factors) and the user's own methods (/me/v1/authentication-methods: list, get one,
// rename, remove, enroll with a challenge then its verification), for DPoP-bound tokens of the
// `<issuer>me/` audience with the scope each route needs. The methods live in the MFA store the
// /mfa API and the MFA grants use: a method enrolled here answers a step-up challenge.
// Errors are RFC 9457 problem details, as the API's.
// @see https://auth0.com/docs/api/myaccount
import { randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { readJsonObject } from './body.js';
import { boundTokenVerifier, TokenProblem } from './bound-token.js';
import { totpOf } from './mfa.js';

const METHODS = '/me/v1/authentication-methods';
const ONE = /^\/me\/v1\/authentication-methods\/([^/]+)(\/verify)?$/;
/** How long an enrollment waits for its verification, and how many wrong codes it takes. */
const ENROLLMENT_TTL_MS = 5 * 60 * 1000;
const ENROLLMENT_ATTEMPTS = 5;
/** The factors this tenant enrolls (the store's `otp` is the API's `totp`). */
const FACTORS = ['totp', 'email', 'recovery-code'];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

class Problem extends Error {
  /** @param {number} status @param {string} type @param {string} detail @param {object[]} [validationErrors] */
  constructor(status, type, detail, validationErrors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.validationErrors = validationErrors;
  }
}

const TITLES = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests' };

/** The API's view of one of the store's authenticators. @param {import('./mfa.js').Authenticator} a */
function describe(a) {
  const type = a.type === 'otp' ? 'totp' : a.type;
  return {
    id: a.id,
    type,
    confirmed: true,
    ...(type !== 'recovery-code' && a.name !== undefined && { name: a.name }),
    ...(type === 'email' && { email: a.email ?? a.name }),
    usage: ['secondary'],
    created_at: a.createdAt,
  };
}

const deviceId = (kind) => `${kind}|dev_${randomBytes(8).toString('hex')}`;
const recoveryCode = () => randomBytes(12).toString('hex').toUpperCase().slice(0, 24);

/**
 * @param {object} tenant
 * @param {string} tenant.issuer
 * @param {string} tenant.audience the My Account API's identifier (`<issuer>me/`)
 * @param {import('./keys.js').SigningKeys} tenant.keys
 * @param {import('./mfa.js').Mfa} tenant.mfa
 * @param {import('./directory.js').Directory} tenant.directory
 * @param {Set<string>} tenant.appOrigins
 */
export function myAccountMethods({ issuer, audience, keys, mfa, directory, appOrigins }) {
  const verify = boundTokenVerifier({ issuer, audience, keys });
  /** @type {Map<string, { sub: string, authSession: string, authenticator: import('./mfa.js').Authenticator, code?: string, attempts: number, expiresAt: number }>} id → pending enrollment */
  const pending = new Map();
  /** Tokens (by `jti`) presented so far, and those the `expireMyAccountTokens` switch expired. */
  const presented = new Set();
  const expired = new Set();

  const methodUrl = (id) => `${issuer.replace(/\/$/, '')}${METHODS}/${encodeURIComponent(id)}`;

  /** The user's confirmed method `id`, or a 404. */
  function find(sub, id) {
    const found = mfa.authenticatorsOf(sub).find((a) => a.id === id && a.active);
    if (!found) throw new Problem(404, 'not_found', `no authentication method ${JSON.stringify(id)}`);
    return found;
  }

  async function body(ctx) {
    try {
      return await readJsonObject(ctx.req);
    } catch (error) {
      throw new Problem(400, 'invalid_body', `could not parse the request body: ${error.message}`);
    }
  }

  function enroll(sub, given) {
    const { type } = given;
    if (typeof type !== 'string' || !FACTORS.includes(type)) {
      throw new Problem(400, 'invalid_request', `this tenant enrolls ${FACTORS.join(', ')}`, [{ detail: `type must be one of ${FACTORS.join(', ')}`, field: 'type' }]);
    }
    const now = new Date().toISOString();
    const authSession = randomBytes(24).toString('base64url');
    const user = directory.userBySub(sub);
    const start = (authenticator, extra, code) => {
      pending.set(authenticator.id, { sub, authSession, authenticator, code, attempts: 0, expiresAt: Date.now() + ENROLLMENT_TTL_MS });
      return { id: authenticator.id, answer: { type, auth_session: authSession, ...extra } };
    };
    if (type === 'totp') {
      const secret = new Secret({ size: 20 }).base32;
      const uri = new TOTP({ issuer: 'Auth0 Elements demo', label: user?.email ?? sub, secret: Secret.fromBase32(secret) }).toString();
      return start({ id: deviceId('totp'), type: 'otp', secret, active: true, createdAt: now }, { barcode_uri: uri, manual_input_code: secret });
    }
    if (type === 'email') {
      const { email } = given;
      if (typeof email !== 'string' || !EMAIL.test(email)) {
        throw new Problem(400, 'invalid_request', 'email must be an email address', [{ detail: 'email must be an email address', field: 'email' }]);
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const started = start({ id: deviceId('email'), type: 'email', name: email, email, active: true, createdAt: now }, {}, code);
      mfa.outbox.push({ channel: 'email', to: email, code, authenticatorId: started.id, at: Date.now() });
      return started;
    }
    if (mfa.authenticatorsOf(sub).some((a) => a.type === 'recovery-code' && a.active)) {
      throw new Problem(409, 'already_enrolled', 'the user already has a recovery code');
    }
    const code = recoveryCode();
    return start({ id: deviceId('recovery-code'), type: 'recovery-code', code, active: true, createdAt: now }, { recovery_code: code });
  }

  function confirm(sub, id, given) {
    const enrollment = pending.get(id);
    if (!enrollment || enrollment.sub !== sub) throw new Problem(404, 'not_found', `no pending enrollment ${JSON.stringify(id)}`);
    if (enrollment.expiresAt <= Date.now() || given.auth_session !== enrollment.authSession) {
      throw new Problem(400, 'invalid_auth_session', 'the auth_session is not the one of this enrollment, or it has expired');
    }
    const { authenticator } = enrollment;
    if (authenticator.type !== 'recovery-code') {
      const code = typeof given.otp_code === 'string' ? given.otp_code.replace(/\s/g, '') : '';
      const right = authenticator.type === 'otp' ? totpOf(authenticator.secret).validate({ token: code, window: 1 }) !== null : code === enrollment.code;
      if (!right) {
        enrollment.attempts += 1;
        if (enrollment.attempts >= ENROLLMENT_ATTEMPTS) {
          pending.delete(id);
          throw new Problem(429, 'too_many_attempts', 'too many wrong codes: start the enrollment again');
        }
        throw new Problem(400, 'invalid_otp_code', 'the code is not valid', [{ detail: 'the code is not valid', field: 'otp_code' }]);
      }
    }
    pending.delete(id);
    mfa.authenticatorsOf(sub).push(authenticator);
    return describe(authenticator);
  }

  function rename(sub, id, given) {
    const found = find(sub, id);
    const { name, preferred_authentication_method: preferred } = given;
    if (preferred !== undefined) throw new Problem(400, 'invalid_request', 'preferred_authentication_method is for phone methods', [{ detail: 'only phone methods have it', field: 'preferred_authentication_method' }]);
    if (typeof name !== 'string' || !name.trim() || name.length > 100) {
      throw new Problem(400, 'invalid_request', 'name must be a non-empty string of at most 100 characters', [{ detail: 'name must be 1 to 100 characters', field: 'name' }]);
    }
    if (found.type === 'recovery-code') throw new Problem(400, 'invalid_request', 'a recovery code has no name', [{ detail: 'a recovery code has no name', field: 'name' }]);
    if (found.type === 'email') found.email ??= found.name;
    found.name = name;
    return describe(found);
  }

  /** @type {Array<[RegExp | string, string, string, (ctx: any, sub: string, match: RegExpExecArray | null) => Promise<void> | void]>} */
  const routes = [
    ['/me/v1/factors', 'GET', 'read:me:factors', (ctx) => {
      ctx.body = { factors: FACTORS.map((type) => ({ type, usage: ['secondary'] })) };
    }],
    [METHODS, 'GET', 'read:me:authentication_methods', (ctx, sub) => {
      const { type } = ctx.query;
      if (type !== undefined && typeof type !== 'string') throw new Problem(400, 'invalid_request', 'type must be given once');
      const list = mfa.authenticatorsOf(sub).filter((a) => a.active).map(describe);
      ctx.body = { authentication_methods: type ? list.filter((m) => m.type === type) : list };
    }],
    [METHODS, 'POST', 'create:me:authentication_methods', async (ctx, sub) => {
      const { id, answer } = enroll(sub, await body(ctx));
      ctx.status = 201;
      ctx.set('location', methodUrl(id));
      ctx.body = answer;
    }],
    [ONE, 'GET', 'read:me:authentication_methods', (ctx, sub, match) => {
      if (match?.[2]) throw new Problem(405, 'method_not_allowed', 'GET is not allowed here');
      ctx.body = describe(find(sub, decodeURIComponent(match?.[1] ?? '')));
    }],
    [ONE, 'PATCH', 'update:me:authentication_methods', async (ctx, sub, match) => {
      if (match?.[2]) throw new Problem(405, 'method_not_allowed', 'PATCH is not allowed here');
      ctx.body = rename(sub, decodeURIComponent(match?.[1] ?? ''), await body(ctx));
    }],
    [ONE, 'DELETE', 'delete:me:authentication_methods', (ctx, sub, match) => {
      if (match?.[2]) throw new Problem(405, 'method_not_allowed', 'DELETE is not allowed here');
      const id = decodeURIComponent(match?.[1] ?? '');
      find(sub, id);
      mfa.remove(sub, id);
      ctx.status = 204;
    }],
    [ONE, 'POST', 'create:me:authentication_methods', async (ctx, sub, match) => {
      if (!match?.[2]) throw new Problem(405, 'method_not_allowed', 'POST is not allowed here');
      ctx.body = confirm(sub, decodeURIComponent(match[1]), await body(ctx));
    }],
  ];

  function answer(ctx, status, type, detail, validationErrors) {
    ctx.status = status;
    ctx.type = 'application/problem+json';
    ctx.body = { type, status, title: TITLES[status] ?? 'Error', detail, ...(validationErrors && { validation_errors: validationErrors }) };
  }

  async function routesFor(ctx, next) {
    const found = routes
      .map(([path, method, scope, handle]) => ({ method, scope, handle, match: typeof path === 'string' ? (path === ctx.path ? /** @type {any} */ ([]) : null) : path.exec(ctx.path) }))
      .filter((route) => route.match);
    if (!found.length) return next();

    const origin = ctx.get('origin');
    if (origin && appOrigins.has(origin)) {
      ctx.set('access-control-allow-origin', origin);
      ctx.set('access-control-expose-headers', 'Location, WWW-Authenticate, DPoP-Nonce');
      ctx.vary('Origin');
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('access-control-allow-methods', [...new Set(found.map((r) => r.method))].join(', '));
      ctx.set('access-control-allow-headers', 'authorization, dpop, content-type');
      ctx.set('access-control-max-age', '600');
      ctx.status = 204;
      return undefined;
    }
    ctx.set('cache-control', 'no-store');
    const route = found.find((r) => r.method === ctx.method);
    if (!route) return answer(ctx, 405, 'method_not_allowed', `${ctx.method} is not allowed here`);
    try {
      const claims = await verify(ctx, route.scope);
      const jti = String(claims.jti ?? '');
      if (expired.has(jti)) throw new TokenProblem(401, 'invalid_token', 'the access token is expired');
      presented.add(jti);
      await route.handle(ctx, String(claims.sub), route.match);
    } catch (error) {
      if (error instanceof TokenProblem) {
        ctx.set('www-authenticate', error.challenge);
        return answer(ctx, error.status, error.error, error.message);
      }
      if (error instanceof Problem) return answer(ctx, error.status, error.type, error.message, error.validationErrors);
      throw error;
    }
    return undefined;
  }

  return {
    routes: routesFor,
    /** Test-only switches (merged into tenant.control; none reachable over HTTP). */
    control: {
      /** Every token presented to these routes so far is refused from now on as expired (as if its `exp` had passed). */
      expireMyAccountTokens() {
        for (const jti of presented) expired.add(jti);
      },
      /** Pending enrollments forgotten, tokens no longer refused as expired (with `resetMfa` for the methods). */
      resetMyAccount() {
        pending.clear();
        expired.clear();
      },
    },
  };
}
