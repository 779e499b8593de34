// The define modules of the elements the one-file bundle does not define, as a page without a
// bundler loads them (README "Elements"): `<script type="module">` tags for dist/auth0-elements.min.js
// and dist/define/<name>.js, in a fresh frame (its own registry). Both elements are defined, and
// they share the bundle's core chunk: one engine, one base element class, one copy of each chunk.
import { expect } from '@open-wc/testing';

const DEFINES = ['mfa-challenge', 'authentication-methods'];

/** A page made of script tags only, in a same-origin frame; resolves once its modules have run. */
async function scriptPage(scripts: string[]): Promise<Window & Record<string, any>> {
  const frame = document.createElement('iframe');
  const base = location.origin;
  frame.srcdoc = `<!doctype html><html><head>${scripts.map((src) => `<script type="module" src="${base}${src}"></script>`).join('')}
    <script type="module">window.loaded = true;</script></head><body></body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as Window & Record<string, any>;
  for (const deadline = Date.now() + 10_000; !win.loaded; ) {
    if (Date.now() > deadline) throw new Error('the page\'s modules did not run');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return win;
}

describe('dist/define/<name>.js beside the one-file bundle', function () {
  this.timeout(30_000);

  it('defines <auth0-mfa-challenge> and <auth0-authentication-methods> on the bundle\'s core (one copy of it)', async () => {
    const win = await scriptPage(['/dist/auth0-elements.min.js', ...DEFINES.map((name) => `/dist/define/${name}.js`)]);
    const kit = await win.eval('import("/dist/auth0-elements.min.js")');
    const challenge = await win.eval('import("/dist/define/mfa-challenge.js")');
    const methods = await win.eval('import("/dist/define/authentication-methods.js")');
    expect(win.customElements.get('auth0-mfa-challenge')).to.equal(challenge.Auth0MfaChallenge);
    expect(win.customElements.get('auth0-authentication-methods')).to.equal(methods.Auth0AuthenticationMethods);
    expect(win.customElements.get('auth0-provider')).to.equal(kit.Auth0Provider);
    // The same base class as the bundle's elements: the define modules import its core chunk.
    const base = Object.getPrototypeOf(kit.Auth0User);
    expect(Object.getPrototypeOf(challenge.Auth0MfaChallenge)).to.equal(base);
    expect(Object.getPrototypeOf(methods.Auth0AuthenticationMethods)).to.equal(base);
    const scripts = win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => path.endsWith('.js'));
    expect(scripts.filter((path) => path.includes('/chunks/kit-')), 'one core chunk').to.have.length(1);
    // The QR encoder is not loaded until someone enrolls.
    expect(scripts.filter((path) => path.includes('/chunks/qr-code-'))).to.deep.equal([]);
  });
});
