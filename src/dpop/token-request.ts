// DPoP at the token endpoint (RFC 9449 §5, §8): the proof is made here, on the main thread where
// the key lives, and handed as a header to whoever sends the request — `requestToken` directly, or
// the refresh-token worker. The tenant's nonce is stored from every `DPoP-Nonce` header (the
// sender reports it through `onDpopNonce`), and a `use_dpop_nonce` answer is retried once.
import { UseDpopNonceError, type GenericError } from '../errors.js';
import type { TokenRequest, TokenResponse } from '../token-endpoint.js';
import type { LazyDpop } from './lazy-dpop.js';

/** Sends a token request: must send `request.headers` and report every `DPoP-Nonce` it receives. */
export type TokenSender = (request: TokenRequest) => Promise<TokenResponse>;

/**
 * Sends `request` with a fresh DPoP proof; on `use_dpop_nonce` with a new nonce, once more with a
 * new proof carrying it.
 * @see RFC 9449 §5, §8
 * @throws UseDpopNonceError when the tenant rejects the nonce again, or sends none to retry with.
 */
export async function sendWithDpop(dpop: LazyDpop, request: TokenRequest, send: TokenSender): Promise<TokenResponse> {
  const url = `${request.domainUrl}/oauth/token`;
  // Kept in memory at once (the retry below reads it); a failed database write only costs a retry later.
  const onDpopNonce = (nonce: string) => void dpop.nonces.set(nonce).catch(() => undefined);
  for (let retried = false; ; retried = true) {
    const nonce = await dpop.nonces.get();
    const headers = { ...request.headers, DPoP: await dpop.proof({ url, method: 'POST', nonce }) };
    try {
      return await send({ ...request, headers, onDpopNonce });
    } catch (error) {
      if ((error as GenericError).error !== 'use_dpop_nonce') throw error;
      const fresh = await dpop.nonces.get();
      if (retried || !fresh || fresh === nonce) throw new UseDpopNonceError(fresh);
    }
  }
}
