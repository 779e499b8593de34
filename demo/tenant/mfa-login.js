// Universal Login's MFA step: an authorization request for an API of the MFA policy, by a user
// with a policy whose session has not passed a second factor, gets a prompt `mfa` after the
// password (or instead of it, with a session): a page at /u/login/<uid> that takes the code of the
// user's authenticator app (or a recovery code). `prompt=none` gets `login_required` with Auth0's
// description "Multifactor authentication required" (the SPA SDK's interactive-error signal).
import { interactionPolicy } from 'oidc-provider';
import { readForm } from './body.js';
import { errorPage, escapeHtml } from './pages.js';

export const MFA_STEP_UP_DESCRIPTION = 'Multifactor authentication required';

/**
 * Adds the `mfa` prompt to an interaction policy.
 * @param {ReturnType<typeof interactionPolicy.base>} policy
 * @param {import('./mfa.js').Mfa} mfa
 */
export function withMfaPrompt(policy, mfa) {
  const { Prompt, Check } = interactionPolicy;
  policy.add(new Prompt(
    { name: 'mfa', requestable: false },
    new Check('mfa_required', MFA_STEP_UP_DESCRIPTION, 'login_required', (ctx) => {
      const { session, params } = ctx.oidc;
      const sub = session?.accountId;
      const needed = !!sub && mfa.required(sub, params.resource) && !(session.amr ?? []).includes('mfa');
      return needed ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
    }),
  ));
  return policy;
}

function mfaPage({ action, error }) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Verify your identity</title></head><body><main>
<h1>Verify your identity</h1>
${error ? `<p class="error" role="alert" id="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="code">Enter the code from your authenticator app (or a recovery code)</label>
<input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" required autofocus>
<button type="submit">Continue</button>
</form></main></body></html>`;
}

/**
 * The MFA step of an interaction whose prompt is `mfa` (login.js hands it over).
 * @param {any} ctx
 * @param {import('oidc-provider').default} provider
 * @param {any} interaction
 * @param {import('./mfa.js').Mfa} mfa
 */
export async function mfaStep(ctx, provider, interaction, mfa) {
  const sub = interaction.session?.accountId;
  if (!sub) {
    ctx.status = 400;
    ctx.body = errorPage({ error: 'invalid_request', error_description: 'No login to verify.' });
    return;
  }
  if (ctx.method === 'GET') {
    ctx.body = mfaPage({ action: ctx.path });
    return;
  }
  const code = (await readForm(ctx.req)).get('code') ?? '';
  const refused = mfa.checkCode(sub, code);
  if (refused) {
    ctx.status = refused.status === 429 ? 429 : 401;
    ctx.body = mfaPage({ action: ctx.path, error: refused.message });
    return;
  }
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, {
    login: { accountId: sub, amr: ['pwd', 'mfa'] },
  }, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(returnTo);
}
