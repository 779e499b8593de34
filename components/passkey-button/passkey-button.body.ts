// The body of <auth0-passkey-button> (a chunk, loaded on its first connect): its template, and the
// click that runs client.passkey's signup or login and turns every outcome into a state.
import { html, nothing } from 'lit';
import { GenericError } from '../../src/index.js';
import type { Auth0Session } from '../context.js';
import { emit } from '../events.js';
import type { Auth0PasskeyButton, Auth0PasskeyState } from './passkey-button.component.js';

/** The browser's record that a passkey of this client was made or used here (not a secret). */
const usedKey = (clientId: string) => `auth0.${clientId}.passkey`;

/** An error of the element's own, with a stable code as `error` and `code` (as the engine's passkey errors). */
const failure = (code: string, message: string, cause?: unknown): GenericError => Object.assign(new GenericError(code, message), { code, cause });

/** The body of `<auth0-passkey-button>` (a lazy chunk, see lazy-body.ts): its template and click. */
export default class PasskeyButtonBody {
  constructor(private readonly host: Auth0PasskeyButton) {}

  /** Nothing before a provider answers. */
  render() {
    const session = this.host._shownSession;
    return session ? template(this.host, session) : nothing;
  }
}

/** The host's template for `session`. */
function template(host: Auth0PasskeyButton, session: Auth0Session) {
  const { state, mode, showUnsupported } = host;
  const hide = !(host.always || session.status === 'anonymous' || session.status === 'error');
  const supported = state !== 'unsupported';
  const message = state === 'cancelled'
    ? html`<slot name="cancelled">Cancelled: no passkey was used.</slot>`
    : state === 'no-credential'
      ? html`<slot name="no-credential">No passkey for this site on this device.</slot>`
      : state === 'unsupported'
        ? html`<slot name="unsupported">This browser cannot use passkeys.</slot>`
        : state === 'error' ? ((host._error as GenericError)?.error_description ?? host._error?.message) : '';
  return html`<slot name="email" ?hidden=${hide || mode !== 'signup'} @keydown=${(event: KeyboardEvent) => event.key === 'Enter' && (event.preventDefault(), run(host, session))}></slot><button
      part="button" type="button" ?hidden=${hide || (!supported && !showUnsupported)} ?disabled=${!supported || state === 'busy' || !session.client}
      aria-busy=${state === 'busy' ? 'true' : nothing} @click=${() => run(host, session)}><slot>${mode === 'signup' ? 'Sign up' : 'Log in'} with a passkey</slot></button><span
      part="message" role=${state === 'error' ? 'alert' : 'status'} ?hidden=${hide || !message || (!supported && !showUnsupported)}>${message}</span><slot
      name="fallback" ?hidden=${hide || (supported && state !== 'no-credential')}></slot>`;
}

/** The `email` slot's input (or an input inside what is slotted there). */
function emailInput(host: Auth0PasskeyButton): HTMLInputElement | undefined {
  const [slotted] = host.renderRoot.querySelector<HTMLSlotElement>('slot[name=email]')?.assignedElements({ flatten: true }) ?? [];
  return slotted instanceof HTMLInputElement ? slotted : (slotted?.querySelector('input') ?? undefined);
}

/** The click (with the session it was rendered for): the signup or login, and its outcome as a state (and an event). Never rejects. */
async function run(host: Auth0PasskeyButton, session: Auth0Session): Promise<void> {
  const client = session.client;
  if (!client || host.state === 'busy' || host.state === 'unsupported') return;
  const signup = host.mode === 'signup';
  const mode = signup ? 'signup' : 'login';
  const input = signup && !host.email ? emailInput(host) : undefined;
  const email = (host.email || input?.value || '').trim();
  if (signup && (!email || (input && !input.checkValidity()))) {
    input?.reportValidity();
    return fail(host, 'error', failure('email_required', 'Enter your email address to sign up with a passkey.'));
  }
  if (!emit(host, 'auth0-passkey-start', { mode }, true)) return;
  const { connection: realm, organization, audience, scope } = host;
  const options = Object.fromEntries(Object.entries({ realm, organization, audience, scope }).filter(([, value]) => value));
  show(host, 'busy');
  const { clientId } = client.getConfiguration();
  try {
    // The tokens stay in the engine: the element only learns that it worked.
    await (signup ? client.passkey.signup({ ...options, email }) : client.passkey.login(options));
  } catch (e) {
    const error = e as Error & { code?: string; error?: string };
    const code = error?.code ?? error?.error;
    if (error?.name === 'NotAllowedError' || error?.name === 'AbortError' || code === 'passkey_cancelled') {
      // The prompt was closed, or (WebAuthn does not say which) the device had no passkey to offer.
      if (!signup && !used(clientId)) return fail(host, 'no-credential', failure('passkey_no_credential', 'No passkey for this site was found on this device.', error));
      return fail(host, 'cancelled', code === 'passkey_cancelled' ? error : failure('passkey_cancelled', 'The passkey prompt was closed: no passkey was used.', error));
    }
    if (signup && error?.name === 'InvalidStateError') {
      return fail(host, 'error', failure('passkey_exists', 'This device already has a passkey for this account: log in with it.', error));
    }
    return fail(host, code === 'passkey_not_supported' ? 'unsupported' : 'error', error);
  }
  try {
    localStorage.setItem(usedKey(clientId), '1');
  } catch {
    /* storage blocked: the next cancel may read as "no passkey" */
  }
  show(host, 'idle');
  emit(host, 'auth0-passkey-complete', { mode });
}

/** Whether this browser made or used a passkey of `clientId` through the element. */
function used(clientId: string): boolean {
  try {
    return localStorage.getItem(usedKey(clientId)) === '1';
  } catch {
    return false;
  }
}

function fail(host: Auth0PasskeyButton, state: Auth0PasskeyState, error: Error): void {
  show(host, state, error);
  emit(host, 'auth0-error', { error });
}

function show(host: Auth0PasskeyButton, state: Auth0PasskeyState, error?: Error): void {
  host.state = state;
  host._error = error;
}
