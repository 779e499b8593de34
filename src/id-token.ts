// ID-token validation (OpenID Connect Core §3.1.3.7): the RS256 signature with `jose` against the
// tenant's JWKS, then every claim check the SPA SDK makes, each failure a GenericError with its own
// code. Claims are checked here rather than by `jwtVerify` to keep those codes and the bundle small.
import { compactVerify, errors } from 'jose';
import type { DecodedToken } from './cache/cache-entry.js';
import { GenericError } from './errors.js';
import { remoteKeys } from './jwks.js';

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
  aud?: string | string[];
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

export interface VerifyIdTokenOptions {
  id_token: string;
  domainUrl: string;
  /** Expected `iss`. */
  issuer: string;
  /** Expected `aud` (and `azp` when `aud` has several values): the client id. */
  clientId: string;
  /** The `nonce` sent to `/authorize`, when there was one. */
  nonce?: string;
  /** Organization id (`org_…`, checked against `org_id`) or name (against `org_name`). */
  organization?: string;
  max_age?: number;
  leeway: number;
  now: number;
  timeoutMs: number;
}

const fail = (error: string, description: string): never => {
  throw new GenericError(error, description);
};

/**
 * Verifies an ID token and splits it into claims and user.
 * @throws GenericError with `error`: `id_token_signature_invalid`, `id_token_key_not_found`,
 *   `id_token_iss_mismatch`, `id_token_aud_mismatch`, `id_token_azp_mismatch`,
 *   `id_token_sub_missing`, `id_token_expired`, `id_token_not_yet_valid`,
 *   `id_token_nonce_mismatch`, `id_token_auth_time_invalid`, `id_token_org_mismatch` or
 *   `id_token_invalid` (malformed, wrong algorithm, missing `exp`/`iat`).
 */
export async function verifyIdToken(o: VerifyIdTokenOptions): Promise<DecodedToken> {
  let claims: Record<string, any>;
  try {
    const { payload } = await compactVerify(o.id_token, remoteKeys(o.domainUrl, o.timeoutMs), { algorithms: ['RS256'] });
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch (e) {
    if (e instanceof GenericError) throw e;
    if (e instanceof errors.JWSSignatureVerificationFailed) fail('id_token_signature_invalid', 'The ID token signature is invalid');
    fail('id_token_invalid', `The ID token could not be verified: ${(e as Error).message}`);
  }
  const { iss, sub, aud, azp, exp, iat, nbf, nonce, auth_time } = claims!;
  const now = o.now / 1000;
  const leeway = o.leeway;
  if (iss !== o.issuer) fail('id_token_iss_mismatch', `Issuer (iss) claim mismatch in the ID token; expected "${o.issuer}", found "${iss}"`);
  if (typeof sub !== 'string' || !sub) fail('id_token_sub_missing', 'Subject (sub) claim must be a string present in the ID token');
  if (Array.isArray(aud) ? !aud.includes(o.clientId) : aud !== o.clientId) {
    fail('id_token_aud_mismatch', `Audience (aud) claim mismatch in the ID token; expected "${o.clientId}"`);
  }
  if (Array.isArray(aud) && aud.length > 1 && azp !== o.clientId) {
    fail('id_token_azp_mismatch', `Authorized Party (azp) claim must be "${o.clientId}" when aud has several values`);
  }
  if (o.nonce !== undefined && nonce !== o.nonce) fail('id_token_nonce_mismatch', 'Nonce (nonce) claim mismatch in the ID token');
  if (typeof exp !== 'number' || typeof iat !== 'number') fail('id_token_invalid', 'The ID token must have numeric exp and iat claims');
  if (now > exp + leeway) fail('id_token_expired', 'Expiration Time (exp) claim error in the ID token: it has expired');
  if (typeof nbf === 'number' && now < nbf - leeway) fail('id_token_not_yet_valid', 'Not Before (nbf) claim in the ID token is in the future');
  if (o.max_age !== undefined && !(typeof auth_time === 'number' && now <= auth_time + o.max_age + leeway)) {
    fail('id_token_auth_time_invalid', 'Authentication Time (auth_time) claim is missing or older than max_age allows');
  }
  const org = o.organization?.trim();
  if (org) {
    const byId = org.startsWith('org_');
    if ((byId ? claims!.org_id : claims!.org_name) !== (byId ? org : org.toLowerCase())) {
      fail('id_token_org_mismatch', `Organization ${byId ? 'ID (org_id)' : 'name (org_name)'} claim mismatch in the ID token`);
    }
  }
  const user: User = {};
  for (const [name, value] of Object.entries(claims!)) if (!PROTOCOL_CLAIMS.has(name)) user[name] = value;
  return { claims: { ...claims!, __raw: o.id_token }, user };
}
