// Users, organizations, memberships and invitations: the tenant's own data, read from the config
// and changed only by the tenant itself (accepted invitations) or by test switches.
import { randomBytes } from 'node:crypto';

/** @typedef {import('./tenant.config.js').UserConfig} UserConfig */
/** @typedef {import('./tenant.config.js').OrganizationConfig & { key: string }} Organization */

export class Directory {
  /** @type {Map<string, Set<string>>} sub → organization keys (config plus accepted invitations) */
  #memberships = new Map();

  /** @type {Map<string, {org: string, email: string, usedBy?: {sub: string, request: string}}>} */
  #invitations = new Map();

  /** @type {Map<string, UserConfig>} sub → users who signed up here (passkey signup), not in the config */
  #signedUp = new Map();

  /** @param {typeof import('./tenant.config.js').default} config */
  constructor(config) {
    this.config = config;
    for (const user of Object.values(config.users)) this.#memberships.set(user.sub, new Set(user.organizations));
  }

  /** @returns {UserConfig | undefined} */
  userBySub(sub) {
    return Object.values(this.config.users).find((user) => user.sub === sub) ?? this.#signedUp.get(sub);
  }

  /** Every user: the config's, then those who signed up. */
  #all() {
    return [...Object.values(this.config.users), ...this.#signedUp.values()];
  }

  /**
   * A new user (passkey signup). Their login names must be free.
   * @param {UserConfig} user
   */
  addUser(user) {
    if ([user.username, user.email].some((login) => login && this.userByLogin(login))) throw new RangeError('the user already exists');
    this.#signedUp.set(user.sub, user);
    this.#memberships.set(user.sub, new Set(user.organizations));
  }

  /** Forgets the users who signed up (the config's stay). */
  forgetSignedUp() {
    for (const sub of this.#signedUp.keys()) this.#memberships.delete(sub);
    this.#signedUp.clear();
  }

  /** @returns {UserConfig | undefined} the user with this username or email */
  userByLogin(login) {
    return this.#all().find((u) => u.username === login || u.email === login);
  }

  /** By username or email, with the right password; else undefined (passkey users have none). */
  authenticate(login, password) {
    const user = this.userByLogin(login);
    return user?.password && user.password === password ? user : undefined;
  }

  /**
   * An organization by id (`org_…`) or name (names compare case-insensitively, as Auth0's do).
   * @returns {Organization | undefined}
   */
  organization(idOrName) {
    if (typeof idOrName !== 'string' || !idOrName) return undefined;
    const wanted = idOrName.toLowerCase();
    for (const [key, org] of Object.entries(this.config.organizations)) {
      if (org.id === idOrName || org.name.toLowerCase() === wanted) return { key, ...org };
    }
    return undefined;
  }

  isMember(sub, orgKey) {
    return this.#memberships.get(sub)?.has(orgKey) ?? false;
  }

  /** @returns {string} the invitation ticket id */
  createInvitation(orgKey, email) {
    if (!this.config.organizations[orgKey]) throw new TypeError(`createInvitation: unknown organization ${JSON.stringify(orgKey)}`);
    const ticket = randomBytes(12).toString('base64url');
    this.#invitations.set(ticket, { org: orgKey, email: String(email).toLowerCase() });
    return ticket;
  }

  /**
   * Accepts an invitation for this user and authorization request: makes the user a member.
   * An invitation works once; the same request may present it again (after a login prompt).
   * @param {string} ticket
   * @param {Organization} org the organization the request names
   * @param {UserConfig} user
   * @param {string} request identifies the authorization request (its nonce or state)
   * @returns {string | undefined} why it was refused, or undefined when accepted
   */
  acceptInvitation(ticket, org, user, request) {
    const invitation = this.#invitations.get(ticket);
    if (!invitation) return 'the invitation is not valid';
    if (invitation.org !== org.key) return 'the invitation is for another organization';
    if (invitation.usedBy) {
      const again = invitation.usedBy.sub === user.sub && invitation.usedBy.request === request;
      return again ? undefined : 'the invitation has already been used';
    }
    if (invitation.email !== user.email.toLowerCase()) return 'the invitation was sent to another email address';
    invitation.usedBy = { sub: user.sub, request };
    this.#memberships.get(user.sub)?.add(org.key);
    return undefined;
  }
}
