// DPoP nonces (RFC 9449 §8). oidc-provider derives them from a secret and the clock; rotating means
// a new secret, which oidc-provider offers no public way to swap, so this reaches into its internals
// (pinned by the oidc-provider 9.x dependency) and fails loudly if they move.
import { randomBytes } from 'node:crypto';
import ServerChallenge from 'oidc-provider/lib/helpers/challenge.js';
import instance from 'oidc-provider/lib/helpers/weak_cache.js';

/** A fresh secret for the provider's DPoP nonces. */
export const nonceSecret = () => randomBytes(32);

/**
 * Every DPoP nonce the tenant has handed out stops working; the next proof gets `use_dpop_nonce`
 * with a new one.
 * @param {import('oidc-provider').default} provider
 */
export function rotateDpopNonces(provider) {
  const internals = instance(provider);
  if (!internals || !('DPoPNonces' in internals)) {
    throw new Error('rotateDpopNonce: this oidc-provider version keeps its DPoP nonces elsewhere');
  }
  internals.DPoPNonces = new ServerChallenge(nonceSecret(), 'DPoP');
}
