import type { DefineComponent } from "vue";
import type {
  Auth0AuthenticationMethods,
  Auth0AuthenticationMethodDetail,
  Auth0ErrorDetail,
  Auth0ConnectAccount,
  Auth0AccountConnectedDetail,
  Auth0Fetch,
  Auth0ResponseDetail,
  Auth0If,
  Auth0LoginButton,
  Auth0LoginDetail,
  Auth0LogoutButton,
  Auth0MfaChallenge,
  Auth0MfaDetail,
  Auth0OrganizationSwitcher,
  Auth0PasskeyButton,
  Auth0PasskeyDetail,
  Auth0Provider,
  Auth0ReadyDetail,
  Auth0SessionChangeDetail,
  Auth0RedirectCallbackDetail,
  Auth0User,
} from "../lib/components/index.js";

type Auth0AuthenticationMethodsProps = {
  /** The user verified a new authenticator app: `{id, type, name}`. */
  onAuth0MethodEnrolled?: (e: CustomEvent<Auth0AuthenticationMethodDetail>) => void;
  /** The user renamed a method: `{id, type, name}` (the new name). */
  onAuth0MethodRenamed?: (e: CustomEvent<Auth0AuthenticationMethodDetail>) => void;
  /** The user removed a method: `{id, type}`. */
  onAuth0MethodRemoved?: (e: CustomEvent<Auth0AuthenticationMethodDetail>) => void;
  /** A call failed (the list, a wrong or expired code, a refused rename or removal, the tenant down): `{error}`, the engine's `MyAccountApiError` or `GenericError`. */
  onAuth0Error?: (e: CustomEvent<Auth0ErrorDetail>) => void;
};

type Auth0ConnectAccountProps = {
  /** The connection to link, e.g. `google-oauth2`. */
  connection?: Auth0ConnectAccount["connection"];
  /** Scopes to ask the provider for, separated by spaces or commas. */
  scopes?: Auth0ConnectAccount["scopes"];
  /** Where to come back to. Default: the provider's `redirect-uri`, else the page's origin. */
  "redirect-uri"?: Auth0ConnectAccount["redirectUri"];

  /** The account was connected: `{connection, scopes}`. */
  onAuth0AccountConnected?: (e: CustomEvent<Auth0AccountConnectedDetail>) => void;
  /** Connecting could not start (unknown connection, no session, …): `{error}`. */
  onAuth0Error?: (e: CustomEvent<Auth0ErrorDetail>) => void;
};

type Auth0FetchProps = {
  /** The API URL; relative URLs join `base-url` (or the page's URL without one). Its origin must be allowed by the provider. */
  src?: Auth0Fetch["src"];
  /** The HTTP method. Default `GET`; other than GET and HEAD only with `trigger="click"` or `refetch()`. */
  method?: Auth0Fetch["method"];
  /** A request body, sent as JSON when it parses as JSON, else as text. */
  body?: Auth0Fetch["body"];
  /** Use a token for this API instead of the provider's audience (one the provider was configured for). */
  audience?: Auth0Fetch["audience"];
  /** Scopes the token needs, in addition to the provider's (ones the provider was configured for). */
  scope?: Auth0Fetch["scope"];
  /** Joined with a relative `src` (`createFetcher({baseUrl})`). */
  "base-url"?: Auth0Fetch["baseUrl"];
  /** Where this API's DPoP nonces are kept. Default: the API's origin. */
  "dpop-nonce-id"?: Auth0Fetch["dpopNonceId"];
  /** `json` (default): parse and pretty-print; `text`: show the body as it came. */
  as?: Auth0Fetch["as"];
  /** `load` (default): as soon as a user is signed in; `click`: from a button; `manual`: only `refetch()`. */
  trigger?: Auth0Fetch["trigger"];
  /** The last answer's body: parsed JSON (`as="json"`) or text. `undefined` before one arrives. */
  data?: Auth0Fetch["data"];
  /** Why the last request failed (a typed engine error, or Auth0FetchError with the HTTP `status`). */
  error?: Auth0Fetch["error"];
  /** The API answered (any status): `{status, data}`. */
  onAuth0Response?: (e: CustomEvent<Auth0ResponseDetail>) => void;
  /** Refused, no token, no answer, an error status or a body that is not JSON: `{error}`. */
  onAuth0Error?: (e: CustomEvent<Auth0ErrorDetail>) => void;
};

type Auth0IfProps = {
  /** Show while a user is signed in. */
  authenticated?: Auth0If["authenticated"];
  /** Show while nobody is signed in (status `anonymous` or `error`). */
  anonymous?: Auth0If["anonymous"];
  /** Show while the session is being established. */
  loading?: Auth0If["loading"];
  /** Show when the user is signed in to this organization (its `org_id` or `org_name`). */
  organization?: Auth0If["organization"];
  /** Show when the user has this claim: present and not `false`, or equal to `value`. */
  claim?: Auth0If["claim"];
  /** With `claim`: the value the claim must have (for an array claim: one of its items). */
  value?: Auth0If["value"];
};

type Auth0LoginButtonProps = {
  /** `redirect` (default): leave for the login page; `popup`: log in in a popup window. */
  mode?: Auth0LoginButton["mode"];
  /** Log in to this organization (id or name). */
  organization?: Auth0LoginButton["organization"];
  /** An organization invitation ticket id. */
  invitation?: Auth0LoginButton["invitation"];
  /** `signup` opens the sign-up form instead of the login form. */
  "screen-hint"?: Auth0LoginButton["screenHint"];
  /** Skip the login page and go straight to this connection (e.g. `google-oauth2`). */
  connection?: Auth0LoginButton["connection"];
  /** Prefill the username or email field. */
  "login-hint"?: Auth0LoginButton["loginHint"];
  /** Ask for a token for this API instead of the provider's. */
  audience?: Auth0LoginButton["audience"];
  /** Scopes to ask for in addition to the provider's. */
  scope?: Auth0LoginButton["scope"];
  /** Stay visible while a user is signed in (e.g. to switch accounts). */
  always?: Auth0LoginButton["always"];
  /** Ask for the email first (a redirect login): enterprise users go to their connection
(`login_hint`, without `connection`), the others log in with the email as `login_hint`. */
  "email-first"?: Auth0LoginButton["emailFirst"];

  /** Cancelable, fired before the page leaves or the popup opens: `{mode}` (with `email-first` also `federated`). */
  onAuth0Login?: (e: CustomEvent<Auth0LoginDetail>) => void;
  /** The login failed (popup closed, blocked, timed out, …): `{error}`. */
  onAuth0Error?: (e: CustomEvent<Auth0ErrorDetail>) => void;
};

type Auth0LogoutButtonProps = {
  /** Where the tenant sends the browser after logout (`logoutParams.returnTo`); must be allowed there. */
  "return-to"?: Auth0LogoutButton["returnTo"];
  /** Only forget the session in this browser; stay signed in at the tenant (`openUrl: false`). */
  "local-only"?: Auth0LogoutButton["localOnly"];
  /** Also log out of the upstream identity provider (`logoutParams.federated`). */
  federated?: Auth0LogoutButton["federated"];

  /** The logout failed: `{error}`. */
  onAuth0Error?: (e: CustomEvent<Auth0ErrorDetail>) => void;
};

type Auth0MfaChallengeProps = {
  /** The API that needs the second factor (must be allowed by the provider). Default: the `for` element's `audience`. */
  audience?: Auth0MfaChallenge["audience"];
  /** The scopes to ask for, separated by spaces. */
  scope?: Auth0MfaChallenge["scope"];
  /** The id of an `<auth0-fetch>` whose `mfa_required` errors start the step-up and which fetches again once verified. */
  for?: Auth0MfaChallenge["for"];

  /** The API needs a second factor: the form is shown. `{audience}`. */
  onAuth0MfaRequired?: (e: CustomEvent<Auth0MfaDetail>) => void;
  /** The code was accepted; the token is cached. `{audience}`. */
  onAuth0MfaVerified?: (e: CustomEvent<Auth0MfaDetail>) => void;
  /** A step failed (wrong code `invalid_grant`, `expired_token`, `too_many_attempts`, `audience_not_allowed`, …): `{error}`. */
  onAuth0Error?: (e: CustomEvent<Auth0ErrorDetail>) => void;
};

type Auth0OrganizationSwitcherProps = {
  /** The organizations to offer: ids (`org_…`) or names, comma separated. */
  organizations?: Auth0OrganizationSwitcher["organizations"];

  /** Cancelable, fired before the local session is cleared and the page leaves: `{mode: 'redirect'}`. */
  onAuth0Login?: (e: CustomEvent<Auth0LoginDetail>) => void;
  /** The switch failed: `{error}`. */
  onAuth0Error?: (e: CustomEvent<Auth0ErrorDetail>) => void;
};

type Auth0PasskeyButtonProps = {
  /** `login` (default): with a passkey on this device; `signup`: create the user and their passkey. */
  mode?: Auth0PasskeyButton["mode"];
  /** Signup: the new user's email (else the `email` slot's input is read). */
  email?: Auth0PasskeyButton["email"];
  /** The database connection (sent as `realm`); default the tenant's. */
  connection?: Auth0PasskeyButton["connection"];
  /** Sign up or in to this organization (id or name). */
  organization?: Auth0PasskeyButton["organization"];
  /** Ask for a token for this API instead of the provider's. */
  audience?: Auth0PasskeyButton["audience"];
  /** Scopes to ask for in addition to the provider's. */
  scope?: Auth0PasskeyButton["scope"];
  /** Stay visible while a user is signed in. */
  always?: Auth0PasskeyButton["always"];
  /** Without WebAuthn, show the button anyway (disabled, with the `unsupported` message). */
  "show-unsupported"?: Auth0PasskeyButton["showUnsupported"];
  /** Read-only: what the element shows — `idle`, `busy`, `cancelled`, `no-credential`, `unsupported`, `error`. Reflected for CSS. */
  state?: Auth0PasskeyButton["state"];

  /** Cancelable, fired on the click before the passkey prompt: `{mode}`. */
  onAuth0PasskeyStart?: (e: CustomEvent<Auth0PasskeyDetail>) => void;
  /** The user is signed in (the provider's session follows): `{mode}`. */
  onAuth0PasskeyComplete?: (e: CustomEvent<Auth0PasskeyDetail>) => void;
  /** `{error}`, with `error.code` (and `error.error`): `passkey_cancelled`, `passkey_no_credential`, `passkey_not_supported`, `email_required`, `passkey_exists` (signup on a device that has this user's passkey), or the engine's (`passkey_register_error`, `passkey_challenge_error`, the tenant's `invalid_grant`, …). */
  onAuth0Error?: (e: CustomEvent<Auth0ErrorDetail>) => void;
};

type Auth0ProviderProps = {
  /** The tenant: a bare host (`tenant.eu.auth0.com` → https) or a full `http(s)://` origin. */
  domain?: Auth0Provider["domain"];
  /** The application's client id. */
  "client-id"?: Auth0Provider["clientId"];
  /** The API the access tokens are for (`authorizationParams.audience`). */
  audience?: Auth0Provider["audience"];
  /** Scopes to ask for (`authorizationParams.scope`); `openid` is always added. */
  scope?: Auth0Provider["scope"];
  /** Where the tenant sends the browser back after login (`authorizationParams.redirect_uri`). */
  "redirect-uri"?: Auth0Provider["redirectUri"];
  /** Log in to this organization, by id or name (`authorizationParams.organization`). */
  organization?: Auth0Provider["organization"];
  /** `memory` (default) or `localstorage`. */
  "cache-location"?: Auth0Provider["cacheLocation"];
  /** Use refresh tokens instead of the hidden iframe to renew tokens. */
  "use-refresh-tokens"?: Auth0Provider["useRefreshTokens"];
  /** Fall back to the hidden iframe when no refresh token is at hand. */
  "use-refresh-tokens-fallback"?: Auth0Provider["useRefreshTokensFallback"];
  /** Use one refresh token for several APIs (multi-resource refresh tokens). */
  "use-mrrt"?: Auth0Provider["useMrrt"];
  /** Bind tokens to a browser key (DPoP, RFC 9449). */
  "use-dpop"?: Auth0Provider["useDpop"];
  /** The expected `iss` of ID tokens, when it differs from the domain. */
  issuer?: Auth0Provider["issuer"];
  /** Clock skew allowed when checking ID token times, in seconds (engine default 60). */
  leeway?: Auth0Provider["leeway"];
  /** How long a popup or hidden-iframe login may take, in seconds (`authorizeTimeoutInSeconds`). */
  "authorize-timeout"?: Auth0Provider["authorizeTimeout"];
  /** How long a call to the tenant may take, in seconds (`httpTimeoutInSeconds`). */
  "http-timeout"?: Auth0Provider["httpTimeout"];
  /** Leave the address bar alone on load: no callback handling, no invitation login. */
  "no-auto-callback"?: Auth0Provider["noAutoCallback"];
  /** A same-origin URL of `dist/token-worker.js` for the refresh-token worker (the engine's
`workerUrl`), for pages whose Content-Security-Policy allows no `blob:` workers. */
  "worker-url"?: Auth0Provider["workerUrl"];
  /** API origins besides this page's own that `<auth0-fetch>` may send tokens to
(`https://api.example.com`; several separated by spaces or commas; the property also takes
an array). Requests anywhere else are refused before a token is fetched. */
  "api-origins"?: Auth0Provider["apiOrigins"];
  /** Audiences `<auth0-fetch audience>` may ask tokens for, besides `audience` and the keys of a scope map. */
  "api-audiences"?: Auth0Provider["apiAudiences"];
  /** Scopes `<auth0-fetch scope>` may ask for, besides those of `scope` (or its map). */
  "api-scopes"?: Auth0Provider["apiScopes"];
  /** The session status, reflected for CSS: `loading`, `authenticated`, `anonymous` or `error`. */
  status?: Auth0Provider["status"];
  /** More authorization parameters (property only); its keys win over the attributes. */
  authorizationParams?: Auth0Provider["authorizationParams"];
  /** A custom token cache (property only); wins over `cache-location`. */
  cache?: Auth0Provider["cache"];
  /** Resolves with the session (`{client, status, user, error}`) once its first state after load is
settled, as `auth0-ready` fires: for code that starts listening after that (a framework's
effect, a script loaded late). Never rejects: a failure settles it with `status: 'error'`. */
  ready?: Auth0Provider["ready"];
  /** The engine (read-only): call its methods directly. `null` while the attributes are invalid. */
  client?: Auth0Provider["client"];
  /** The first state after load is settled: `{status}`. Listening late? Await `ready`. */
  onAuth0Ready?: (e: CustomEvent<Auth0ReadyDetail>) => void;
  /** The status or the user changed: `{status, user}`. */
  onAuth0SessionChange?: (e: CustomEvent<Auth0SessionChangeDetail>) => void;
  /** A login redirect finished on this page: `{appState}`; after connecting an account also `{connection, scopes}`. */
  onAuth0RedirectCallback?: (e: CustomEvent<Auth0RedirectCallbackDetail>) => void;
  /** Configuration, callback or session check failed: `{error}`. */
  onAuth0Error?: (e: CustomEvent<Auth0ErrorDetail>) => void;
};

type Auth0UserProps = {
  /** A claim name (e.g. `nickname`, `org_id`): render only that claim, as text. */
  field?: Auth0User["field"];
};

export type CustomElements = {
  /**
   * The signed-in user's authentication methods, from the My Account API through the provider's
   * `client.myAccount`: lists them; enrolls an authenticator app — a QR code of its `otpauth://`
   * URI drawn as inline SVG (no image service sees it; the encoder is a chunk loaded only when
   * enrolling) and the secret as text, then the app's first code verifies it; renames and removes
   * methods. The secret, the enrollment's session and every token stay in this element's script
   * and shadow root, never in an attribute or an event; a cancelled, finished or signed-out
   * enrollment forgets them. A wrong code shows the tenant's error and keeps the enrollment; any
   * failed call fires `auth0-error` and shows its message. Renders nothing unless a user is signed in.
   * ---
   *
   *
   * ### **Events:**
   *  - **auth0-method-enrolled** - The user verified a new authenticator app: `{id, type, name}`.
   * - **auth0-method-renamed** - The user renamed a method: `{id, type, name}` (the new name).
   * - **auth0-method-removed** - The user removed a method: `{id, type}`.
   * - **auth0-error** - A call failed (the list, a wrong or expired code, a refused rename or removal, the tenant down): `{error}`, the engine's `MyAccountApiError` or `GenericError`.
   *
   * ### **Methods:**
   *  - **refresh(): _Promise<void>_** - Loads the list again from the My Account API (it loads by itself when a user signs in).
   * Resolves once it is shown; a failure is shown and fired as `auth0-error`.
   * - **enroll(): _Promise<void>_** - Starts enrolling an authenticator app (as the add button does): asks the My Account API for
   * a TOTP enrollment and shows its QR code, its secret and the code form. Resolves once shown.
   *
   * ### **Slots:**
   *  - _default_ - The heading. Default: "Sign-in methods".
   * - **loading** - Shown while the list loads. Default: "Loading…".
   * - **empty** - Shown when the user has no method. Default: "No sign-in methods yet.".
   * - **enroll** - The add button's label. Default: "Add an authenticator app".
   * - **instructions** - Above the QR code. Default: "Scan this QR code with your authenticator app, then enter the code it shows.".
   * - **secret-label** - Before the secret (for typing it in by hand). Default: "Or enter this key:".
   * - **code-label** - The code input's accessible label. Default: "Code from the app".
   * - **verify** - The verify button's label. Default: "Verify".
   * - **cancel** - The cancel button's label (enrollment, rename, remove). Default: "Cancel".
   * - **save** - The rename form's save button. Default: "Save".
   * - **confirm-remove** - The button that confirms a removal. Default: "Remove it".
   * - **retry** - The try-again button after the list failed to load. Default: "Try again".
   * - **rename** - The text of every row's rename button. Default: "Rename".
   * - **remove** - The text of every row's remove button. Default: "Remove".
   * - **type-totp** - The text naming authenticator apps. Default: "Authenticator app".
   * - **type-email** - The text naming email methods. Default: "Email".
   * - **type-phone** - The text naming phone methods. Default: "Phone".
   * - **type-recovery-code** - The text naming recovery codes. Default: "Recovery code".
   * - **type-passkey** - The text naming passkeys. Default: "Passkey".
   * - **type-password** - The text naming passwords. Default: "Password".
   * - **type-push-notification** - The text naming push notifications. Default: "Push notification".
   * - **type-webauthn-platform** - The text naming device biometrics. Default: "Device biometrics".
   * - **type-webauthn-roaming** - The text naming security keys. Default: "Security key".
   *
   * ### **CSS Properties:**
   *  - **--auth0-methods-gap** - Space between rows and sections (default `0.75em`). _(default: undefined)_
   * - **--auth0-methods-width** - Maximum width (default `32em`). _(default: undefined)_
   * - **--auth0-methods-divider** - Border under each method (default `1px solid #e3e3ee`). _(default: undefined)_
   * - **--auth0-methods-muted-color** - Color of a method's type (default `#666`). _(default: undefined)_
   * - **--auth0-methods-error-color** - Color of the error message (default `#b00020`). _(default: undefined)_
   * - **--auth0-qr-size** - Width and height of the QR code (default `12em`). _(default: undefined)_
   * - **--auth0-qr-color** - Color of the QR code's dark modules (default `#000`). _(default: undefined)_
   * - **--auth0-qr-background** - Background of the QR code (default `#fff`). _(default: undefined)_
   * - **--auth0-button-background** - Button background (default `#635dff`). _(default: undefined)_
   * - **--auth0-button-color** - Button label color (default `#fff`). _(default: undefined)_
   * - **--auth0-button-border** - Button border (default `none`). _(default: undefined)_
   * - **--auth0-button-radius** - Corner radius (default `0.375rem`). _(default: undefined)_
   * - **--auth0-button-padding** - Padding (default `0.5em 1em`). _(default: undefined)_
   * - **--auth0-button-font** - Font (default `inherit`). _(default: undefined)_
   * - **--auth0-focus-ring** - Focus outline (default `2px solid #635dff`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper of everything.
   * - **heading** - The heading.
   * - **loading** - The loading note.
   * - **empty** - The no-method note.
   * - **list** - The `<ul>` of methods.
   * - **method** - One method's `<li>`.
   * - **name** - A method's name (its email, phone number or type when it has none).
   * - **type** - A method's type.
   * - **rename-button** - A row's rename `<button>`.
   * - **remove-button** - A row's remove `<button>`.
   * - **rename-form** - The rename `<form>` of the row being renamed.
   * - **rename-input** - Its name `<input>`.
   * - **save-button** - Its save `<button>`.
   * - **confirm-remove-button** - The `<button>` confirming a removal.
   * - **cancel-button** - The cancel `<button>` of a rename, a removal or an enrollment.
   * - **enroll-button** - The add-an-authenticator-app `<button>`.
   * - **enrollment** - The pending enrollment: instructions, QR code, secret, code form.
   * - **qr** - The QR code `<svg>`.
   * - **secret** - The secret as text.
   * - **verify-form** - The enrollment's code `<form>`.
   * - **code-input** - The code `<input>`.
   * - **verify-button** - The verify `<button>`.
   * - **retry-button** - The try-again `<button>` after loading failed.
   * - **error** - The error message.
   */
  "auth0-authentication-methods": DefineComponent<Auth0AuthenticationMethodsProps>;

  /**
   * A real `<button>` that links the signed-in user's account at another provider (a connection
   * such as `google-oauth2`) for Token Vault: `connectAccountWithRedirect` sends the browser to the
   * provider's consent page; back on the page, the provider finishes the redirect and this element
   * shows the connected state. Shown only while a user is signed in.
   * ---
   *
   *
   * ### **Events:**
   *  - **auth0-account-connected** - The account was connected: `{connection, scopes}`.
   * - **auth0-error** - Connecting could not start (unknown connection, no session, …): `{error}`.
   *
   * ### **Slots:**
   *  - _default_ - The button label. Default: "Connect account".
   * - **connected** - Shown once the account is connected. Default: "Connected".
   * - **error** - Shown instead of the error message when connecting fails.
   *
   * ### **CSS Properties:**
   *  - **--auth0-connected-color** - Color of the connected note (default `inherit`). _(default: undefined)_
   * - **--auth0-connect-error-color** - Color of the error message (default `#b00020`). _(default: undefined)_
   * - **--auth0-button-background** - Button background (default `#635dff`). _(default: undefined)_
   * - **--auth0-button-color** - Label color (default `#fff`). _(default: undefined)_
   * - **--auth0-button-border** - Button border (default `none`). _(default: undefined)_
   * - **--auth0-button-radius** - Corner radius (default `0.375rem`). _(default: undefined)_
   * - **--auth0-button-padding** - Padding (default `0.5em 1em`). _(default: undefined)_
   * - **--auth0-button-font** - Font (default `inherit`). _(default: undefined)_
   * - **--auth0-focus-ring** - Focus outline (default `2px solid #635dff`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **button** - The `<button>`.
   * - **connected** - The connected note.
   * - **error** - The error message.
   */
  "auth0-connect-account": DefineComponent<Auth0ConnectAccountProps>;

  /**
   * Calls an API with the signed-in user's access token (`fetchWithAuth` of the provider's engine:
   * `Authorization: DPoP` and a fresh proof for DPoP-bound tokens, `Bearer` otherwise) and shows
   * the answer: a loading note, the data (JSON pretty-printed, as text), or the error. The token
   * never reaches the page: not in the DOM, attributes or events.
   *
   * Markup cannot turn it against the user: it sends a token only to the page's own origin and the
   * provider's `api-origins`, asks only for audiences and scopes configured on the provider, never
   * follows a redirect, and runs methods other than GET and HEAD only on a click or from script —
   * anything else is refused before a token is fetched, with a GenericError saying why (`origin_not_allowed`, …).
   * ---
   *
   *
   * ### **Events:**
   *  - **auth0-response** - The API answered (any status): `{status, data}`.
   * - **auth0-error** - Refused, no token, no answer, an error status or a body that is not JSON: `{error}`.
   *
   * ### **Methods:**
   *  - **refetch(): _Promise<void>_** - Sends the request again (any `trigger`); resolves when the answer is shown.
   *
   * ### **Slots:**
   *  - **button** - The label of the button shown with `trigger="click"`. Default: "Load".
   * - **loading** - Shown while the request runs. Default: "Loading…".
   * - **error** - Shown instead of the error message when the request fails.
   *
   * ### **CSS Properties:**
   *  - **--auth0-fetch-font** - Font of the data (default `0.875em ui-monospace, monospace`). _(default: undefined)_
   * - **--auth0-fetch-background** - Background of the data (default `transparent`). _(default: undefined)_
   * - **--auth0-fetch-padding** - Padding of the data (default `0`). _(default: undefined)_
   * - **--auth0-fetch-error-color** - Color of the error message (default `#b00020`). _(default: undefined)_
   * - **--auth0-button-background** - Button background (default `#635dff`). _(default: undefined)_
   * - **--auth0-button-color** - Button label color (default `#fff`). _(default: undefined)_
   * - **--auth0-button-border** - Button border (default `none`). _(default: undefined)_
   * - **--auth0-button-radius** - Corner radius (default `0.375rem`). _(default: undefined)_
   * - **--auth0-button-padding** - Padding (default `0.5em 1em`). _(default: undefined)_
   * - **--auth0-button-font** - Font (default `inherit`). _(default: undefined)_
   * - **--auth0-focus-ring** - Focus outline (default `2px solid #635dff`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **button** - The `<button>` (only with `trigger="click"`).
   * - **loading** - The loading note.
   * - **data** - The `<pre>` with the data.
   * - **error** - The error message.
   */
  "auth0-fetch": DefineComponent<Auth0FetchProps>;

  /**
   * Shows its children only when every condition set on it holds; hidden while no provider has
   * answered. With no condition at all, the children show as soon as the session is known.
   * `anonymous` counts the error state as signed out. `organization`, `claim` and `value` need a
   * signed-in user.
   * ---
   *
   *
   * ### **Slots:**
   *  - _default_ - The content to show when the conditions hold.
   */
  "auth0-if": DefineComponent<Auth0IfProps>;

  /**
   * A real `<button>` that starts a login with the provider's engine: a redirect to the tenant's
   * login page (default) or a popup. Hidden while the session loads and while a user is signed in,
   * unless `always` is set. With `email-first` it asks for the email address first: users whose email
   * domain the tenant federates to an enterprise connection (Enterprise Connect, `isFederatedDomain`)
   * go there with `login_hint`; the others log in as usual, with the email as `login_hint`.
   * ---
   *
   *
   * ### **Events:**
   *  - **auth0-login** - Cancelable, fired before the page leaves or the popup opens: `{mode}` (with `email-first` also `federated`).
   * - **auth0-error** - The login failed (popup closed, blocked, timed out, …): `{error}`.
   *
   * ### **Slots:**
   *  - _default_ - The label. Default: "Log in".
   *
   * ### **CSS Properties:**
   *  - **--auth0-button-background** - Button background (default `#635dff`). _(default: undefined)_
   * - **--auth0-button-color** - Label color (default `#fff`). _(default: undefined)_
   * - **--auth0-button-border** - Button border (default `none`). _(default: undefined)_
   * - **--auth0-button-radius** - Corner radius (default `0.375rem`). _(default: undefined)_
   * - **--auth0-button-padding** - Padding (default `0.5em 1em`). _(default: undefined)_
   * - **--auth0-button-font** - Font (default `inherit`). _(default: undefined)_
   * - **--auth0-focus-ring** - Focus outline (default `2px solid #635dff`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **button** - The `<button>`.
   * - **form** - With `email-first`: the form around the email field and the button.
   * - **email** - With `email-first`: the email `<input>`.
   */
  "auth0-login-button": DefineComponent<Auth0LoginButtonProps>;

  /**
   * A real `<button>` that logs the user out: it clears the local session and, unless `local-only`,
   * sends the browser to the tenant's logout endpoint. Shown only while a user is signed in.
   * ---
   *
   *
   * ### **Events:**
   *  - **auth0-error** - The logout failed: `{error}`.
   *
   * ### **Slots:**
   *  - _default_ - The label. Default: "Log out".
   *
   * ### **CSS Properties:**
   *  - **--auth0-button-background** - Button background (default `#635dff`). _(default: undefined)_
   * - **--auth0-button-color** - Label color (default `#fff`). _(default: undefined)_
   * - **--auth0-button-border** - Button border (default `none`). _(default: undefined)_
   * - **--auth0-button-radius** - Corner radius (default `0.375rem`). _(default: undefined)_
   * - **--auth0-button-padding** - Padding (default `0.5em 1em`). _(default: undefined)_
   * - **--auth0-button-font** - Font (default `inherit`). _(default: undefined)_
   * - **--auth0-focus-ring** - Focus outline (default `2px solid #635dff`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **button** - The `<button>`.
   */
  "auth0-logout-button": DefineComponent<Auth0LogoutButtonProps>;

  /**
   * Step-up authentication for an API that needs a second factor: when a token for `audience` is
   * refused with `mfa_required` — `start()`, or an `auth0-error` of the `<auth0-fetch>` named by
   * `for` — it lets the signed-in user pick an enrolled factor (authenticator app, email code,
   * recovery code), enter the code, and verifies it with `client.mfa`; the token is then in the
   * cache and the `for` element fetches again. The MFA token stays in this element's script: never
   * in an attribute, the DOM or an event. A wrong code shows the error and keeps the form; an
   * expired step-up offers to start again.
   * ---
   *
   *
   * ### **Events:**
   *  - **auth0-mfa-required** - The API needs a second factor: the form is shown. `{audience}`.
   * - **auth0-mfa-verified** - The code was accepted; the token is cached. `{audience}`.
   * - **auth0-error** - A step failed (wrong code `invalid_grant`, `expired_token`, `too_many_attempts`, `audience_not_allowed`, …): `{error}`.
   *
   * ### **Methods:**
   *  - **start(): _Promise<void>_** - Starts the step-up: asks for the token (`getTokenSilently` for `audience` and `scope`); when
   * the tenant refuses it with `mfa_required`, lists the user's factors and shows the form.
   * Resolves once the form (or the outcome) is shown.
   *
   * ### **Slots:**
   *  - _default_ - The heading above the form. Default: "Verify it's you".
   * - **submit** - The verify button's label. Default: "Verify".
   * - **restart** - The start-again button's label. Default: "Start again".
   * - **done** - Shown once verified. Default: "Verified".
   * - **sent** - Shown after an email code was sent. Default: "We sent a code to your email.".
   *
   * ### **CSS Properties:**
   *  - **--auth0-mfa-gap** - Space between the form's rows (default `0.5em`). _(default: undefined)_
   * - **--auth0-mfa-width** - The form's maximum width (default `20em`). _(default: undefined)_
   * - **--auth0-mfa-error-color** - Color of the error message (default `#b00020`). _(default: undefined)_
   * - **--auth0-mfa-done-color** - Color of the verified note (default `inherit`). _(default: undefined)_
   * - **--auth0-button-background** - Button background (default `#635dff`). _(default: undefined)_
   * - **--auth0-button-color** - Button label color (default `#fff`). _(default: undefined)_
   * - **--auth0-button-border** - Button border (default `none`). _(default: undefined)_
   * - **--auth0-button-radius** - Corner radius (default `0.375rem`). _(default: undefined)_
   * - **--auth0-button-padding** - Padding (default `0.5em 1em`). _(default: undefined)_
   * - **--auth0-button-font** - Font (default `inherit`). _(default: undefined)_
   * - **--auth0-focus-ring** - Focus outline (default `2px solid #635dff`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **form** - The `<form>`.
   * - **factor** - The `<select>` of enrolled factors (several only).
   * - **input** - The code `<input>`.
   * - **button** - The verify `<button>`.
   * - **restart** - The start-again `<button>`.
   * - **message** - The note after an email code was sent.
   * - **error** - The error message.
   * - **done** - The verified note.
   */
  "auth0-mfa-challenge": DefineComponent<Auth0MfaChallengeProps>;

  /**
   * Lists organizations as buttons; choosing one moves the session there, the way the SPA SDK
   * switches organizations: the local session is cleared (`logout({openUrl: false})`, the tenant's
   * session stays, so no password is asked again) and a login to the chosen organization starts
   * with `loginWithRedirect`. The organization the user is signed in to is marked
   * `aria-current="true"`. Each button's label is a slot named after its organization, e.g.
   * `<span slot="org_abc123">Acme Corporation</span>`; without one, the id or name itself shows.
   * Give the provider no `organization` of its own: it would win over the switched one on reload.
   * ---
   *
   *
   * ### **Events:**
   *  - **auth0-login** - Cancelable, fired before the local session is cleared and the page leaves: `{mode: 'redirect'}`.
   * - **auth0-error** - The switch failed: `{error}`.
   *
   * ### **Slots:**
   *  - **label** - The group's label. Default: "Organization". (Each option also renders a slot named after its organization, with the organization as its default label.)
   *
   * ### **CSS Properties:**
   *  - **--auth0-switcher-gap** - Space between the label and the options (default `0.5em`). _(default: undefined)_
   * - **--auth0-switcher-label-weight** - Font weight of the label (default `600`). _(default: undefined)_
   * - **--auth0-switcher-option-color** - Option text color (default `#635dff`). _(default: undefined)_
   * - **--auth0-switcher-option-background** - Option background (default `transparent`). _(default: undefined)_
   * - **--auth0-switcher-option-border** - Option border (default `1px solid currentColor`). _(default: undefined)_
   * - **--auth0-button-background** - Background of the current organization (default `#635dff`). _(default: undefined)_
   * - **--auth0-button-color** - Text color of the current organization (default `#fff`). _(default: undefined)_
   * - **--auth0-button-border** - Border of the current organization (default `none`). _(default: undefined)_
   * - **--auth0-button-radius** - Corner radius (default `0.375rem`). _(default: undefined)_
   * - **--auth0-button-padding** - Padding (default `0.5em 1em`). _(default: undefined)_
   * - **--auth0-button-font** - Font (default `inherit`). _(default: undefined)_
   * - **--auth0-focus-ring** - Focus outline (default `2px solid #635dff`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The group around the label and the list.
   * - **label** - The label.
   * - **list** - The `<ul>` of organizations.
   * - **item** - Each `<li>`.
   * - **option** - Each organization's `<button>`.
   * - **option-current** - The button of the organization the user is signed in to.
   */
  "auth0-organization-switcher": DefineComponent<Auth0OrganizationSwitcherProps>;

  /**
   * A real `<button>` that signs the visitor up or in with a passkey (WebAuthn) through the
   * provider's engine (`client.passkey.signup` / `login`, whose code loads on the first click): no
   * password, no page left. `mode="signup"` creates the user with the email of the `email`
   * attribute or of an `<input slot="email">`. Once the tenant has answered the session holds the
   * tokens, the provider turns `authenticated`, and the button hides (unless `always`), as while
   * the session loads.
   *
   * Without WebAuthn the button is hidden (unless `show-unsupported`) and the `fallback` slot shows.
   * Closing the browser's passkey prompt shows the `cancelled` state; a login for which the device
   * offers no passkey shows `no-credential` (and the fallback). Both, like every failure, are also
   * an `auth0-error` event; nothing is thrown. WebAuthn does not tell a page whether the device holds
   * a passkey for it (on purpose, against probing): the element calls it `no-credential` when this
   * browser has never made or used a passkey of this client (a flag in localStorage,
   * `auth0.<clientId>.passkey`), `cancelled` otherwise.
   * ---
   *
   *
   * ### **Events:**
   *  - **auth0-passkey-start** - Cancelable, fired on the click before the passkey prompt: `{mode}`.
   * - **auth0-passkey-complete** - The user is signed in (the provider's session follows): `{mode}`.
   * - **auth0-error** - `{error}`, with `error.code` (and `error.error`): `passkey_cancelled`, `passkey_no_credential`, `passkey_not_supported`, `email_required`, `passkey_exists` (signup on a device that has this user's passkey), or the engine's (`passkey_register_error`, `passkey_challenge_error`, the tenant's `invalid_grant`, …).
   *
   * ### **Slots:**
   *  - _default_ - The label. Default: "Log in with a passkey" / "Sign up with a passkey".
   * - **email** - With `mode="signup"` and no `email` attribute: the `<input type="email">` to read the address from (Enter starts the signup).
   * - **fallback** - Shown without WebAuthn and in the `no-credential` state: another way in (a password login button, a link).
   * - **cancelled** - The `cancelled` message. Default: "Cancelled: no passkey was used."
   * - **no-credential** - The `no-credential` message. Default: "No passkey for this site on this device."
   * - **unsupported** - With `show-unsupported`, the message without WebAuthn. Default: "This browser cannot use passkeys."
   *
   * ### **CSS Properties:**
   *  - **--auth0-button-background** - Button background (default `#635dff`). _(default: undefined)_
   * - **--auth0-button-color** - Label color (default `#fff`). _(default: undefined)_
   * - **--auth0-button-border** - Button border (default `none`). _(default: undefined)_
   * - **--auth0-button-radius** - Corner radius (default `0.375rem`). _(default: undefined)_
   * - **--auth0-button-padding** - Padding (default `0.5em 1em`). _(default: undefined)_
   * - **--auth0-button-font** - Font (default `inherit`). _(default: undefined)_
   * - **--auth0-focus-ring** - Focus outline (default `2px solid #635dff`). _(default: undefined)_
   * - **--auth0-passkey-gap** - Space between the email field, the button and the message (default `0.5em`). _(default: undefined)_
   * - **--auth0-passkey-message-color** - The message's color (default `#666`). _(default: undefined)_
   * - **--auth0-passkey-error-color** - The message's color in the `error` state (default `#b00020`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **button** - The `<button>`.
   * - **message** - The state's message (cancelled, no passkey, unsupported, the error's text).
   */
  "auth0-passkey-button": DefineComponent<Auth0PasskeyButtonProps>;

  /**
   * Creates the Auth0 engine from its attributes and shares the session with every element inside
   * it (through `auth0Context`). On load it finishes a login or connect redirect (and removes the
   * response parameters from the address bar), starts a login from an invitation link, or checks
   * for an existing session.
   *
   * It also decides what markup inside it may do with the session: `<auth0-fetch>` sends tokens only
   * to this page's origin and the `api-origins` listed here, and asks only for the audiences and
   * scopes configured here (`audience`, `scope`, an `{audience: scope}` map, `api-audiences`,
   * `api-scopes`). Providers of the same client on one page must all allow a request.
   * ---
   *
   *
   * ### **Events:**
   *  - **auth0-ready** - The first state after load is settled: `{status}`. Listening late? Await `ready`.
   * - **auth0-session-change** - The status or the user changed: `{status, user}`.
   * - **auth0-redirect-callback** - A login redirect finished on this page: `{appState}`; after connecting an account also `{connection, scopes}`.
   * - **auth0-error** - Configuration, callback or session check failed: `{error}`.
   *
   * ### **Slots:**
   *  - _default_ - The page content that uses the session.
   */
  "auth0-provider": DefineComponent<Auth0ProviderProps>;

  /**
   * The signed-in user: avatar, name and email, or one claim with `field`. Claims are rendered as
   * text only, never as HTML; the picture only from `https:` or `data:image/` URLs.
   * ---
   *
   *
   * ### **Slots:**
   *  - **anonymous** - Shown while nobody is signed in (anonymous or error state).
   *
   * ### **CSS Properties:**
   *  - **--auth0-avatar-size** - Width and height of the avatar (default `2.5em`). _(default: undefined)_
   * - **--auth0-avatar-radius** - Corner radius of the avatar (default `50%`). _(default: undefined)_
   * - **--auth0-user-gap** - Space between avatar and text (default `0.5em`). _(default: undefined)_
   * - **--auth0-user-name-weight** - Font weight of the name (default `600`). _(default: undefined)_
   * - **--auth0-user-email-color** - Color of the email (default `inherit`). _(default: undefined)_
   * - **--auth0-user-email-size** - Font size of the email (default `0.875em`). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **avatar** - The picture (`<img>`), only when the user has a safe one.
   * - **details** - The box around name and email.
   * - **name** - The user's name (falls back to nickname, then email).
   * - **email** - The user's email.
   * - **field** - The claim chosen with `field`.
   */
  "auth0-user": DefineComponent<Auth0UserProps>;
};

declare module "vue" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalComponents extends CustomElements {}
}

declare global {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends CustomElements {}
  }
}
