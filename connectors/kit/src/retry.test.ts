import { withRetries } from './retry';

const transient = (error: unknown) => (error as Error).message === 'transient';
const policy = { retries: 2, baseMs: 1, maxMs: 5, transient };

describe('withRetries', () => {
  it('tries again on a transient failure, up to its bound', async () => {
    let calls = 0;
    const flaky = () => (++calls < 3 ? Promise.reject(new Error('transient')) : Promise.resolve('ok'));
    await expect(withRetries(flaky, policy)).resolves.toBe('ok');
    expect(calls).toBe(3);
    calls = -10;
    await expect(withRetries(flaky, policy)).rejects.toThrow('transient');
    expect(calls).toBe(-7);
  });

  it('gives up at once on a failure that is not transient', async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new Error('syntax error'));
    };
    await expect(withRetries(failing, policy)).rejects.toThrow('syntax error');
    expect(calls).toBe(1);
  });

  it('starts no attempt whose wait would end past the deadline', async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new Error('transient'));
    };
    const slow = { ...policy, baseMs: 10_000, maxMs: 10_000, deadline: Date.now() + 50 };
    await expect(withRetries(failing, { ...slow, retries: 5 })).rejects.toThrow('transient');
    expect(calls).toBeLessThanOrEqual(2);
  });

  it('waits the longer of its backoff and the wait a failure asks for', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const busy = Object.assign(new Error('transient'), { retryAfterMs: 1000 });
    const flaky = () => (++calls < 2 ? Promise.reject(busy) : Promise.resolve('ok'));
    const asked = {
      ...policy,
      waitAsked: (error: unknown) => (error as typeof busy).retryAfterMs,
      sleep: async (ms: number) => void sleeps.push(ms),
    };
    await expect(withRetries(flaky, asked)).resolves.toBe('ok');
    // The backoff (5 ms at most, timers a little late) has run first: the rest of the second is waited after it.
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(950);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
  });

  it('lets its caller go at once on abort, and starts no attempt after', async () => {
    const caller = new AbortController();
    let calls = 0;
    const failing = () => {
      calls += 1;
      caller.abort(new Error('caller gone'));
      return Promise.reject(new Error('transient'));
    };
    await expect(withRetries(failing, { ...policy, signal: caller.signal })).rejects.toThrow('caller gone');
    await expect(withRetries(failing, { ...policy, signal: caller.signal })).rejects.toThrow('caller gone');
    expect(calls).toBe(1);
  });
});
