// The local tenant's data: who can log in, which applications and APIs exist, which organizations.
// Everything the demo and the tests rely on is read from here; change it to shape your own tenant.

/** @typedef {{ username: string, password: string, sub: string, name: string, nickname: string,
 *   email: string, email_verified: boolean, picture: string, updated_at: string,
 *   organizations: string[] }} UserConfig */
/** @typedef {{ clientId: string, name: string, type: 'spa', mrrt: string[], refreshTokenReuseInterval?: number }} SpaClientConfig */
/** @typedef {{ name: string, scopes: string[] }} ConnectionConfig */
/** @typedef {{ clientId: string, clientSecret: string, name: string, type: 'confidential' }} ConfidentialClientConfig */
/** An API's identifier is its `audience`; one without a scheme is relative to the tenant (`me/`).
 * @typedef {{ identifier: string, name: string, scopes: string[], accessTokenTTL: number }} ApiConfig */
/** @typedef {{ id: string, name: string, display_name: string }} OrganizationConfig */

export default {
  /** @type {Record<string, SpaClientConfig | ConfidentialClientConfig>} */
  clients: {
    spa: {
      clientId: 'demo-spa-client',
      name: 'Auth0 Elements demo',
      type: 'spa',
      // Audiences a refresh token of this client may be used for besides the one it was issued for
      // (Auth0's multi-resource refresh token policy).
      mrrt: ['https://api.example.com', 'https://analytics.example.com', 'me/', 'https://secure.example.com'],
      // Refresh-token rotation's reuse interval in seconds (Auth0's `refresh_token.leeway`, whose
      // default is 0): how long the token just rotated out may be exchanged once more, for a client
      // that lost the answer. 0: any reuse revokes the family.
      refreshTokenReuseInterval: 0,
    },
    confidential: {
      clientId: 'demo-api-server',
      clientSecret: 'demo-api-server-secret-do-not-use-in-production',
      name: 'Demo API (server side)',
      type: 'confidential',
    },
  },

  /** @type {Record<string, ApiConfig>} */
  apis: {
    default: {
      identifier: 'https://api.example.com',
      name: 'Demo API',
      scopes: ['read:messages', 'write:messages', 'read:products', 'read:orders', 'read:calendar'],
      accessTokenTTL: 3600,
    },
    analytics: {
      identifier: 'https://analytics.example.com',
      name: 'Analytics API',
      scopes: ['read:analytics', 'write:analytics'],
      accessTokenTTL: 3600,
    },
    admin: {
      identifier: 'https://admin.example.com',
      name: 'Admin API',
      scopes: ['read:admin', 'write:admin', 'delete:admin'],
      accessTokenTTL: 3600,
    },
    // An API whose tokens need a second factor (the `mfa` policy below): a step-up.
    secure: {
      identifier: 'https://secure.example.com',
      name: 'Secure API (step-up)',
      scopes: ['read:secrets'],
      accessTokenTTL: 600,
    },
    // Auth0's My Account API (connected accounts, factors and authentication methods), served by the tenant itself.
    myAccount: {
      identifier: 'me/',
      name: 'My Account API',
      scopes: ['create:me:connected_accounts', 'read:me:connected_accounts', 'delete:me:connected_accounts',
        'read:me:factors', 'read:me:authentication_methods', 'create:me:authentication_methods',
        'update:me:authentication_methods', 'delete:me:authentication_methods'],
      accessTokenTTL: 600,
    },
  },

  // Upstream identity providers whose tokens Token Vault keeps (stand-ins served by the tenant).
  /** @type {Record<string, ConnectionConfig>} */
  connections: {
    'google-oauth2': {
      name: 'Google (stand-in)',
      scopes: ['openid', 'profile', 'email', 'https://www.googleapis.com/auth/calendar.readonly'],
    },
  },

  /** @type {Record<string, OrganizationConfig>} */
  organizations: {
    acme: { id: 'org_acme0000000001', name: 'acme', display_name: 'Acme Corporation' },
    globex: { id: 'org_globex00000001', name: 'globex', display_name: 'Globex Inc.' },
  },

  /** @type {Record<string, UserConfig>} */
  users: {
    alice: {
      username: 'alice',
      password: 'alice-password',
      sub: 'auth0|alice',
      name: 'Alice Example',
      nickname: 'alice',
      email: 'alice@example.com',
      email_verified: true,
      // Inline pictures: the demo and the tests run with no internet.
      picture: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'%3E%3Ccircle cx='32' cy='32' r='32' fill='%23635dff'/%3E%3Ctext x='32' y='42' font-family='sans-serif' font-size='28' text-anchor='middle' fill='white'%3EA%3C/text%3E%3C/svg%3E",
      updated_at: '2025-01-01T00:00:00.000Z',
      organizations: ['acme', 'globex'],
    },
    bob: {
      username: 'bob',
      password: 'bob-password',
      sub: 'auth0|bob',
      name: 'Bob Example',
      nickname: 'bob',
      email: 'bob@example.com',
      email_verified: false,
      picture: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'%3E%3Ccircle cx='32' cy='32' r='32' fill='%230a7c66'/%3E%3Ctext x='32' y='42' font-family='sans-serif' font-size='28' text-anchor='middle' fill='white'%3EB%3C/text%3E%3C/svg%3E",
      updated_at: '2025-01-02T00:00:00.000Z',
      organizations: ['acme'],
    },
    // For cross-site scripting tests: every rendered claim must stay text.
    mallory: {
      username: 'mallory',
      password: 'mallory-password',
      sub: 'auth0|mallory',
      name: '<img src=x onerror=alert(1)>',
      nickname: '<script>alert(1)</script>',
      email: 'mallory@example.com',
      email_verified: true,
      picture: 'javascript:alert(1)',
      updated_at: '2025-01-03T00:00:00.000Z',
      organizations: [],
    },
    // MFA (see `mfa` below): carol has an authenticator app, an email factor and a recovery code;
    // dave must enroll a factor at his first step-up.
    carol: {
      username: 'carol',
      password: 'carol-password',
      sub: 'auth0|carol',
      name: 'Carol Example',
      nickname: 'carol',
      email: 'carol@example.com',
      email_verified: true,
      picture: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'%3E%3Ccircle cx='32' cy='32' r='32' fill='%23b3261e'/%3E%3Ctext x='32' y='42' font-family='sans-serif' font-size='28' text-anchor='middle' fill='white'%3EC%3C/text%3E%3C/svg%3E",
      updated_at: '2025-01-04T00:00:00.000Z',
      organizations: [],
    },
    dave: {
      username: 'dave',
      password: 'dave-password',
      sub: 'auth0|dave',
      name: 'Dave Example',
      nickname: 'dave',
      email: 'dave@example.com',
      email_verified: true,
      picture: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'%3E%3Ccircle cx='32' cy='32' r='32' fill='%237a5900'/%3E%3Ctext x='32' y='42' font-family='sans-serif' font-size='28' text-anchor='middle' fill='white'%3ED%3C/text%3E%3C/svg%3E",
      updated_at: '2025-01-05T00:00:00.000Z',
      organizations: [],
    },
  },

  // Multi-factor authentication (demo/tenant/mfa.js): the users with a policy must pass a second
  // factor for the listed APIs (a refresh for one answers `403 mfa_required`); the others (alice,
  // bob, mallory) have no MFA. The secrets are demo values: anyone reading this file has them.
  mfa: {
    apis: ['https://secure.example.com'],
    /** The factors a user without any may enroll (`mfa_requirements.enroll`). */
    enroll: ['otp', 'email'],
    /** Failed verifications before `too_many_attempts` (Auth0: 10). */
    maxAttempts: 10,
    users: {
      carol: {
        authenticators: [
          { id: 'totp|dev_carol0000totp', type: 'otp', name: 'Authenticator app', secret: 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD' },
          { id: 'email|dev_carol000email', type: 'email', name: 'carol@example.com' },
          { id: 'recovery-code|dev_carol00000rc', type: 'recovery-code', code: 'CAROLRECOVERYCODE0000001' },
        ],
      },
      dave: { authenticators: [] },
    },
  },
};
