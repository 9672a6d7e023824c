/* Waiting before trying again: what the source asks for (Retry-After), when longer than `withRetries`' backoff. */

/**
 * A Retry-After header (RFC 9110: delay in seconds, or an HTTP date) → ms from `now`; null when absent or
 * unreadable, so the caller falls back on its backoff.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (header == null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP date form names its month; without this, Date.parse would read '-1' as a year.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
