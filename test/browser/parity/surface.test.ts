// The SDK's entry, name by name, beside ours (the engine entry, src/engine.ts = dist/engine.min.js),
// and the small pieces of its surface an app touches without the tenant.
import { expect } from '@open-wc/testing';
import * as sdk from '@auth0/auth0-spa-js';
import * as ours from '../../../src/engine.js';
import { parity } from './harness.js';

const SDK: Record<string, any> = sdk;
const OURS: Record<string, any> = ours;

/** The names of a class's ancestors, as exported by `lib` (ending with Error for error classes). */
function ancestry(lib: Record<string, any>, value: any): string[] {
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(value.prototype); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    names.push(Object.keys(lib).find((key) => lib[key]?.prototype === proto) ?? (proto === Error.prototype ? 'Error' : '<unexported>'));
  }
  return names;
}

describe('parity: the entry module', function () {
  this.timeout(60_000);

  it('every runtime export of the SDK exists in ours, of the same kind', () => {
    const missing = Object.keys(SDK).filter((name) => !(name in OURS));
    expect(missing, 'missing from ours').to.deep.equal([]);
    const kinds = (lib: Record<string, any>) => Object.fromEntries(Object.keys(SDK).map((name) => [name, typeof lib[name]]));
    expect(kinds(OURS)).to.deep.equal(kinds(SDK));
  });

  it('the error classes: the same hierarchy (instanceof holds the same way)', () => {
    const errorClasses = Object.keys(SDK).filter((name) => typeof SDK[name] === 'function' && SDK[name].prototype instanceof Error);
    expect(errorClasses.length).to.be.greaterThan(20);
    const tree = (lib: Record<string, any>) => Object.fromEntries(errorClasses.map((name) => [name, ancestry(lib, lib[name])]));
    // README table: ours' MyAccountApiError is also a GenericError (`error` = its problem type).
    expect(tree(OURS).MyAccountApiError).to.deep.equal(['GenericError', 'Error']);
    expect(tree(SDK).MyAccountApiError).to.deep.equal(['Error']);
    expect({ ...tree(OURS), MyAccountApiError: [] }).to.deep.equal({ ...tree(SDK), MyAccountApiError: [] });
  });

  it('the error classes built with the same arguments: the same fields, codes and messages', () => {
    const cases: Array<[string, unknown[]]> = [
      ['GenericError', ['some_code', 'Some description']],
      ['AuthenticationError', ['access_denied', 'No', 'st', { a: 1 }]],
      ['ConnectError', ['access_denied', 'No', 'google-oauth2', 'st', { a: 1 }]],
      ['TimeoutError', []],
      ['PopupOpenError', []],
      ['MfaRequiredError', ['mfa_required', 'Multifactor authentication required', 'mfa-token', { challenge: [{ type: 'otp' }] }]],
      ['MissingRefreshTokenError', ['default', 'openid profile']],
      ['MissingScopesError', ['https://api', 'read:x']],
      ['UseDpopNonceError', ['nonce-1']],
      ['InvalidConfigurationError', ['`x` is wrong.', 'Set `x: 1`.']],
      ['MfaChallengeError', ['invalid_otp', 'Wrong code']],
      ['PasskeyRegisterError', ['passkey_error', 'Failed', { error: 'x' }]],
      ['AnonymousSessionError', ['anonymous_error', 'Failed', { error: 'x' }]],
    ];
    const shape = (lib: Record<string, any>) =>
      cases.map(([name, args]) => {
        const error = new lib[name](...args);
        const fields = Object.fromEntries(Object.keys(error).filter((k) => error[k] !== undefined).sort().map((k) => [k, error[k]]));
        return { name, message: error.message, ...fields };
      });
    expect(shape(OURS)).to.deep.equal(shape(SDK));
  });

  it('the enums, CacheKey and InMemoryCache.enclosedCache behave the same', () => {
    const probe = (lib: Record<string, any>) => {
      const key = new lib.CacheKey({ clientId: 'c', audience: 'https://api', scope: 'openid read' });
      const parsed = lib.CacheKey.fromKey('@@auth0spajs@@::c::default::openid profile');
      const fromEntry = lib.CacheKey.fromCacheEntry({ client_id: 'c', audience: 'a', scope: 's' });
      const cache = new lib.InMemoryCache().enclosedCache;
      cache.set('k', { v: 1 });
      return {
        ResponseType: lib.ResponseType,
        RefreshTokenMode: lib.RefreshTokenMode,
        key: key.toKey(),
        suffixed: new lib.CacheKey({ clientId: 'c' }, '@@auth0spajs@@', '@@user@@').toKey(),
        parsed: { ...parsed },
        fromEntry: fromEntry.toKey(),
        cache: [cache.get('k'), cache.allKeys(), cache.remove('k'), cache.get('k')],
        user: Object.keys(new lib.User()),
      };
    };
    expect(probe(OURS)).to.deep.equal(probe(SDK));
  });

  it('getConfiguration(): the domain and clientId as given, frozen', async () => {
    const { sdk: a } = await parity(async (env) => {
      const config = env.client().getConfiguration();
      return { config, frozen: Object.isFrozen(config) };
    });
    expect((a.result as any).frozen).to.equal(true);
  });

  it('every sub-client of the SDK is real on ours (mfa, myAccount, passkey), an instance of its exported class, harmless to await', async () => {
    const client = new ours.Auth0Client({ domain: 'tenant.example.com', clientId: 'abc' });
    // Their flows: test/browser/mfa/, test/browser/my-account/, test/browser/passkey/.
    for (const [name, subClient, kind] of [
      ['mfa', client.mfa, ours.MfaApiClient],
      ['myAccount', client.myAccount, ours.MyAccountApiClient],
      ['passkey', client.passkey, ours.PasskeyApiClient],
    ] as const) {
      expect(subClient, name).to.be.instanceOf(kind);
      expect(await Promise.resolve(subClient).then(() => 'resolved'), name).to.equal('resolved');
    }
  });
});
