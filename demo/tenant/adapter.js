// oidc-provider storage for one tenant, in memory. Each tenant gets its own store (the library's
// bundled memory adapter is one process-wide LRU), so tests can run several tenants and wipe one.

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * @returns {{ Adapter: new (model: string) => object, forget: (...models: string[]) => void }}
 */
export function createMemoryStore() {
  /** @type {Map<string, {payload: any, expiresAt: number}>} */
  const items = new Map();
  /** @type {Map<string, Set<string>>} grantId → keys of the tokens issued under it */
  const byGrant = new Map();
  /** @type {Map<string, string>} session uid → key */
  const byUid = new Map();
  /** @type {Map<string, string>} user code → key */
  const byUserCode = new Map();

  function read(key) {
    const item = items.get(key);
    if (!item) return undefined;
    if (item.expiresAt <= Date.now()) {
      items.delete(key);
      return undefined;
    }
    return item.payload;
  }

  class Adapter {
    /** @param {string} model */
    constructor(model) {
      this.model = model;
    }

    key(id) {
      return `${this.model}:${id}`;
    }

    async upsert(id, payload, expiresIn) {
      const key = this.key(id);
      items.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
      if (GRANTABLE.has(this.model) && payload.grantId) {
        if (!byGrant.has(payload.grantId)) byGrant.set(payload.grantId, new Set());
        byGrant.get(payload.grantId).add(key);
      }
      if (payload.uid) byUid.set(payload.uid, key);
      if (payload.userCode) byUserCode.set(payload.userCode, key);
    }

    async find(id) {
      return read(this.key(id));
    }

    async findByUid(uid) {
      const key = byUid.get(uid);
      return key ? read(key) : undefined;
    }

    async findByUserCode(userCode) {
      const key = byUserCode.get(userCode);
      return key ? read(key) : undefined;
    }

    async consume(id) {
      const payload = read(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id) {
      items.delete(this.key(id));
    }

    async revokeByGrantId(grantId) {
      for (const key of byGrant.get(grantId) ?? []) items.delete(key);
      byGrant.delete(grantId);
    }
  }

  return {
    Adapter,
    /**
     * The live items of `model` issued under a grant, as stored (the payload objects themselves).
     * @returns {{ id: string, payload: any }[]}
     */
    grantItems(grantId, model) {
      const prefix = `${model}:`;
      return [...(byGrant.get(grantId) ?? [])].filter((key) => key.startsWith(prefix) && read(key))
        .map((key) => ({ id: key.slice(prefix.length), payload: read(key) }));
    },
    /** Drops every stored item of these models (e.g. 'Session', 'Grant'). */
    forget(...models) {
      for (const key of [...items.keys()]) {
        if (models.includes(key.slice(0, key.indexOf(':')))) items.delete(key);
      }
    },
  };
}
