// The seed examples (shared/reference/spa-sdk-examples.md) that have no scenario elsewhere, on both SDKs.
import { expect } from '@open-wc/testing';
import { parity } from './harness.js';

describe('parity: seed examples', function () {
  this.timeout(60_000);

  it('custom token exchange: loginWithCustomTokenExchange with an extra parameter', async () => {
    await parity(async (env) => {
      const client = env.client({ authorizationParams: { audience: env.facts.apis.default } });
      const subject_token = await env.control('mintLegacyToken', { sub: env.facts.users.alice.email });
      const result = await client.loginWithCustomTokenExchange({
        subject_token: subject_token as string,
        subject_token_type: env.facts.tokenExchange.subjectTokenType,
        scope: 'openid profile email read:messages',
        device_id: 'kiosk-7',
      } as any);
      // Open difference: the SDK's answer also has its untyped `decodedToken` (its decoder's
      // internals); every other field, `issued_token_type` included, is compared.
      const { decodedToken: _d, ...rest } = result as any;
      expect(rest.issued_token_type, 'the RFC 8693 issued_token_type').to.be.a('string');
      return rest;
    });
  });

  it('createFetcher() without dpopNonceId: fetchWithAuth with a Bearer token', async () => {
    await parity(async (env) => {
      const client = env.client();
      await env.popupLogin(client);
      await env.control('resetRequests');
      const response = await client.createFetcher().fetchWithAuth(`${env.facts.domain}/userinfo`);
      return { status: response.status, body: await response.json() };
    });
  });

  it("createFetcher({getAccessToken}) resolving undefined: GenericError missing_access_token, no request", async () => {
    await parity(async (env) => {
      const client = env.client();
      await env.popupLogin(client);
      await env.control('resetRequests');
      await client.createFetcher({ getAccessToken: async () => undefined as any }).fetchWithAuth(`${env.facts.domain}/userinfo`);
      return 'fetched';
    });
  });

  it('a custom cache without allKeys: the key manifest', async () => {
    await parity(async (env) => {
      const entries = new Map<string, unknown>();
      const cache = {
        get: (key: string) => entries.get(key) as any,
        set: (key: string, value: unknown) => void entries.set(key, value),
        remove: (key: string) => void entries.delete(key),
      };
      const client = env.client({ cache });
      await env.popupLogin(client);
      return [...entries.keys()].sort();
    });
  });
});
