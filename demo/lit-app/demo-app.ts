// A small Lit app that uses the session the way a framework app would: it consumes `auth0Context`
// and calls the engine itself, with no auth0 element of its own but the provider.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { auth0Context, type Auth0Session } from '../../components/index.js';

interface UserInfo {
  [claim: string]: unknown;
}

@customElement('demo-app')
export class DemoApp extends LitElement {
  static override styles = css`
    :host { display: block; background: #fff; border: 1px solid #e3e3ee; border-radius: 0.75rem; padding: 1.5rem; }
    button { font: inherit; padding: 0.4em 0.9em; margin-right: 0.5em; }
    pre { background: #f6f6fb; padding: 0.75rem; overflow: auto; }
  `;

  /** Where the tenant sends the browser after logout. */
  @property({ attribute: 'logout-to' }) logoutTo?: string;

  @consume({ context: auth0Context, subscribe: true })
  @state()
  session?: Auth0Session;

  @state() private userinfo?: UserInfo;
  @state() private tokenFacts?: string;
  @state() private problem?: string;

  override render() {
    const session = this.session;
    if (!session) return html`<p>Waiting for the provider…</p>`;
    return html`
      <h1>Lit app</h1>
      <p>Status: <strong>${session.status}</strong>${session.user ? html` — hello, ${session.user.name}` : ''}</p>
      ${session.status === 'authenticated'
        ? html`<button @click=${this.callUserinfo}>Call /userinfo with an access token</button>
            <button @click=${this.logout}>Log out</button>`
        : html`<button @click=${this.login} ?disabled=${session.status === 'loading'}>Log in with a popup</button>`}
      ${this.tokenFacts ? html`<p>${this.tokenFacts}</p>` : ''}
      ${this.userinfo ? html`<pre>${JSON.stringify(this.userinfo, null, 2)}</pre>` : ''}
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : ''}
    `;
  }

  private login() {
    // No await before loginWithPopup: the browser allows the popup only inside the click.
    this.session?.client?.loginWithPopup().catch((error: Error) => (this.problem = error.message));
  }

  private async callUserinfo() {
    const client = this.session?.client;
    if (!client) return;
    try {
      const token = await client.getTokenSilently({ detailedResponse: true });
      // The token itself goes only into the request header, never onto the page.
      this.tokenFacts = `Got a ${token.token_type ?? 'Bearer'} token for "${token.scope}", valid for ${token.expires_in} s.`;
      // The tenant's userinfo endpoint (OpenID Connect Core §5.3) sits under its issuer.
      const issuer = (await client.getIdTokenClaims())?.iss;
      const response = await fetch(new URL('userinfo', issuer), {
        headers: { authorization: `Bearer ${token.access_token}` },
      });
      this.userinfo = (await response.json()) as UserInfo;
      this.problem = undefined;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  private logout() {
    const logoutParams = this.logoutTo ? { returnTo: this.logoutTo } : {};
    void this.session?.client?.logout({ logoutParams });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-app': DemoApp;
  }
}
