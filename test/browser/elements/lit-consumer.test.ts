// DESIGN.md §4's promise to Lit apps: `@consume({context: auth0Context, subscribe: true})` — i.e.
// @lit/context's own ContextConsumer, not ours — receives the provider's session, follows its
// changes, and asks again when it moves under a provider. (Consumers upgraded before their
// provider are answered through the context root: context-root.test.ts.)
import { expect } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { ContextConsumer } from '@lit/context';
import { auth0Context } from '../../../components/index.js';
import { mountProvider, nextStatus, signOutEverywhere } from './helpers.js';

class LitSessionReader extends LitElement {
  readonly consumer = new ContextConsumer(this, { context: auth0Context, subscribe: true });
  override render() {
    return html`${this.consumer.value?.status ?? 'no provider yet'}`;
  }
}
customElements.define('lit-session-reader', LitSessionReader);

describe('@lit/context consumers (Lit apps)', () => {
  beforeEach(signOutEverywhere);

  it('receive the session snapshot, frozen, with the engine, and every change after it', async () => {
    const { provider, ready } = await mountProvider('<lit-session-reader></lit-session-reader>');
    await ready;
    const reader = provider.querySelector('lit-session-reader') as LitSessionReader;
    await reader.updateComplete;
    const session = reader.consumer.value!;
    expect(session.status).to.equal('anonymous');
    expect(session.client).to.equal(provider.client);
    expect(Object.isFrozen(session)).to.equal(true);
    expect(reader.shadowRoot!.textContent).to.contain('anonymous');

    // A new state reaches the Lit consumer as a new object (an empty client-id: a new engine fails).
    const error = nextStatus(provider, 'error');
    provider.setAttribute('client-id', '');
    await error;
    await reader.updateComplete;
    expect(reader.consumer.value).not.to.equal(session);
    expect(reader.consumer.value!.status).to.equal('error');
  });

  it('render a neutral state outside a provider, and get the session once moved under one', async () => {
    const host = document.createElement('div');
    host.innerHTML = '<lit-session-reader></lit-session-reader>';
    document.body.append(host);
    const reader = host.querySelector('lit-session-reader') as LitSessionReader;
    await reader.updateComplete;
    expect(reader.consumer.value).to.equal(undefined);
    expect(reader.shadowRoot!.textContent).to.contain('no provider yet');
    const { provider, ready } = await mountProvider('');
    await ready;
    // Move the reader under a live provider: it asks again and is answered.
    provider.append(reader);
    await reader.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await reader.updateComplete;
    expect(reader.consumer.value?.status).to.equal('anonymous');
    host.remove();
  });
});
