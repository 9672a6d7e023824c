/*
 * Client-side pacing: request starts spaced evenly, reserved in call order so concurrent callers share the
 * budget. Spacing rather than a token bucket: a bucket of `rate` tokens lets up to twice `rate` requests
 * through in one sliding second, which is exactly what a sliding-window limit refuses.
 */

/**
 * Slack per second of starts. The source counts arrivals, not starts: the first request also opens the
 * connection and arrives late, so starts spaced exactly 1/rate apart let an 11th arrival into its second.
 */
const JITTER_ALLOWANCE_MS = 50;

/** A gate to pass before each request; it resolves with the ms the caller was held back. */
export function createPacer(perSecond: number, sleep: (ms: number) => Promise<void>): () => Promise<number> {
  if (!(perSecond > 0)) throw new RangeError(`maxRequestsPerSecond must be positive, got ${perSecond}`);
  const intervalMs = (1000 + JITTER_ALLOWANCE_MS) / perSecond;
  let nextStart = 0;
  return async () => {
    const now = performance.now();
    const start = Math.max(now, nextStart);
    nextStart = start + intervalMs;
    const wait = start - now;
    if (wait > 0) await sleep(wait);
    return wait;
  };
}
