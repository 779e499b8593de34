// A scripted browser for Node tests of the local tenant: a cookie jar, redirects followed by hand,
// the login form filled like a person would, and the authorization code + PKCE exchange.
import { createHash, randomBytes } from 'node:crypto';

export const APP_ORIGIN = 'http://127.0.0.1:4999';
export const CALLBACK = `${APP_ORIGIN}/callback`;

const random = () => randomBytes(16).toString('base64url');

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** One browser profile: cookies for the tenant's host, sent by path like a browser does. */
export class Browser {
  /** @type {Map<string, {value: string, path: string}>} */
  cookies = new Map();

  /** @param {string} tenantOrigin */
  constructor(tenantOrigin) {
    this.origin = tenantOrigin;
  }

  cookieHeader(url) {
    return [...this.cookies]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const attr = Object.fromEntries(attributes.map((a) => {
        const [k, v = ''] = a.split('=');
        return [k.toLowerCase(), v];
      }));
      const expired = attr['max-age'] === '0' || (attr.expires && Date.parse(attr.expires) < Date.now());
      if (expired || !value) this.cookies.delete(name);
      else this.cookies.set(name, { value, path: attr.path || '/' });
    }
  }

  /** One request, no redirect following. */
  async request(url, { method = 'GET', form, headers = {} } = {}) {
    const target = new URL(url, this.origin);
    const sameSite = target.origin === this.origin;
    const response = await fetch(target, {
      method,
      redirect: 'manual',
      headers: {
        ...(sameSite && this.cookies.size ? { cookie: this.cookieHeader(target) } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    if (sameSite) this.store(response);
    return response;
  }

  /**
   * Follows redirects while they stay on the tenant. Returns the first URL that leaves it (the
   * app's callback), or the tenant page the chain stopped on.
   */
  async navigate(url, init) {
    let response = await this.request(url, init);
    let current = new URL(url, this.origin);
    for (let hops = 0; hops < 20; hops += 1) {
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status >= 400) {
        return { url: current, response, html: await response.text() };
      }
      current = new URL(location, current);
      if (current.origin !== this.origin) return { url: current, response };
      response = await this.request(current);
    }
    throw new Error('too many redirects');
  }
}

/** Fields of a form in a tenant page, by input name. */
export function formFields(html) {
  return Object.fromEntries([...html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/**
 * Starts /authorize and, when the login page shows, logs in as `user`.
 * @returns the final URL (the app's callback, or the tenant page the flow stopped on) and the
 *   transaction (state, nonce, PKCE verifier, redirect_uri)
 */
export async function authorize(browser, tenant, { user = 'alice', params = {}, clientId = tenant.info.clients.spa.clientId } = {}) {
  const { verifier, challenge } = pkce();
  const tx = { state: random(), nonce: random(), verifier, redirectUri: params.redirect_uri ?? CALLBACK };
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: tx.redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state: tx.state,
    nonce: tx.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...params,
  });
  let page = await browser.navigate(`/authorize?${query}`);
  if (user && page.url.origin === browser.origin && page.url.pathname.startsWith('/u/login/')) {
    const { username, password } = tenant.info.users[user];
    page = await browser.navigate(page.url.pathname, { method: 'POST', form: { username, password } });
  }
  return { ...page, tx, params: page.url.searchParams };
}

/** POST /oauth/token with a form (default) or JSON body. */
export async function tokenRequest(tenant, body, { json = false, headers = {} } = {}) {
  const response = await fetch(`${tenant.issuer}oauth/token`, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded', ...headers },
    body: json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
  const text = await response.text();
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  return { status: response.status, headers: response.headers, data, text };
}

/**
 * Logs in and exchanges the code: the token response and the transaction.
 * `tokenHeaders` go with the code exchange (a DPoP proof, an Origin).
 */
export async function login(browser, tenant, { json = false, extra = {}, tokenHeaders = {}, ...options } = {}) {
  const flow = await authorize(browser, tenant, options);
  const code = flow.params.get('code');
  if (!code) throw new Error(`no code: ${flow.url} ${flow.html ?? ''}`);
  const tokens = await tokenRequest(tenant, {
    grant_type: 'authorization_code',
    client_id: options.clientId ?? tenant.info.clients.spa.clientId,
    code,
    code_verifier: flow.tx.verifier,
    redirect_uri: flow.tx.redirectUri,
    ...extra,
  }, { json, headers: tokenHeaders });
  return { ...tokens, tx: flow.tx };
}
