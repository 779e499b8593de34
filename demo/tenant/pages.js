// The HTML the tenant shows people: the login page (Auth0's Universal Login at /u/login), the
// logout step (submitted automatically, as Auth0's /v2/logout has no confirmation) and errors.
// No external resources, no frame-blocking headers: tests run these pages in iframes and popups.

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f3f4f6;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.12);width:min(26rem,90vw);box-sizing:border-box}
h1{font-size:1.3rem;margin:0 0 1rem}label{display:block;margin:.75rem 0 .25rem;font-size:.9rem}
input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}button{margin-top:1.25rem;width:100%;padding:.6rem;font-size:1rem;background:#635dff;color:#fff;border:0;border-radius:4px}
.error{color:#b00020;background:#fde7ea;padding:.5rem;border-radius:4px}.hint{font-size:.8rem;color:#555;margin-top:1.25rem}code{font-size:.8rem;overflow-wrap:anywhere}li{overflow-wrap:anywhere}`;

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * @param {{ action: string, clientName: string, organization?: string, connection?: string, error?: string,
 *   username?: string, hint?: string, users: {username: string, password: string}[] }} options
 */
export function loginPage({ action, clientName, organization, connection, error, username = '', hint = '', users }) {
  return page('Log in', `<h1>Log in to ${escapeHtml(clientName)}</h1>
${organization ? `<p>Organization: <strong>${escapeHtml(organization)}</strong></p>` : ''}
${connection ? `<p>Connection: <strong id="connection">${escapeHtml(connection)}</strong></p>` : ''}
${error ? `<p class="error" role="alert" id="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="username">Username or email</label><input id="username" name="username" autocomplete="username" value="${escapeHtml(username)}" placeholder="${escapeHtml(hint)}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Continue</button>
</form>
<p class="hint">Demo tenant. Try ${users.map((u) => `<code>${escapeHtml(u.username)}</code> / <code>${escapeHtml(u.password)}</code>`).join(', ')}.</p>`);
}

/** The end-session step, submitted at once: the user never sees a confirmation. */
export function logoutPage(form) {
  const autoForm = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Logging out</title></head>
<body onload="document.forms[0].submit()">${autoForm}<noscript><button type="submit" form="op.logoutForm">Log out</button></noscript></body></html>`;
}

export function loggedOutPage() {
  return page('Logged out', '<h1>You are logged out.</h1>');
}

/** @param {Record<string, string>} out the error and its description */
export function errorPage(out) {
  return page('Error', `<h1>Something went wrong</h1>${Object.entries(out)
    .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: <span class="${escapeHtml(key)}">${escapeHtml(value)}</span></p>`)
    .join('')}`);
}

/**
 * The stand-in upstream provider's consent page for a connected account.
 * @param {{ action: string, ticket: string, connection: string, scopes: string[] }} options
 */
export function connectPage({ action, ticket, connection, scopes }) {
  return page(`Connect ${connection}`, `<h1>${escapeHtml(connection)}</h1>
<p>The application asks to use your ${escapeHtml(connection)} account, also when you are not around:</p>
<ul>${scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('')}</ul>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="ticket" value="${escapeHtml(ticket)}">
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny" style="background:#666">Deny</button>
</form>`);
}
