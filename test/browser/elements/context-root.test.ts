import { expect } from '@open-wc/testing';
import { facts, signOutEverywhere } from './helpers.js';

describe('elements defined before their provider', () => {
  beforeEach(signOutEverywhere);

  it('find the provider once it is defined (ContextRoot), without the "outside a provider" warning', async () => {
    const { domain, clientId } = await facts();
    const frame = document.createElement('iframe');
    const ready = new Promise<string>((resolve) =>
      addEventListener('message', (event) => {
        if (event.source === frame.contentWindow && event.data?.source === 'late-provider') resolve(event.data.status);
      }),
    );
    frame.src = `/test/fixtures/elements/late-provider.html?${new URLSearchParams({ domain, client_id: clientId })}`;
    document.body.append(frame);
    try {
      expect(await ready).to.equal('anonymous');
      const win = frame.contentWindow as any;
      expect(win.consumersFirst).to.equal(true);
      const doc = frame.contentDocument!;
      const button = doc.querySelector('auth0-login-button')!;
      const user = doc.querySelector('auth0-user')!;
      await Promise.all([(button as any).updateComplete, (user as any).updateComplete]);
      expect(button.shadowRoot!.querySelector('button')!.checkVisibility()).to.equal(true);
      expect(user.querySelector('span')!.checkVisibility()).to.equal(true);
      expect(win.warnings.filter((line: string) => line.includes('auth0-'))).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
