import { expect } from '@open-wc/testing';
import { Auth0Client, type Auth0ClientOptions } from '../../../src/index.js';
import { facts, inspectableCache } from './helpers.js';

function typeErrorOf(options: unknown): TypeError {
  try {
    new Auth0Client(options as Auth0ClientOptions);
  } catch (e) {
    expect(e).to.be.instanceOf(TypeError);
    return e as TypeError;
  }
  throw new Error(`expected a TypeError for ${JSON.stringify(options)}`);
}

async function authorizeUrlOf(options: Auth0ClientOptions): Promise<string> {
  let opened = '';
  await new Auth0Client(options).loginWithRedirect({ openUrl: (url) => void (opened = url) });
  sessionStorage.removeItem(`a0.spajs.txs.${options.clientId}`);
  return opened;
}

describe('options', () => {
  it('names the missing or malformed option in a TypeError', () => {
    const ok = { domain: 'tenant.example.com', clientId: 'abc' };
    const cases: Array<[unknown, string]> = [
      [undefined, 'options'],
      [{ clientId: 'abc' }, 'domain'],
      [{ ...ok, domain: '' }, 'domain'],
      [{ ...ok, domain: 42 }, 'domain'],
      [{ ...ok, domain: 'https://tenant.example.com/some/path' }, 'domain'],
      [{ ...ok, domain: 'https://tenant.example.com?x=1' }, 'domain'],
      [{ ...ok, domain: 'ftp://tenant.example.com' }, 'domain'],
      [{ ...ok, domain: 'not a host' }, 'domain'],
      [{ domain: 'tenant.example.com' }, 'clientId'],
      [{ ...ok, clientId: '  ' }, 'clientId'],
      [{ ...ok, cacheLocation: 'sessionstorage' }, 'cacheLocation'],
      [{ ...ok, authorizeTimeoutInSeconds: 'soon' }, 'authorizeTimeoutInSeconds'],
      [{ ...ok, httpTimeoutInSeconds: Number.NaN }, 'httpTimeoutInSeconds'],
      [{ ...ok, leeway: -1 }, 'leeway'],
      [{ ...ok, sessionCheckExpiryDays: 'a day' }, 'sessionCheckExpiryDays'],
      [{ ...ok, cache: { get() {} } }, 'cache'],
      [{ ...ok, authorizationParams: { scope: ['openid'] } }, 'authorizationParams.scope'],
      [{ ...ok, nowProvider: 5 }, 'nowProvider'],
    ];
    for (const [options, name] of cases) {
      expect(typeErrorOf(options).message, JSON.stringify(options)).to.include(`\`${name}\``);
    }
  });

  it('accepts every documented option with valid values', () => {
    const client = new Auth0Client({
      domain: 'tenant.example.com',
      clientId: 'abc',
      issuer: 'custom.example.com',
      authorizationParams: { audience: 'https://api.example.com', scope: 'read:x', redirect_uri: 'https://app.example.com/' },
      cacheLocation: 'localstorage',
      useRefreshTokens: false,
      leeway: 0,
      authorizeTimeoutInSeconds: 5,
      httpTimeoutInSeconds: 5,
      useFormData: false,
      sessionCheckExpiryDays: 2,
      cookieDomain: 'example.com',
      nowProvider: () => Date.now(),
    });
    expect(client.state.status).to.equal('loading');
  });

  it('turns a bare host into https://host and uses an http(s) origin as given', async () => {
    expect(await authorizeUrlOf({ domain: 'tenant.example.com', clientId: 'abc' })).to.match(/^https:\/\/tenant\.example\.com\/authorize\?/);
    expect(await authorizeUrlOf({ domain: 'https://tenant.example.com/', clientId: 'abc' })).to.match(/^https:\/\/tenant\.example\.com\/authorize\?/);
    const { domain, clientId } = await facts();
    expect(domain).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await authorizeUrlOf({ domain, clientId })).to.satisfy((url: string) => url.startsWith(`${domain}/authorize?`));
  });

  it('uses `cache` over `cacheLocation`, with exactly one console warning', async () => {
    const warnings: unknown[][] = [];
    const { warn } = console;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const cache = inspectableCache();
      const client = new Auth0Client({ domain: 'tenant.example.com', clientId: 'abc', cache, cacheLocation: 'localstorage' });
      await client.logout({ openUrl: false });
      expect(warnings).to.have.length(1);
      expect(String(warnings[0][0])).to.include('cacheLocation');
      new Auth0Client({ domain: 'tenant.example.com', clientId: 'abc', cache });
      new Auth0Client({ domain: 'tenant.example.com', clientId: 'abc', cacheLocation: 'memory' });
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});
