// The tenant's signing keys (RFC 7517), fetched once per tenant and page and refetched only when a
// token names a `kid` we have not seen (key rotation).
import { GenericError } from './errors.js';
import { fetchJson } from './http.js';
import type { Jwk as JWK, JwsHeader as JWSHeaderParameters } from './jws.js';

// Shared by every client of the page: one fetch per tenant, however many clients there are.
const keySets = new Map<string, Promise<JWK[]>>();

function load(url: string, timeoutMs: number): Promise<JWK[]> {
  const keys = fetchJson<{ keys?: JWK[] }>(url, {}, timeoutMs).then(({ ok, body }) => {
    if (!ok || !Array.isArray(body.keys)) throw new GenericError('jwks_error', `No key set at ${url}`);
    return body.keys;
  });
  // A failed fetch must not stick: the next verification tries again.
  keys.catch(() => keySets.get(url) === keys && keySets.delete(url));
  keySets.set(url, keys);
  return keys;
}

/**
 * Starts fetching `domainUrl`'s key set unless the page has it, so that it arrives alongside a
 * grant's answer instead of after it; a failure shows when a token is verified (which fetches again).
 */
export function prefetchKeys(domainUrl: string, timeoutMs: number): void {
  const url = `${domainUrl}/.well-known/jwks.json`;
  if (!keySets.has(url)) load(url, timeoutMs).catch(() => undefined);
}

/**
 * A key resolver for `verifyRs256` over `<domainUrl>/.well-known/jwks.json`. It returns the JWK
 * itself: jws.ts imports it (and caches the import per JWK object).
 * @throws GenericError `id_token_key_not_found` when no key matches `kid` even after a refetch.
 */
export function remoteKeys(domainUrl: string, timeoutMs: number): (header: JWSHeaderParameters) => Promise<JWK> {
  const url = `${domainUrl}/.well-known/jwks.json`;
  const pick = (keys: JWK[], { kid, alg }: JWSHeaderParameters) =>
    keys.find((k) => k.kid === kid && (!k.alg || k.alg === alg) && k.use !== 'enc');
  return async (header) => {
    // An unknown kid: the tenant may have rotated its key, so fetch the set again (once).
    const jwk = pick(await (keySets.get(url) ?? load(url, timeoutMs)), header) ?? pick(await load(url, timeoutMs), header);
    if (!jwk) throw new GenericError('id_token_key_not_found', `No signing key "${header.kid}" in the tenant's key set`);
    return jwk;
  };
}
