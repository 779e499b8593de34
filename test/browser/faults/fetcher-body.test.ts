// The DPoP nonce challenge a fetcher retries (RFC 9449 §9): its 401 body is released (read or
// cancelled), so the page's connections go idle — the caller only ever sees the retry's answer.
import { expect } from '@open-wc/testing';
import { cleanSlate, facts, newClient, popupLogin } from '../engine/helpers.js';
import { messagesUrl } from '../dpop/helpers.js';

describe('fetchWithAuth and the answers it retries', function () {
  this.timeout(30_000);
  beforeEach(cleanSlate);

  it('the nonce challenge (401) is consumed or cancelled before the retry; the retry’s body is the caller’s', async () => {
    const { apis } = await facts();
    const client = await newClient({ useDpop: true, authorizationParams: { audience: apis.default } });
    await client.logout({ openUrl: false });
    await popupLogin(client);
    const answers: Response[] = [];
    // The real network, watched: every Response as it came back.
    const fetcher = client.createFetcher({ dpopNonceId: 'demo-api', fetch: async (request: Request) => {
      const response = await fetch(request);
      answers.push(response);
      return response;
    } });
    const response = await fetcher.fetchWithAuth(await messagesUrl());
    expect(answers.map((a) => a.status)).to.deep.equal([401, 200]);
    expect(answers[0].bodyUsed, 'the 401 body released').to.equal(true);
    expect(response.bodyUsed).to.equal(false);
    expect((await response.json()).token_type).to.equal('DPoP');
  });
});
