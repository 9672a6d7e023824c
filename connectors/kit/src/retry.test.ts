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

  it('tries again near the deadline when the wait it drew ends before it, though its bound would not', async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new Error('transient'));
    };
    // Bound 10 s, 200 ms left: a draw of 1 % (100 ms) fits, and is waited.
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.01);
    try {
      const near = { ...policy, baseMs: 10_000, maxMs: 10_000, retries: 1, deadline: Date.now() + 200 };
      await expect(withRetries(failing, near)).rejects.toThrow('transient');
    } finally {
      random.mockRestore();
    }
    expect(calls).toBe(2);
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

  it('clears its backoff timer when the caller goes during it', async () => {
    const caller = new AbortController();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new Error('transient'));
    };
    const minute = { ...policy, baseMs: 60_000, maxMs: 60_000, signal: caller.signal };
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const retried = withRetries(failing, minute);
      // Past the library's own turn (a 0 ms timer): the 30 s backoff is being waited, the one timer more.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(timers()).toBe(before + 1);
      caller.abort(new Error('caller gone'));
      await expect(retried).rejects.toThrow('caller gone');
    } finally {
      random.mockRestore();
    }
    await new Promise(setImmediate);
    expect(timers()).toBe(before);
    expect(calls).toBe(1);
  });
});
