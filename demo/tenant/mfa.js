// Auth0's multi-factor authentication, the tenant's state: who must pass a second factor for which
// APIs (the `mfa` policy of the config), each user's authenticators (TOTP apps through `otpauth`,
// email out-of-band codes, a recovery code), the MFA tokens handed out with `mfa_required`, the
// out-of-band challenges, failed-attempt counts, and the outbox where the email stand-in "sends"
// its codes (read by tests and the demo page through the control surface, never over HTTP).
// @see https://auth0.com/docs/secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa
import { randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { TenantProblem } from './problem.js';

/** How long an `mfa_token` lasts (Auth0: 10 minutes) and an out-of-band code (5 minutes). */
const MFA_TOKEN_TTL = 10 * 60;
const OOB_TTL = 5 * 60;

/** `email`: an email factor's address (the config's carry it as `name`, which a rename changes).
 * @typedef {{ id: string, type: 'otp' | 'email' | 'recovery-code', name?: string, email?: string, secret?: string, code?: string,
 *   active: boolean, createdAt: string }} Authenticator */
/** What an `mfa_token` stands for: the user, client, and the refused request's audience and scope.
 * @typedef {{ sub: string, clientId: string, resource?: string, scope?: string, expiresAt: number }} MfaTokenRecord */
/** @typedef {{ token: string, authenticatorId: string, bindingCode: string, expiresAt: number }} OobRecord */
/** @typedef {{ channel: 'email', to: string, code: string, authenticatorId: string, at: number }} OutboxMessage */

const now = () => Math.floor(Date.now() / 1000);
const opaque = (prefix = '') => `${prefix}${randomBytes(24).toString('base64url')}`;
const deviceId = (kind) => `${kind}|dev_${randomBytes(8).toString('hex')}`;

/** A TOTP as authenticator apps compute it (RFC 6238: SHA-1, 6 digits, 30 s). */
export const totpOf = (secret) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });

export class Mfa {
  /** @type {Map<string, Authenticator[]>} sub → authenticators */
  #authenticators = new Map();
  /** @type {Map<string, MfaTokenRecord>} */
  #tokens = new Map();
  /** @type {Map<string, OobRecord>} oob_code → challenge */
  #oob = new Map();
  /** @type {Map<string, number>} sub → failed verifications */
  #failures = new Map();
  /** @type {Set<string>} grants whose tokens were issued after a second factor */
  #verifiedGrants = new Set();
  /** @type {OutboxMessage[]} */
  outbox = [];

  /**
   * @param {typeof import('./tenant.config.js').default} config
   * @param {import('./directory.js').Directory} directory
   */
  constructor(config, directory) {
    this.policy = config.mfa ?? { apis: [], users: {}, maxAttempts: 10 };
    this.directory = directory;
    this.reset();
  }

  /** Back to the config's enrollments; tokens, challenges, counts and the outbox forgotten. */
  reset() {
    this.#authenticators.clear();
    this.#tokens.clear();
    this.#oob.clear();
    this.#failures.clear();
    this.outbox = [];
    for (const [key, { authenticators = [] }] of Object.entries(this.policy.users ?? {})) {
      const user = this.directory.config.users[key];
      if (user) this.#authenticators.set(user.sub, authenticators.map((a) => ({ createdAt: '2025-01-01T00:00:00.000Z', ...a, active: true })));
    }
  }

  /** Does the user have an MFA policy (config `mfa.users`)? */
  hasPolicy(sub) {
    return Object.entries(this.policy.users ?? {}).some(([key]) => this.directory.config.users[key]?.sub === sub);
  }

  /** Must this token request for `resource` by `sub` pass a second factor first? */
  required(sub, resource, grantId) {
    return !!resource && (this.policy.apis ?? []).includes(resource) && this.hasPolicy(sub) && !this.#verifiedGrants.has(grantId);
  }

  /**
   * The user's authenticators, the live list (the My Account API enrolls into it, renames and
   * removes): what it holds answers the `/mfa` API's challenges and grants.
   * @param {string} sub
   * @returns {Authenticator[]}
   */
  authenticatorsOf(sub) {
    if (!this.#authenticators.has(sub)) this.#authenticators.set(sub, []);
    return /** @type {Authenticator[]} */ (this.#authenticators.get(sub));
  }

  /** @param {string} sub */
  active(sub) {
    return (this.#authenticators.get(sub) ?? []).filter((a) => a.active);
  }

  /** Auth0's `mfa_requirements`: challenge with the enrolled factors, or enroll in the allowed ones. */
  requirements(sub) {
    const active = this.active(sub);
    if (active.length) return { challenge: [...new Set(active.map((a) => a.type))].map((type) => ({ type })) };
    return { enroll: (this.policy.enroll ?? ['otp', 'email']).map((type) => ({ type })) };
  }

  /** @returns {string} a new `mfa_token` */
  issueToken(sub, clientId, resource, scope) {
    const token = opaque();
    this.#tokens.set(token, { sub, clientId, resource, scope, expiresAt: now() + MFA_TOKEN_TTL });
    return token;
  }

  /** @returns {MfaTokenRecord} or throws the problem Auth0 answers */
  token(token, status = 403) {
    const record = typeof token === 'string' ? this.#tokens.get(token) : undefined;
    if (!record) throw new TenantProblem(status, 'invalid_grant', 'Malformed mfa_token');
    if (record.expiresAt <= now()) throw new TenantProblem(status, 'expired_token', 'mfa_token is expired');
    return record;
  }

  /** Test switch: every `mfa_token` and out-of-band code handed out so far has expired. */
  expireAll() {
    for (const record of [...this.#tokens.values(), ...this.#oob.values()]) record.expiresAt = 0;
  }

  /** `/mfa/authenticators` as Auth0 lists them (secrets never included). */
  list(sub) {
    return (this.#authenticators.get(sub) ?? []).map((a) => ({
      id: a.id,
      authenticator_type: a.type === 'email' ? 'oob' : a.type,
      active: a.active,
      ...(a.name && { name: a.name }),
      ...(a.type === 'email' && { oob_channel: 'email' }),
      type: a.type,
      created_at: a.createdAt,
    }));
  }

  remove(sub, id) {
    const list = this.#authenticators.get(sub) ?? [];
    const index = list.findIndex((a) => a.id === id);
    if (index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  /**
   * `/mfa/associate`: a new, not yet active authenticator; the first one also brings a recovery code.
   * @param {{ sub: string }} record the mfa_token's
   * @param {{ authenticator_types?: unknown, oob_channels?: unknown, email?: unknown }} body
   */
  associate(record, body) {
    const { sub } = record;
    if (this.active(sub).length) throw new TenantProblem(403, 'access_denied', 'User is already enrolled.');
    const types = Array.isArray(body.authenticator_types) ? body.authenticator_types : [];
    const list = (this.#authenticators.get(sub) ?? []).filter((a) => a.active);
    this.#authenticators.set(sub, list);
    const recovery = () => {
      const code = randomBytes(12).toString('hex').toUpperCase().slice(0, 24);
      list.push({ id: deviceId('recovery-code'), type: 'recovery-code', code, active: false, createdAt: new Date().toISOString() });
      return [code];
    };
    const user = this.directory.userBySub(sub);
    if (types.length === 1 && types[0] === 'otp') {
      const secret = new Secret({ size: 20 }).base32;
      const id = deviceId('totp');
      list.push({ id, type: 'otp', name: 'Authenticator app', secret, active: false, createdAt: new Date().toISOString() });
      const uri = new TOTP({ issuer: 'Auth0 Elements demo', label: user?.email ?? sub, secret: Secret.fromBase32(secret) }).toString();
      return { authenticator_type: 'otp', secret, barcode_uri: uri, recovery_codes: recovery(), id };
    }
    const channels = Array.isArray(body.oob_channels) ? body.oob_channels : [];
    if (types.length === 1 && types[0] === 'oob' && channels.length === 1 && channels[0] === 'email') {
      const to = typeof body.email === 'string' && body.email ? body.email : user?.email;
      if (!to) throw new TenantProblem(400, 'invalid_request', 'email is required');
      const id = deviceId('email');
      list.push({ id, type: 'email', name: to, active: false, createdAt: new Date().toISOString() });
      const { oob_code } = this.#sendOob(record, id);
      return { authenticator_type: 'oob', oob_channel: 'email', oob_code, binding_method: 'prompt', recovery_codes: recovery(), id };
    }
    throw new TenantProblem(400, 'unsupported_challenge_type', 'This tenant enrolls authenticator_types ["otp"], or ["oob"] with oob_channels ["email"].');
  }

  /**
   * `/mfa/challenge`: `otp` needs nothing sent; `oob` sends a code to the email authenticator.
   * @param {MfaTokenRecord} record
   */
  challenge(record, type, authenticatorId) {
    const usable = (this.#authenticators.get(record.sub) ?? []).filter((a) => a.active && a.type !== 'recovery-code');
    const wanted = typeof authenticatorId === 'string' && authenticatorId ? usable.filter((a) => a.id === authenticatorId) : usable;
    if (authenticatorId && !wanted.length) throw new TenantProblem(400, 'invalid_request', 'The authenticator_id is not valid.');
    if (type === 'otp') {
      if (!wanted.some((a) => a.type === 'otp')) throw new TenantProblem(400, 'unsupported_challenge_type', 'The user has no enrolled authenticator for challenge_type otp.');
      return { challenge_type: 'otp' };
    }
    if (type === 'oob') {
      const email = wanted.find((a) => a.type === 'email');
      if (!email) throw new TenantProblem(400, 'unsupported_challenge_type', 'The user has no enrolled authenticator for challenge_type oob.');
      return { challenge_type: 'oob', ...this.#sendOob(record, email.id) };
    }
    throw new TenantProblem(400, 'unsupported_challenge_type', `challenge_type must be otp or oob, not ${JSON.stringify(type)}`);
  }

  #sendOob(record, authenticatorId) {
    const token = [...this.#tokens].find(([, r]) => r === record)?.[0] ?? '';
    const oobCode = opaque('Fe26.');
    const bindingCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.#oob.set(oobCode, { token, authenticatorId, bindingCode, expiresAt: now() + OOB_TTL });
    const authenticator = (this.#authenticators.get(record.sub) ?? []).find((a) => a.id === authenticatorId);
    this.outbox.push({ channel: 'email', to: authenticator?.email ?? authenticator?.name ?? '', code: bindingCode, authenticatorId, at: Date.now() });
    return { oob_code: oobCode, binding_method: 'prompt' };
  }

  /**
   * The second factor of an MFA grant; activates a pending enrollment once it is proven.
   * @param {string} mfaToken
   * @param {{ otp?: string | null, oob_code?: string | null, binding_code?: string | null, recovery_code?: string | null }} proof
   * @returns {MfaTokenRecord & { recoveryCode?: string }}
   */
  verify(mfaToken, proof) {
    const record = this.token(mfaToken);
    const limit = this.policy.maxAttempts ?? 10;
    if ((this.#failures.get(record.sub) ?? 0) >= limit) {
      throw new TenantProblem(429, 'too_many_attempts', 'You have exceeded the amount of allowed verification attempts. Try again later.');
    }
    const list = this.#authenticators.get(record.sub) ?? [];
    let proven;
    let problem;
    if (proof.otp != null) {
      proven = list.find((a) => a.type === 'otp' && a.secret && totpOf(a.secret).validate({ token: String(proof.otp), window: 1 }) !== null);
      problem = new TenantProblem(403, 'invalid_grant', 'Invalid otp_code.');
    } else if (proof.oob_code != null) {
      const challenge = this.#oob.get(String(proof.oob_code));
      if (!challenge || challenge.token !== mfaToken) throw new TenantProblem(403, 'invalid_grant', 'Invalid oob_code.');
      if (challenge.expiresAt <= now()) throw new TenantProblem(403, 'expired_token', 'oob_code is expired');
      if (String(proof.binding_code ?? '') === challenge.bindingCode) {
        proven = list.find((a) => a.id === challenge.authenticatorId);
        this.#oob.delete(String(proof.oob_code));
      }
      problem = new TenantProblem(403, 'invalid_grant', 'Invalid binding_code.');
    } else if (proof.recovery_code != null) {
      proven = list.find((a) => a.type === 'recovery-code' && a.active && a.code === String(proof.recovery_code).replace(/[\s-]/g, '').toUpperCase());
      problem = new TenantProblem(403, 'invalid_grant', 'Invalid recovery_code.');
    }
    if (!proven) {
      this.#failures.set(record.sub, (this.#failures.get(record.sub) ?? 0) + 1);
      throw problem ?? new TenantProblem(400, 'invalid_request', 'One of otp, oob_code or recovery_code is required.');
    }
    this.#failures.delete(record.sub);
    this.#tokens.delete(mfaToken);
    const result = { ...record };
    if (!proven.active) for (const a of list) a.active = true; // the enrollment (and its recovery code) is confirmed
    if (proven.type === 'recovery-code') {
      // A used recovery code is replaced by a new one, which the answer carries (Auth0's `recovery_code`).
      proven.code = randomBytes(12).toString('hex').toUpperCase().slice(0, 24);
      result.recoveryCode = proven.code;
    }
    return result;
  }

  /**
   * Universal Login's MFA step: an authenticator app's code or a recovery code of `sub`, with the
   * same attempt limit as the grants.
   * @returns {TenantProblem | undefined} why it was refused
   */
  checkCode(sub, code) {
    if ((this.#failures.get(sub) ?? 0) >= (this.policy.maxAttempts ?? 10)) {
      return new TenantProblem(429, 'too_many_attempts', 'Too many failed attempts. Try again later.');
    }
    const list = this.#authenticators.get(sub) ?? [];
    const value = String(code).replace(/[\s-]/g, '');
    const ok = list.some((a) => a.active && ((a.type === 'otp' && a.secret && totpOf(a.secret).validate({ token: value, window: 1 }) !== null)
      || (a.type === 'recovery-code' && a.code === value.toUpperCase())));
    if (ok) {
      this.#failures.delete(sub);
      return undefined;
    }
    this.#failures.set(sub, (this.#failures.get(sub) ?? 0) + 1);
    return new TenantProblem(403, 'invalid_grant', 'That code is not valid. Try again.');
  }

  markVerified(grantId) {
    this.#verifiedGrants.add(grantId);
  }

  /** Claims for tokens of a grant that passed a second factor (Auth0: `amr: ["mfa"]`). */
  claimsFor(grantId) {
    return grantId && this.#verifiedGrants.has(grantId) ? { amr: ['mfa'] } : {};
  }
}
