import { setTimeout as wait } from 'node:timers/promises';
import { backOff } from 'exponential-backoff';

/*
 * Trying again, within bounds: the attempts counted and tried again by the `exponential-backoff` package, each
 * wait an exponential backoff with full jitter, so that clients failing together do not come back together; never past a deadline (a retry must not turn a
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
  /** No attempt starts after this (Date.now() ms), nor a wait that would end after it. */
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
  /** The backoff drawn for the next attempt, in ms. */
  let backoff = 0;
  /** What the last failure asked: no attempt before this (Date.now() ms). */
  let notBefore = 0;
  const tried = backOff(
    async () => {
      // The library's own wait is a timer that neither an abort can clear nor `retry` can see the length of:
      // it is set to nothing, and the backoff drawn in `retry` is waited here, on a timer the signal clears.
      if (backoff > 0) await wait(backoff, undefined, { signal });
      // What the source asked beyond the backoff: max(backoff, asked) in all.
      const asked = notBefore - Date.now();
      if (asked > 0) await sleep(asked);
      signal?.throwIfAborted();
      n += 1;
      return attempt(n);
    },
    {
      numOfAttempts: policy.retries + 1,
      startingDelay: 0,
      retry: (error, failures) => {
        if (signal?.aborted || !policy.transient(error)) return false;
        const asked = policy.waitAsked?.(error) ?? 0;
        notBefore = Date.now() + asked;
        backoff = Math.random() * backoffBound(failures, policy); // full jitter
        // The wait itself, not its bound, against the deadline: a short draw still leaves time to try again.
        return deadline === undefined || Date.now() + Math.max(asked, backoff) < deadline;
      },
    },
  );
  if (!signal) return tried;
  // An attempt that does not stop at once on abort is let go of at once: no attempt follows it.
  return new Promise<T>((resolve, reject) => {
    const gone = () => reject(signal.reason);
    if (signal.aborted) gone();
    signal.addEventListener('abort', gone, { once: true });
    tried.then(resolve, reject).finally(() => signal.removeEventListener('abort', gone));
  });
}
