// Shared helpers of the DPoP tests: the demo API's URL, a JWT decoder for proofs as they crossed
// the network, and a way to look at what the browser keeps in IndexedDB.
import { tenant } from '../../support/tenant.js';
import { facts } from '../engine/helpers.js';

/** The demo API beside the tenant: DPoP-bound tokens for the default API, server nonces on. */
export async function apiUrl(): Promise<string> {
  return (await tenant.info()).apiUrl;
}

/** The messages route of the demo API. */
export async function messagesUrl(): Promise<string> {
  return `${await apiUrl()}/api/messages`;
}

export interface DecodedJwt {
  header: Record<string, any>;
  payload: Record<string, any>;
  signature: Uint8Array<ArrayBuffer>;
  signingInput: string;
}

const bytes = (part: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** Splits and decodes a compact JWS (a DPoP proof or an access token). */
export function decodeJwt(jwt: string): DecodedJwt {
  const [header, payload, signature] = jwt.split('.');
  return {
    header: JSON.parse(new TextDecoder().decode(bytes(header))),
    payload: JSON.parse(new TextDecoder().decode(bytes(payload))),
    signature: bytes(signature),
    signingInput: `${header}.${payload}`,
  };
}

/** True when the proof's signature verifies with the public key in its own header (RFC 9449 §4.3 step 7). */
export async function proofSignatureValid(proof: string): Promise<boolean> {
  const { header, signature, signingInput } = decodeJwt(proof);
  const key = await crypto.subtle.importKey('jwk', header.jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, new TextEncoder().encode(signingInput));
}

/** base64url(SHA-256(text)): the `ath` of an access token. */
export async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What IndexedDB holds for the client's DPoP key (read straight from the browser's storage). */
export async function storedKeyPair(clientId?: string): Promise<CryptoKeyPair | undefined> {
  const id = clientId ?? (await facts()).clientId;
  // Opening a database that does not exist would create it empty: look first.
  if (!(await indexedDB.databases()).some((info) => info.name === 'auth0-spa-js')) return undefined;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('auth0-spa-js');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!db.objectStoreNames.contains('keypair')) return undefined;
    return await new Promise((resolve, reject) => {
      const request = db.transaction('keypair').objectStore('keypair').get(`${id}::auth0`);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/** The token requests the tenant saw since the last resetRequests, oldest first. */
export function tokenRequests(filter: Record<string, unknown> = {}): Promise<Array<{ status: number; grantType?: string; dpop?: string }>> {
  return tenant.control('tokenRequests', filter);
}
