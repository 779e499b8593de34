// The demo's stand-in for an email inbox: the tenant "sends" MFA email codes to an outbox, which the
// demo server (only the demo's, never the tenant over HTTP) shows for the signed-in demo user. The
// code is shown as text; it is a one-time code for the step-up the visitor started.
const button = document.querySelector('#demo-inbox');
const output = document.querySelector('#demo-inbox-code');

button?.addEventListener('click', async () => {
  output.textContent = 'Checking the inbox…';
  try {
    const answer = await fetch('/demo/inbox', { cache: 'no-store' });
    if (!answer.ok) throw new Error(`the inbox answered HTTP ${answer.status}`);
    const { to, code } = await answer.json();
    output.textContent = code ? `Latest code for ${to}: ${code}` : `No code for ${to} yet: pick "Email" in the form first.`;
  } catch (error) {
    output.textContent = `The inbox failed: ${error.message}`;
  }
});
