import { expect, oneEvent } from '@open-wc/testing';
import { emit } from '../../../components/events.js';
import { MfaRequiredError, GenericError } from '../../../src/index.js';

describe('public events', () => {
  it('bubble out of shadow roots (composed) with their detail', async () => {
    const host = document.createElement('div');
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('span'));
    document.body.append(host);
    const heard = oneEvent(document.body, 'auth0-ready');
    emit(inner, 'auth0-ready', { status: 'anonymous' });
    expect((await heard).detail).to.deep.equal({ status: 'anonymous' });
    host.remove();
  });

  it('never carry the MFA token of an MfaRequiredError, while the original keeps it', async () => {
    const original = new MfaRequiredError('mfa_required', 'Multifactor authentication required', 'mfa-token-secret');
    const heard = oneEvent(document.body, 'auth0-error');
    emit(document.body, 'auth0-error', { error: original });
    const { error } = (await heard).detail;
    expect(error).to.be.instanceOf(MfaRequiredError);
    expect((error as MfaRequiredError).error).to.equal('mfa_required');
    expect(error.message).to.equal('Multifactor authentication required');
    expect('mfa_token' in error).to.equal(false);
    expect(JSON.stringify(error)).not.to.contain('mfa-token-secret');
    expect(original.mfa_token).to.equal('mfa-token-secret');
  });

  it('pass other errors through as they are', async () => {
    const original = new GenericError('login_required', 'Login required');
    const heard = oneEvent(document.body, 'auth0-error');
    emit(document.body, 'auth0-error', { error: original });
    expect((await heard).detail.error).to.equal(original);
  });
});
