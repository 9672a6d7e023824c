import { setTimeout as wait } from 'node:timers/promises';
import { backOff } from 'exponential-backoff';

/*
 * Trying again, within bounds: exponential backoff with full jitter (the `exponential-backoff` package), so
 * that clients failing together do not come back together; never past a deadline (a retry must not turn a
 * timeout into a longer one), never once the caller has gone, and never sooner than the source asked.
 * Every retry loop of the hub (SQL sources, HTTP sources, the gateway's subgraph fetches) is this one.
 */

export interface Backoff {
  /** Bound on the first retry's wait; doubles with each retry. */
  baseMs: number;
  /** Bound on any retry's wait. */
  maxMs: number;
}

/** Full jitter draws the wait before retry n (from 1) uniformly under this bound. */
function backoffBound(retry: number, { baseMs, maxMs }: Backoff): number {
  return Math.min(maxMs, baseMs * 2 ** (retry - 1));
}

export interface RetryPolicy extends Backoff {
  /** Attempts after the first. */
  retries: number;
  /** Whether a failure is worth another attempt (a transient one), or final. */
  transient: (error: unknown) => boolean;
  /** No attempt starts after this (Date.now() ms), nor a wait that could end after it. */
  deadline?: number;
  /** The caller gone: no wait goes on, no attempt starts; `withRetries` rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * The wait a failure itself asks for, in ms (HTTP Retry-After), if any: the next attempt waits the longer
   * of it and the backoff.
   */
  waitAsked?: (error: unknown) => number | undefined;
  /** How the part of an asked wait beyond the backoff is waited (tests record it); a timer cut by `signal` by default. */
  sleep?: (ms: number) => Promise<void>;
}

/** `attempt` until it succeeds, a failure is not transient, the retries are spent, the deadline near or the caller gone. */
export function withRetries<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const { signal, deadline } = policy;
  const sleep = policy.sleep ?? ((ms: number) => wait(ms, undefined, { signal }));
  let n = 0;
  /** What the last failure asked: no attempt before this (Date.now() ms). */
  let notBefore = 0;
  const tried = backOff(
    async () => {
      // The backoff has been waited; what the source asked beyond it is waited here: max(backoff, asked).
      const asked = notBefore - Date.now();
      if (asked > 0) await sleep(asked);
      signal?.throwIfAborted();
      n += 1;
      return attempt(n);
    },
    {
      numOfAttempts: policy.retries + 1,
      startingDelay: policy.baseMs,
      maxDelay: policy.maxMs,
      timeMultiple: 2,
      jitter: 'full',
      retry: (error, failures) => {
        if (signal?.aborted || !policy.transient(error)) return false;
        const asked = policy.waitAsked?.(error) ?? 0;
        notBefore = Date.now() + asked;
        // The backoff is drawn where this cannot see it: its bound stands for it.
        const wait = Math.max(asked, backoffBound(failures, policy));
        return deadline === undefined || Date.now() + wait < deadline;
      },
    },
  );
  if (!signal) return tried;
  // The library's waits cannot be cut short: the caller is let go at once, and no attempt follows.
  return new Promise<T>((resolve, reject) => {
    const gone = () => reject(signal.reason);
    if (signal.aborted) gone();
    signal.addEventListener('abort', gone, { once: true });
    tried.then(resolve, reject).finally(() => signal.removeEventListener('abort', gone));
  });
}
