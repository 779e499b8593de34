import { expect } from '@open-wc/testing';
import { TimeoutError } from '../../../src/index.js';
import { tokenLockName, withLock } from '../../../src/lock.js';
import { failure, sleep } from './helpers.js';

describe('withLock (Web Locks, one flight per client)', () => {
  it('runs tasks for one name one at a time, in order', async () => {
    const name = `test-lock-${Math.random()}`;
    const log: string[] = [];
    const task = (id: string, ms: number) => () =>
      (async () => {
        log.push(`start ${id}`);
        await sleep(ms);
        log.push(`end ${id}`);
        return id;
      })();
    const results = await Promise.all([withLock(name, 5000, task('a', 80)), withLock(name, 5000, task('b', 10)), withLock(name, 5000, task('c', 10))]);
    expect(results).to.deep.equal(['a', 'b', 'c']);
    expect(log).to.deep.equal(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a lock that cannot be had in time → TimeoutError (timeout), and the task never runs', async () => {
    const name = `test-lock-${Math.random()}`;
    let release!: () => void;
    const held = navigator.locks.request(name, () => new Promise<void>((resolve) => (release = resolve)));
    let ran = false;
    const started = Date.now();
    const error = await failure(withLock(name, 300, async () => void (ran = true)));
    expect(error).to.be.instanceOf(TimeoutError);
    expect(error.error).to.equal('timeout');
    expect(Date.now() - started).to.be.within(250, 3000);
    expect(ran).to.equal(false);
    release();
    await held;
    // Not left queued behind: the lock is free again.
    expect(await withLock(name, 300, async () => 'free')).to.equal('free');
  });

  it('is released when the task throws', async () => {
    const name = `test-lock-${Math.random()}`;
    const error = await failure(withLock(name, 1000, async () => Promise.reject(new Error('boom'))));
    expect(error.message).to.equal('boom');
    const state = await navigator.locks.query();
    expect([...(state.held ?? []), ...(state.pending ?? [])].some((lock) => lock.name === name)).to.equal(false);
    expect(await withLock(name, 300, async () => 'again')).to.equal('again');
  });

  it('names one lock per client', () => {
    expect(tokenLockName('abc')).to.equal('auth0.lock.getTokenSilently.abc');
    expect(tokenLockName('abc')).to.not.equal(tokenLockName('abd'));
  });
});
