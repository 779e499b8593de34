// WebAuthn in the test browser without a person or a security key: a virtual authenticator per
// test page, through the DevTools protocol's WebAuthn domain (the runner drives Chromium with
// puppeteer-core; the page's CDP session stays open while the page lives, since a detached
// session takes its authenticators with it). Server commands, from browser tests through
// @web/test-runner-commands' executeServerCommand (typed helpers: test/support/virtual-authenticator.ts):
//   webauthn-add-authenticator {options?}        → its id; default: a platform passkey provider
//                                                  (ctap2, internal, resident keys, user verification
//                                                  that succeeds, presence simulated)
//   webauthn-remove-authenticator {authenticatorId}
//   webauthn-set-user-verified {authenticatorId, isUserVerified}
//                                                → false: the next ceremonies fail user verification
//                                                  (NotAllowedError), as when the user cancels
//   webauthn-credentials {authenticatorId}       → the credentials it holds (id, rpId, signCount, …)
//   webauthn-add-credential {authenticatorId, credential}
//                                                → plants a credential (e.g. for another relying party)
//   webauthn-clear-credentials {authenticatorId}
// Pages must be served on a host name: WebAuthn refuses an IP address as relying-party id
// (web-test-runner.passkey.config.mjs serves on localhost).
// @see https://chromedevtools.github.io/devtools-protocol/tot/WebAuthn/

/** The default authenticator: what a phone's or laptop's passkey provider looks like to a site. */
export const PLATFORM_AUTHENTICATOR = Object.freeze({
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
});

export function virtualAuthenticatorPlugin() {
  /** @type {Map<string, Promise<import('puppeteer-core').CDPSession>>} test session id → its page's CDP session, WebAuthn enabled */
  const sessions = new Map();

  /**
   * The page's CDP session with the WebAuthn environment on. Enabled again on every command: a
   * CDP session detached elsewhere (the tenant plugin's `clear-cookies` opens and closes one)
   * switches the page's environment off, authenticators and all.
   */
  async function cdpOf(session) {
    let cdp = sessions.get(session.id);
    if (!cdp) {
      const page = session.browser.getPage(session.id);
      cdp = page.createCDPSession();
      page.once('close', () => sessions.delete(session.id));
      sessions.set(session.id, cdp);
    }
    const client = await cdp;
    await client.send('WebAuthn.enable', { enableUI: false }).catch(() => undefined); // already on
    return client;
  }

  return {
    name: 'virtual-authenticator',

    async executeCommand({ command, payload = {}, session }) {
      if (!command.startsWith('webauthn-')) return undefined; // not ours
      const cdp = await cdpOf(session);
      const { authenticatorId } = payload;
      switch (command) {
        case 'webauthn-add-authenticator': {
          const options = { ...PLATFORM_AUTHENTICATOR, ...payload.options };
          return (await cdp.send('WebAuthn.addVirtualAuthenticator', { options })).authenticatorId;
        }
        case 'webauthn-remove-authenticator':
          await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
          return true;
        case 'webauthn-set-user-verified':
          await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: Boolean(payload.isUserVerified) });
          return true;
        case 'webauthn-credentials':
          return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
        case 'webauthn-add-credential':
          await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: payload.credential });
          return true;
        case 'webauthn-clear-credentials':
          await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
          return true;
        default:
          throw new Error(`virtual-authenticator: unknown command ${command}`);
      }
    },
  };
}
