// Renders markup with @lit-labs/ssr and the package's main entry (lib/), as a Node server would,
// and prints the HTML: `node test/support/ssr-render.mjs '<auth0-provider …>…</auth0-provider>'`.
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import '../../lib/components/index.js';

const markup = process.argv[2];
// One static template: the markup as its only string (what html`…` gives for a literal).
const strings = Object.assign([markup], { raw: [markup] });
process.stdout.write(await collectResult(render(html(strings))));
