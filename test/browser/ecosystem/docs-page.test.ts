// The element reference (demo/docs/, issue 14) is drawn from custom-elements.json: every element
// of the manifest appears with its attributes, events, slots, parts and custom properties, the live
// examples run on the local tenant, and the page logs no error. The page's placeholders are filled
// here as `npm start` fills them.
import { expect } from '@open-wc/testing';
import { facts, signOutEverywhere } from '../elements/helpers.js';

const RECORD_ERRORS = `<script>
  window.__errors = [];
  const error = console.error;
  console.error = (...args) => (window.__errors.push(args.map(String).join(' ')), error.apply(console, args));
  addEventListener('error', (e) => window.__errors.push(e.message));
  addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
</script>`;

describe('demo/docs/: the element reference', function () {
  this.timeout(30_000);
  before(signOutEverywhere);

  it('lists every element of the manifest with its API, runs the examples, logs no error', async () => {
    const { domain, clientId } = await facts();
    const manifest = await (await fetch('/custom-elements.json')).json();
    const docs = manifest.modules.flatMap((mod: any) => (mod.declarations ?? []).filter((d: any) => d.customElement && d.tagName));
    const html = (await (await fetch('/demo/docs/index.html')).text())
      .replaceAll('__AUTH0_DOMAIN__', domain)
      .replaceAll('__AUTH0_CLIENT_ID__', clientId)
      .replace('<head>', `<head>${RECORD_ERRORS}`);
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1000px; height: 800px';
    frame.srcdoc = html;
    document.body.append(frame);
    try {
      const win = () => frame.contentWindow as any;
      const deadline = Date.now() + 20_000; // within the test's 30 s, however busy the machine
      while (win()?.document.documentElement.dataset.ready !== 'true' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const page = win().document as Document;
      expect(page.documentElement.dataset.ready).to.equal('true');
      for (const doc of docs) {
        const section = page.querySelector(`section[data-tag="${doc.tagName}"]`);
        expect(section, doc.tagName).to.not.equal(null);
        const text = section!.textContent!;
        for (const list of ['attributes', 'events', 'slots', 'cssParts', 'cssProperties']) {
          for (const item of doc[list] ?? []) expect(text, `${doc.tagName} ${list} ${item.name}`).to.include(item.name || '(default)');
        }
        // An element the bundle does not define (its own define module) says how to get it.
        if (!win().customElements.get(doc.tagName)) {
          expect(section!.querySelector('.own-module')?.textContent, doc.tagName).to.include(`auth0-elements/define/${doc.tagName.replace('auth0-', '')}.js`);
          continue;
        }
        // The live example: its provider settles on the local tenant.
        const provider = section!.querySelector('.live auth0-provider') as any;
        expect(provider, `${doc.tagName} example`).to.not.equal(null);
        const session = await provider.ready;
        expect(session.status, `${doc.tagName} example`).to.equal('anonymous');
      }
      expect(page.querySelectorAll('#toc a')).to.have.length(docs.length);
      expect(win().__errors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
