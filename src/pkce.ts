// Proof Key for Code Exchange, S256 only (RFC 7636; DESIGN.md §9: plain is never used).
import { base64url, randomString } from './random.js';

/**
 * The S256 code challenge of a verifier: `BASE64URL(SHA256(ASCII(code_verifier)))`.
 * @see RFC 7636 §4.2
 */
export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh verifier (RFC 7636 §4.1: 43 characters of 256-bit entropy) and its S256 challenge. */
export async function createPkcePair(): Promise<{ code_verifier: string; code_challenge: string }> {
  const code_verifier = randomString();
  return { code_verifier, code_challenge: await codeChallengeS256(code_verifier) };
}
