// ID-token validation (OpenID Connect Core §3.1.3.7): the RS256 signature (WebCrypto, jws.ts)
// against the tenant's JWKS, then every claim check the SPA SDK makes, each failure a
// GenericError with its own code.
import type { DecodedToken } from './cache/cache-entry.js';
import { GenericError } from './errors.js';
import { remoteKeys } from './jwks.js';
import { verifyRs256 } from './jws.js';

/** The user's profile: the ID token's claims minus the protocol ones. */
export interface User {
  sub?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  nickname?: string;
  email?: string;
  email_verified?: boolean;
  picture?: string;
  updated_at?: string;
  org_id?: string;
  org_name?: string;
  [key: string]: any;
}

/** Every claim of the ID token, plus the raw token as `__raw`. */
export interface IdToken {
  __raw: string;
  iss?: string;
  /** Typed as the SPA SDK's `IdToken.aud`; an array at runtime when the token names several audiences. */
  aud?: string;
  exp?: number;
  nbf?: number;
  iat?: number;
  azp?: string;
  nonce?: string;
  auth_time?: number;
  sid?: string;
  org_id?: string;
  org_name?: string;
  [key: string]: any;
}

/** Claims that describe the token rather than the user: left out of `getUser()`. */
const PROTOCOL_CLAIMS = new Set(
  'iss aud exp nbf iat jti azp nonce auth_time at_hash c_hash acr amr sub_jwk cnf sip_from_tag sip_date sip_callid sip_cseq_num sip_via_branch orig dest mky events toe txn rph sid vot vtm'.split(
    ' ',
  ),
);

/** The client settings an ID token is checked against (the client's resolved options). */
export interface IdTokenExpectations {
  domainUrl: string;
  /** Expected `iss`. */
  tokenIssuer: string;
  /** Expected `aud` (and `azp` when `aud` has several values). */
  clientId: string;
  /** Clock skew allowed, in seconds. */
  leeway: number;
  /** For the key set's request. */
  httpTimeoutInSeconds: number;
}

/** Throws GenericError `id_token_<problem>` ("ID token <problem>") unless `ok`. */
function check(ok: boolean, problem: string): void {
  if (!ok) throw new GenericError(`id_token_${problem}`, `ID token ${problem.replace(/_/g, ' ')}`);
}

/**
 * Verifies an ID token and splits it into claims and user.
 * @param expectedNonce the `nonce` sent to `/authorize`, when there was one.
 * @param organization organization id (`org_…`, checked against `org_id`) or name (against
 *   `org_name`), when the login asked for one.
 * @param nowMs the current time, in ms since the epoch.
 * @throws GenericError with `error`: `id_token_signature_invalid`, `id_token_key_not_found`,
 *   `id_token_iss_mismatch`, `id_token_aud_mismatch`, `id_token_azp_mismatch`,
 *   `id_token_sub_missing`, `id_token_expired`, `id_token_not_yet_valid`,
 *   `id_token_nonce_mismatch`, `id_token_auth_time_invalid`, `id_token_org_mismatch` or
 *   `id_token_invalid` (malformed, not RS256, no numeric `exp`/`iat`).
 */
export async function verifyIdToken(
  id_token: string,
  { domainUrl, tokenIssuer, clientId, leeway, httpTimeoutInSeconds }: IdTokenExpectations,
  expectedNonce: string | undefined,
  organization: string | undefined,
  max_age: number | undefined,
  nowMs: number,
): Promise<DecodedToken> {
  let claims: Record<string, any>;
  try {
    claims = await verifyRs256(id_token, remoteKeys(domainUrl, httpTimeoutInSeconds * 1000));
  } catch (e) {
    if (e instanceof GenericError) throw e;
    // WebCrypto refusing the key or the signature bytes: still an invalid token, with a code.
    throw new GenericError('id_token_invalid', `ID token invalid: ${(e as Error).message}`);
  }
  const { iss, sub, aud, azp, exp, iat, nbf, nonce, auth_time } = claims;
  const now = nowMs / 1000;
  const org = organization?.trim();
  const byId = org?.startsWith('org_');
  check(iss === tokenIssuer, 'iss_mismatch');
  check(typeof sub === 'string' && !!sub, 'sub_missing');
  check(Array.isArray(aud) ? aud.includes(clientId) : aud === clientId, 'aud_mismatch');
  check(!(Array.isArray(aud) && aud.length > 1) || azp === clientId, 'azp_mismatch');
  check(expectedNonce === undefined || nonce === expectedNonce, 'nonce_mismatch');
  check(typeof exp === 'number' && typeof iat === 'number', 'invalid');
  check(now <= exp + leeway, 'expired');
  check(typeof nbf !== 'number' || now >= nbf - leeway, 'not_yet_valid');
  check(max_age === undefined || (typeof auth_time === 'number' && now <= auth_time + max_age + leeway), 'auth_time_invalid');
  // By id (`org_…`) against org_id; by name, case-insensitively, against org_name.
  check(!org || (byId ? claims.org_id === org : `${claims.org_name ?? ''}`.toLowerCase() === org.toLowerCase()), 'org_mismatch');
  // Claims are data: JSON.parse, spreads and fromEntries define own properties — a claim named
  // `__proto__`, `constructor` or `prototype` stays one — where `user[name] = value` would run
  // the `__proto__` setter and let the token choose the user object's prototype.
  const user: User = Object.fromEntries(Object.entries(claims).filter(([name]) => !PROTOCOL_CLAIMS.has(name)));
  return { claims: { ...claims, __raw: id_token }, user };
}
