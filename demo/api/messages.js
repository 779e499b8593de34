// GET /api/messages: what the demo page's <auth0-fetch> shows once the token and its DPoP proof
// passed. The messages name the caller by the token's `sub`, so a page can see whose token it was.

/**
 * @param {{claims: import('../../lib/src/server/index.js').VerifiedAccessToken}} context
 * @returns {{status: number, body: unknown}}
 */
export function messages({ claims }) {
  const sub = String(claims.sub);
  const proof = claims.token_type === 'DPoP' ? 'a DPoP-bound token and a fresh proof' : 'a Bearer token';
  return {
    status: 200,
    body: {
      user: sub,
      token_type: claims.token_type,
      messages: [
        { id: 1, from: 'demo-api', text: `Hello ${sub}, this came from an API that verified ${proof}.` },
        { id: 2, from: 'demo-api', text: `Your token grants: ${claims.scope || '(no scope)'}.` },
      ],
    },
  };
}
