// "Sign in with a legacy token": the page's old identity system hands the visitor a token (the demo
// server's /demo/legacy-token stands in for it), and custom token exchange (RFC 8693) trades it for
// an Auth0 session — no login page. The token never touches the DOM; errors show as text.
const button = document.querySelector('#legacy-login');
const status = document.querySelector('#legacy-status');
const provider = document.querySelector('auth0-provider');

button.addEventListener('click', async () => {
  button.disabled = true;
  status.textContent = 'Exchanging the legacy token…';
  try {
    const answer = await fetch('/demo/legacy-token', { method: 'POST' });
    if (!answer.ok) throw new Error(`the legacy system answered HTTP ${answer.status}`);
    const { subject_token, subject_token_type } = await answer.json();
    await customElements.whenDefined('auth0-provider');
    // The provider's engine: the session (and every element on the page) follows the exchange.
    await provider.client.loginWithCustomTokenExchange({ subject_token, subject_token_type });
    status.textContent = '';
  } catch (error) {
    status.textContent = `Sign-in failed: ${error.error_description ?? error.message}`;
  } finally {
    button.disabled = false;
  }
});
