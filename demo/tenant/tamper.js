// Test switch: the next ID token the token endpoint issues comes out wrong in one chosen way, so
// clients can prove they reject it. Each kind breaks exactly one thing and keeps the rest valid.

/** @typedef {'bad-signature' | 'wrong-issuer' | 'wrong-audience' | 'expired' | 'wrong-nonce' | 'wrong-org' | 'future-nbf' | 'no-sub' | 'proto-claims'} TamperKind */

const now = () => Math.floor(Date.now() / 1000);

/** @type {Record<TamperKind, (payload: Record<string, any>) => void>} */
const EDITS = {
  'bad-signature': () => {},
  'wrong-issuer': (p) => {
    p.iss = 'https://attacker.example.com/';
  },
  'wrong-audience': (p) => {
    p.aud = 'someone-elses-client-id';
  },
  expired: (p) => {
    p.iat = now() - 7200;
    p.exp = now() - 3600;
  },
  'wrong-nonce': (p) => {
    p.nonce = 'not-the-nonce-you-sent';
  },
  'wrong-org': (p) => {
    p.org_id = 'org_notyourorg00001';
    p.org_name = 'not-your-org';
  },
  'future-nbf': (p) => {
    p.nbf = now() + 3600;
  },
  'no-sub': (p) => {
    delete p.sub;
  },
  // Claims named like JavaScript's prototype machinery, validly signed: they must stay data.
  'proto-claims': (p) => {
    for (const [name, value] of [['__proto__', { polluted: true }], ['constructor', 'evil'], ['prototype', { polluted: true }]]) {
      Object.defineProperty(p, name, { value, enumerable: true, writable: true, configurable: true });
    }
  },
};

export const TAMPER_KINDS = Object.keys(EDITS);

/**
 * @param {string} idToken a compact JWT the tenant just signed
 * @param {TamperKind} kind
 * @param {import('./keys.js').SigningKeys} keys
 */
export function tamperIdToken(idToken, kind, keys) {
  const [header, payload] = idToken.split('.', 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  EDITS[kind](payload);
  return keys.signJwt(header, payload, { rogue: kind === 'bad-signature' });
}
