// The email-first form of <auth0-login-button email-first>: an email field and the submit button.
// A chunk of its own, loaded by the first button that asks for it: pages without email-first logins
// do not pay for it. The email decides where the login goes (src/domain-discovery/email-first.ts).
import { html, type TemplateResult } from 'lit';
import { emailFirstLogin } from '../../src/domain-discovery/email-first.js';
import type { Auth0Client } from '../../src/index.js';
import type { Auth0LoginButton } from './login-button.component.js';

export type EmailFirstForm = (button: Auth0LoginButton, visible: boolean, disabled: boolean, client?: Auth0Client | null) => TemplateResult;

async function submit(button: Auth0LoginButton, event: Event, client?: Auth0Client | null): Promise<void> {
  event.preventDefault();
  const email = button.renderRoot.querySelector('input')!.value.trim();
  if (!client || !email) return;
  button._busy = true;
  const { authorizationParams, federated } = await emailFirstLogin(client, email, button._params());
  button._busy = false;
  button._go('redirect', authorizationParams, federated);
}

/** The form: a required, labelled email field (prefilled with `login-hint`) and a submit button. */
export const emailFirstForm: EmailFirstForm = (button, visible, disabled, client) =>
  html`<form part="form" ?hidden=${!visible} @submit=${(event: Event) => submit(button, event, client)}>
    <input part="email" type="email" required autocomplete="email" aria-label="Email" .value=${button.loginHint ?? ''}>
    <button part="button" type="submit" ?disabled=${disabled}><slot>Log in</slot></button>
  </form>`;
