// Checks a request to one of the tenant's own APIs (the My Account API): a DPoP-bound JWT access
// token this tenant issued, for that API, with the scope the route needs, and a fresh proof.
// @see RFC 9449 §4.3 (proof checks) and §7.1 (the DPoP authorization scheme)
import { createHash } from 'node:crypto';
import { EmbeddedJWK, calculateJwkThumbprint, jwtVerify } from 'jose';

const PROOF_WINDOW = 300;

export class TokenProblem extends Error {
  /**
   * @param {number} status
   * @param {string} error OAuth error code for WWW-Authenticate
   * @param {string} description
   */
  constructor(status, error, description) {
    super(description);
    this.status = status;
    this.error = error;
  }

  /** The challenge to send back (RFC 9449 §7.1). */
  get challenge() {
    const description = this.message.replace(/"/g, "'").replace(/[^\x20-\x7e]/g, ' ');
    return `DPoP algs="ES256", error="${this.error}", error_description="${description}"`;
  }
}

/**
 * @param {object} api
 * @param {string} api.issuer
 * @param {string} api.audience
 * @param {import('./keys.js').SigningKeys} api.keys
 */
export function boundTokenVerifier({ issuer, audience, keys }) {
  /** @type {Map<string, number>} proof jti → expiry (ms) */
  const seen = new Map();

  /**
   * @param {import('koa').Context} ctx
   * @param {string} [scope] the scope the route needs (none: the audience is enough)
   * @returns {Promise<import('jose').JWTPayload>} the access token's claims
   */
  return async function verify(ctx, scope) {
    const [scheme, token] = (ctx.get('authorization') || '').split(' ');
    if (scheme?.toLowerCase() !== 'dpop' || !token) {
      throw new TokenProblem(401, 'invalid_token', 'a DPoP-bound access token is required (Authorization: DPoP …)');
    }
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(token, keys.keySet(), { issuer, audience }));
    } catch (cause) {
      throw new TokenProblem(401, 'invalid_token', `the access token is not valid: ${cause.message}`);
    }
    const jkt = /** @type {{jkt?: string} | undefined} */ (claims.cnf)?.jkt;
    if (!jkt) throw new TokenProblem(401, 'invalid_token', 'the access token is not DPoP-bound');

    const proof = ctx.get('dpop');
    if (!proof) throw new TokenProblem(401, 'invalid_dpop_proof', 'the DPoP proof is missing');
    let payload;
    let header;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'] }));
    } catch (cause) {
      throw new TokenProblem(401, 'invalid_dpop_proof', `the DPoP proof is not valid: ${cause.message}`);
    }
    const htu = new URL(ctx.originalUrl, issuer);
    htu.search = '';
    const problem = (() => {
      if (payload.htm !== ctx.method) return 'htm does not match the request method';
      if (typeof payload.htu !== 'string' || URL.parse(payload.htu)?.href.split(/[?#]/)[0] !== htu.href) return 'htu does not match the request URL';
      if (typeof payload.iat !== 'number' || Math.abs(Date.now() / 1000 - payload.iat) > PROOF_WINDOW) return 'iat is not recent';
      if (payload.ath !== createHash('sha256').update(token).digest('base64url')) return 'ath does not match the access token';
      if (typeof payload.jti !== 'string' || !payload.jti) return 'jti is missing';
      return undefined;
    })();
    if (problem) throw new TokenProblem(401, 'invalid_dpop_proof', `the DPoP proof is not valid: ${problem}`);
    if (await calculateJwkThumbprint(/** @type {import('jose').JWK} */ (header.jwk)) !== jkt) {
      throw new TokenProblem(401, 'invalid_dpop_proof', 'the DPoP proof key is not the one the token is bound to');
    }
    for (const [jti, expiry] of seen) if (expiry < Date.now()) seen.delete(jti);
    if (seen.has(payload.jti)) throw new TokenProblem(401, 'invalid_dpop_proof', 'the DPoP proof was used before');
    seen.set(payload.jti, Date.now() + 2 * PROOF_WINDOW * 1000);

    if (scope !== undefined && !String(claims.scope ?? '').split(' ').includes(scope)) {
      throw new TokenProblem(403, 'insufficient_scope', `the access token lacks the ${scope} scope`);
    }
    return claims;
  };
}
