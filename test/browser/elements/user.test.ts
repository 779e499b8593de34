import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import type { Auth0User } from '../../../components/index.js';
import { safePicture } from '../../../components/user/claims.js';
import { facts, mountProvider, signIn, signOutEverywhere } from './helpers.js';

const parts = (element: Element) =>
  Object.fromEntries([...element.shadowRoot!.querySelectorAll('[part]')].map((el) => [el.getAttribute('part'), el]));

async function settled(element: Element) {
  await (element as Auth0User).updateComplete;
  return element;
}

describe('<auth0-user>', () => {
  beforeEach(signOutEverywhere);
  afterEach(() => tenant.control('clearFaults'));

  it('shows the anonymous slot while nobody is signed in', async () => {
    const { provider, ready } = await mountProvider('<auth0-user><a slot="anonymous" href="#">Who are you?</a></auth0-user>');
    await ready;
    const user = await settled(provider.querySelector('auth0-user')!);
    const slot = user.shadowRoot!.querySelector('slot[name=anonymous]') as HTMLSlotElement;
    expect(slot.hidden).to.equal(false);
    expect(user.querySelector('a')!.checkVisibility()).to.equal(true);
    expect(Object.keys(parts(user))).to.deep.equal([]);
    await expect(user).to.be.accessible();
  });

  it('shows nothing while loading (neither the user nor the anonymous slot)', async () => {
    const { clientId } = await facts();
    document.cookie = `auth0.${clientId}.is.authenticated=true; path=/`;
    await tenant.control('fault', 'authorize', 'hang');
    const { provider, ready } = await mountProvider('<auth0-user><span slot="anonymous">anon</span></auth0-user>', {
      'authorize-timeout': '1',
    });
    await provider.updateComplete;
    const user = await settled(provider.querySelector('auth0-user')!);
    expect(provider.status).to.equal('loading');
    expect(user.querySelector('span')!.checkVisibility()).to.equal(false);
    expect(Object.keys(parts(user))).to.deep.equal([]);
    await ready;
    // A failed session check leaves the visitor signed out: the anonymous slot shows.
    await settled(user);
    expect(provider.status).to.equal('error');
    expect(user.querySelector('span')!.checkVisibility()).to.equal(true);
  });

  it('shows avatar, name and email of the signed-in user, as parts', async () => {
    await signIn('alice');
    const { users } = await facts();
    const { provider, ready } = await mountProvider('<auth0-user><span slot="anonymous">anon</span></auth0-user>');
    await ready;
    const user = await settled(provider.querySelector('auth0-user')!);
    const { avatar, name, email } = parts(user);
    expect(name.textContent).to.equal(users.alice.name);
    expect(email.textContent).to.equal(users.alice.email);
    expect(avatar.localName).to.equal('img');
    expect(avatar.getAttribute('src')).to.match(/^data:image\/svg\+xml,/);
    expect(avatar.getAttribute('alt')).to.equal('');
    expect(user.querySelector('span')!.checkVisibility()).to.equal(false);
    await expect(user).to.be.accessible();
  });

  it('renders one claim as text with `field`', async () => {
    await signIn('alice');
    const { provider, ready } = await mountProvider(
      '<auth0-user field="nickname"></auth0-user><auth0-user field="email_verified"></auth0-user><auth0-user field="no_such_claim"></auth0-user>'
        + '<auth0-user field="constructor"></auth0-user>',
    );
    await ready;
    const [nickname, verified, missing, inherited] = await Promise.all([...provider.querySelectorAll('auth0-user')].map(settled));
    expect(parts(nickname).field.textContent).to.equal('alice'); // tenant.config.js
    expect(parts(verified).field.textContent).to.equal('true');
    expect(parts(missing).field.textContent).to.equal('');
    expect(parts(inherited).field.textContent).to.equal(''); // Object.prototype's names are no claims
    expect(parts(nickname).avatar).to.equal(undefined);
  });

  it('renders a hostile name as text and drops a javascript: picture (user mallory)', async () => {
    await signIn('mallory');
    const { users } = await facts();
    const { provider, ready } = await mountProvider('<auth0-user></auth0-user><auth0-user field="nickname"></auth0-user>');
    await ready;
    const [user, nickname] = await Promise.all([...provider.querySelectorAll('auth0-user')].map(settled));
    expect(users.mallory.name).to.equal('<img src=x onerror=alert(1)>');
    expect(parts(user).name.textContent).to.equal(users.mallory.name);
    expect(parts(nickname).field.textContent).to.equal('<script>alert(1)</script>');
    for (const element of [user, nickname]) {
      expect(element.shadowRoot!.querySelector('img')).to.equal(null);
      expect(element.shadowRoot!.querySelector('script')).to.equal(null);
    }
    expect(parts(user).avatar).to.equal(undefined);
    expect(document.querySelector('img[src=x]')).to.equal(null);
  });

  it('takes pictures only from https: or data:image/', () => {
    expect(safePicture('https://cdn.example/a.png')).to.equal('https://cdn.example/a.png');
    expect(safePicture('data:image/png;base64,iVBORw0KGgo=')).to.equal('data:image/png;base64,iVBORw0KGgo=');
    for (const bad of [
      'javascript:alert(1)',
      ' https://cdn.example/a.png',
      'JAVASCRIPT:alert(1)',
      'http://cdn.example/a.png',
      'http://127.0.0.1/a.png',
      'http://localhost/a.png',
      'data:text/html,<script>alert(1)</script>',
      '//cdn.example/a.png',
      '/avatar.png',
      'https:',
      undefined,
      42,
    ]) {
      expect(safePicture(bad), String(bad)).to.equal(undefined);
    }
  });
});
