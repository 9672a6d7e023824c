/*
 * Trying again, within bounds: exponential backoff with full jitter, so that clients failing together do
 * not come back together, and never past a deadline (a retry must not turn a timeout into a longer one).
 */

export interface Backoff {
  /** Bound on the first retry's wait; doubles with each retry. */
  baseMs: number;
  /** Bound on any retry's wait. */
  maxMs: number;
}

/** Full jitter: uniform in [0, min(maxMs, baseMs · 2^(retry−1))]. `retry` counts from 1. */
export function backoffDelay(retry: number, { baseMs, maxMs }: Backoff, random = Math.random): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** (retry - 1)));
}

export interface RetryPolicy extends Backoff {
  /** Attempts after the first. */
  retries: number;
  /** Whether a failure is worth another attempt (a transient one), or final. */
  transient: (error: unknown) => boolean;
  /** No attempt starts after this (Date.now() ms), nor a wait that would end after it. */
  deadline?: number;
}

/** `attempt` until it succeeds, a failure is not transient, the retries are spent or the deadline near. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      const wait = backoffDelay(n, policy);
      const late = policy.deadline !== undefined && Date.now() + wait >= policy.deadline;
      if (n > policy.retries || late || !policy.transient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
