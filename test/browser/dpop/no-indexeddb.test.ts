import { expect } from '@open-wc/testing';
import { facts, frame, nextFixtureMessage } from '../engine/helpers.js';

/** Starts a useDpop client in a page whose IndexedDB is broken in the way `mode` says. */
async function startWithout(mode: string) {
  const { domain, clientId } = await facts();
  const iframe = frame();
  try {
    const report = nextFixtureMessage('dpop-test-no-indexeddb', 10_000);
    iframe.src = `/test/fixtures/dpop/no-indexeddb.html?${new URLSearchParams({ mode, domain, clientId })}`;
    return await report;
  } finally {
    iframe.remove();
  }
}

describe('useDpop without a working IndexedDB (private modes, blocked storage)', () => {
  for (const mode of ['missing', 'throws', 'error', 'blocked']) {
    it(`${mode}: the start resolves at once (as the SDK's), the state says dpop_unavailable, DPoP calls fail with it`, async () => {
      const report = await startWithout(mode);
      expect(report.outcome).to.equal('started');
      expect(report.generic).to.equal(true);
      expect(report.error).to.equal('dpop_unavailable');
      expect(report.description).to.match(/IndexedDB is unavailable/);
      expect(report.status).to.equal('error');
      expect(report.proof).to.equal('dpop_unavailable'); // later DPoP calls fail the same way, no hang
      expect(report.login).to.equal('dpop_unavailable');
      expect(report.ms).to.be.below(2_000);
    });
  }
});
