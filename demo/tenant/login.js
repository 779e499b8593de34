// The login step of an authorization request, at /u/login/<uid> like Auth0's Universal Login: a
// username and password form; on success the request resumes at /authorize/<uid>.
import { readForm } from './body.js';
import { loginPage, errorPage } from './pages.js';
import { mfaStep } from './mfa-login.js';

const PATH = /^\/u\/login\/([\w-]+)$/;

/**
 * Koa middleware for the provider.
 * @param {import('oidc-provider').default} provider
 * @param {import('./directory.js').Directory} directory
 * @param {import('./mfa.js').Mfa} [mfa] its step after the password (mfa-login.js)
 */
export function loginRoutes(provider, directory, mfa) {
  const users = Object.values(directory.config.users);

  return async function login(ctx, next) {
    const match = PATH.exec(ctx.path);
    if (!match || (ctx.method !== 'GET' && ctx.method !== 'POST')) return next();

    ctx.set('cache-control', 'no-store');
    ctx.type = 'html';
    let interaction;
    try {
      interaction = await provider.interactionDetails(ctx.req, ctx.res);
      if (interaction.uid !== match[1]) throw new Error('interaction mismatch');
    } catch {
      ctx.status = 400;
      ctx.body = errorPage({ error: 'invalid_request', error_description: 'This login page has expired. Start the login again from the application.' });
      return undefined;
    }

    if (interaction.prompt.name === 'mfa' && mfa) return mfaStep(ctx, provider, interaction, mfa);
    const client = await provider.Client.find(String(interaction.params.client_id));
    const org = directory.organization(interaction.params.organization);
    const render = (extra = {}) => loginPage({
      action: ctx.path,
      clientName: client?.clientName ?? String(interaction.params.client_id),
      organization: org?.display_name,
      connection: typeof interaction.params.connection === 'string' ? interaction.params.connection : undefined,
      users,
      ...extra,
    });

    if (ctx.method === 'GET') {
      // login_hint shows as a placeholder, not a value: the test harness types into an empty field.
      const hint = interaction.params.login_hint;
      ctx.body = render(typeof hint === 'string' ? { hint } : {});
      return undefined;
    }

    const form = await readForm(ctx.req);
    const username = form.get('username') ?? '';
    const user = directory.authenticate(username, form.get('password') ?? '');
    if (!user) {
      ctx.status = 401;
      ctx.body = render({ username, error: 'Wrong username or password.' });
      return undefined;
    }

    const returnTo = await provider.interactionResult(ctx.req, ctx.res, {
      login: { accountId: user.sub },
    }, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.redirect(returnTo);
    return undefined;
  };
}
