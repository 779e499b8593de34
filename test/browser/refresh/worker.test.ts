import { expect } from '@open-wc/testing';
import { tenant } from '../../support/tenant.js';
import { WorkerVault } from '../../../src/refresh/worker-client.js';
import { facts, failure } from './helpers.js';

const form = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token&client_id=x' };

describe('the refresh-token worker', () => {
  beforeEach(() => tenant.control('resetRequests'));

  it('sends only to the tenant’s exact /oauth/token: no other host, path, query or fragment', async () => {
    const { domain } = await facts();
    const vault = new WorkerVault(domain);
    const slot = { audience: 'default', scope: 'openid' };
    for (const url of [
      'https://attacker.example/oauth/token',
      `${domain}/oauth/token/`,
      `${domain}/oauth/tokens`,
      `${domain}/oauth/token?steal=1`,
      `${domain}/oauth/token#x`,
      `${domain}/oauth/revoke`,
      `${domain}/userinfo`,
      `${domain.replace('127.0.0.1', 'localhost')}/oauth/token`,
    ]) {
      const error = await failure(vault.transport(slot, slot)(url, form, 2000));
      expect(error.error, url).to.equal('invalid_fetch_url');
    }
    expect(await tenant.control('requests'), 'nothing reached the tenant').to.deep.equal([]);
  });

  it('answers missing_refresh_token for a slot it holds nothing for, without a request', async () => {
    const { domain } = await facts();
    const vault = new WorkerVault(domain);
    const slot = { audience: 'default', scope: 'openid offline_access' };
    expect(await vault.find('default', 'openid offline_access', true)).to.equal(undefined);
    const response = await vault.transport(slot, slot)(`${domain}/oauth/token`, form, 2000);
    expect(response.ok).to.equal(false);
    expect(response.body.error).to.equal('missing_refresh_token');
    expect(await tenant.control('tokenRequests')).to.deep.equal([]);
  });

  it('passes a request without a refresh token through to the tenant and returns its answer', async () => {
    const { domain, clientId } = await facts();
    const vault = new WorkerVault(domain);
    const to = { audience: 'default', scope: 'openid offline_access' };
    const body = `grant_type=refresh_token&client_id=${clientId}&refresh_token=not-a-real-one`;
    const response = await vault.transport(to)(`${domain}/oauth/token`, { ...form, body }, 5000);
    expect(response.status).to.equal(400);
    expect(response.body.error).to.equal('invalid_grant');
    expect(await tenant.control('tokenRequests')).to.have.length(1);
    expect(await vault.find('default', 'openid offline_access', true), 'nothing kept from an error').to.equal(undefined);
  });

  it('maps a dropped connection and a hang to the errors fetch would give', async () => {
    const { domain, clientId } = await facts();
    const vault = new WorkerVault(domain);
    const to = { audience: 'default', scope: 'openid' };
    const body = `grant_type=refresh_token&client_id=${clientId}&refresh_token=x`;
    await tenant.control('fault', 'token', 'network', 3);
    expect((await failure(vault.transport(to)(`${domain}/oauth/token`, { ...form, body }, 5000))).error).to.equal('network_error');
    await tenant.control('clearFaults');
    await tenant.control('fault', 'token', 'hang');
    expect((await failure(vault.transport(to)(`${domain}/oauth/token`, { ...form, body }, 500))).error).to.equal('timeout');
    await tenant.control('clearFaults');
  });
});
