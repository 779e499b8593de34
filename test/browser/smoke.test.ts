import { expect } from '@open-wc/testing';
import { tenant } from '../support/tenant.js';

describe('test infrastructure', () => {
  it('runs in Chromium with WebCrypto, Web Locks and IndexedDB', async () => {
    expect(crypto.subtle).to.exist;
    expect(navigator.locks).to.exist;
    expect(indexedDB).to.exist;
    const info = await tenant.info();
    expect(info.issuer).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});
