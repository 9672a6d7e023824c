import { setTimeout as wait } from 'node:timers/promises';
import {
  type Backoff,
  type ReadOptions,
  SourceContractError,
  SourceError,
  SourceUnavailableError,
  withRetries,
} from '@hub/source-kit';
import { createPacer } from './pacing';
import { parseRetryAfter } from './retry';

export interface HttpJsonClientOptions {
  /** Named in every error: 'CHRU/gmao'. */
  source: string;
  /** Where the API lives, path prefix included: 'https://gmao.example.fr/gmao'. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer {token}`; never written into an error. */
  token: string;
  /** Bound on each attempt, the answer's body included. Default 10 s. */
  timeoutMs?: number;
  /** Attempts per call, the first included. Default 5. */
  maxAttempts?: number;
  /** Request starts per second, at most: the source's own limit (default 10), so few requests meet a 429. */
  maxRequestsPerSecond?: number;
  /** Before retrying a 503, 502, 504, timeout or lost connection. Default 200 ms doubling up to 5 s. */
  backoff?: Backoff;
  /** A 429 asking for a longer wait (default 60 s) gives up at once: the answer degrades, not hangs. */
  maxRetryAfterMs?: number;
  /** Pacing and Retry-After waits go through it, so that tests need not wait real seconds. */
  sleep?: (ms: number) => Promise<void>;
}

/** Counters since the client was made, for benchmarks and tests. */
export interface HttpStats {
  /** Attempts sent, retries included. */
  requests: number;
  retries: number;
  status429: number;
  status503: number;
  timeouts: number;
  /** Spent waiting before retries: Retry-After and backoff. */
  retryWaitMs: number;
  /** Spent held back by the client's own pacing. */
  pacingWaitMs: number;
}

export type Query = Record<string, string | number | undefined>;

export interface HttpJsonClient {
  readonly source: string;
  readonly stats: Readonly<HttpStats>;
  /**
   * GET `path` (below the base URL) as JSON. `null` on 404, for the caller to read as an unknown id. Throws
   * a SourceError naming the source and the attempts made: SourceContractError when retrying cannot help
   * (token refused, request refused, body not JSON), SourceUnavailableError when the source did not answer.
   * An aborted `signal` aborts the request in flight, retries no more, and rejects with its reason.
   */
  getJson<T>(path: string, query?: Query, options?: ReadOptions): Promise<T | null>;
}

type Retry = { kind: 'retry'; reason: string; cause: unknown; retryAfterMs?: number };

/** One attempt's outcome: an answer, a failure worth retrying, or a final failure. */
type Outcome =
  | { kind: 'answer'; value: unknown }
  | Retry
  | {
      kind: 'fail';
      error: typeof SourceContractError | typeof SourceUnavailableError;
      reason: string;
      cause: unknown;
    };

const RETRIED_STATUSES = new Set([502, 503, 504]);
const EXCERPT_LENGTH = 200;

export function createHttpJsonClient(options: HttpJsonClientOptions): HttpJsonClient {
  const {
    source,
    token,
    timeoutMs = 10_000,
    maxAttempts = 5,
    maxRequestsPerSecond = 10,
    backoff = { baseMs: 200, maxMs: 5_000 },
    maxRetryAfterMs = 60_000,
    sleep,
  } = options;
  const base = options.baseUrl.replace(/\/+$/, '');
  const stats: HttpStats = {
    requests: 0,
    retries: 0,
    status429: 0,
    status503: 0,
    timeouts: 0,
    retryWaitMs: 0,
    pacingWaitMs: 0,
  };
  const pace = createPacer(maxRequestsPerSecond, sleep ?? ((ms) => wait(ms)));

  async function attempt(url: URL, caller?: AbortSignal): Promise<Outcome> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: caller ? AbortSignal.any([caller, timeout]) : timeout,
      });
      // Read every body, even one we discard: it frees the connection for the next attempt.
      return classify(response, await response.text());
    } catch (error) {
      if (caller?.aborted) throw caller.reason;
      if (timeout.aborted) {
        stats.timeouts += 1;
        return { kind: 'retry', reason: `no answer within ${timeoutMs} ms`, cause: error };
      }
      // undici says only 'fetch failed'; the reason (ECONNREFUSED, ECONNRESET…) is in its cause.
      const detail = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
      return { kind: 'retry', reason: `unreachable (${detail ?? (error as Error).message})`, cause: error };
    }
  }

  function classify(response: Response, body: string): Outcome {
    const { status } = response;
    const cause = new Error(`HTTP ${status} ${response.statusText}: ${excerpt(body)}`);
    if (status >= 200 && status < 300) {
      try {
        return { kind: 'answer', value: JSON.parse(body) };
      } catch (error) {
        return {
          kind: 'fail',
          error: SourceContractError,
          reason: `answered ${status} with a body that is not JSON: ${excerpt(body)}`,
          cause: error,
        };
      }
    }
    if (status === 404) return { kind: 'answer', value: null };
    if (status === 401 || status === 403)
      return { kind: 'fail', error: SourceContractError, reason: `token refused (HTTP ${status})`, cause };
    if (status === 429) {
      stats.status429 += 1;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? undefined;
      return { kind: 'retry', reason: 'rate limited (HTTP 429)', cause, retryAfterMs };
    }
    if (RETRIED_STATUSES.has(status)) {
      if (status === 503) stats.status503 += 1;
      // A 503 may say when the source expects to be back (RFC 9110 §10.2.3).
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? undefined;
      return { kind: 'retry', reason: `HTTP ${status}`, cause, retryAfterMs };
    }
    // A request the source refuses will be refused again; a server error it did not mark as passing
    // (500) is the source failing, not our request being wrong.
    const error = status >= 500 ? SourceUnavailableError : SourceContractError;
    return { kind: 'fail', error, reason: `HTTP ${status}: ${excerpt(body)}`, cause };
  }

  async function getJson<T>(
    path: string,
    query: Query = {},
    { signal }: ReadOptions = {},
  ): Promise<T | null> {
    const url = new URL(base + path);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const fail = (Kind: typeof SourceError, reason: string, attempts: number, cause: unknown) => {
      const made = `${attempts} attempt${attempts > 1 ? 's' : ''}`;
      return new Kind(`${source}: GET ${url.pathname}${url.search}: ${reason} (${made})`, source, { cause });
    };

    let attempts = 0;
    let failedAt = 0;
    try {
      return await withRetries(
        async () => {
          attempts += 1;
          if (attempts > 1) {
            stats.retries += 1;
            stats.retryWaitMs += Date.now() - failedAt;
          }
          stats.pacingWaitMs += await pace();
          stats.requests += 1;
          const outcome = await attempt(url, signal);
          if (outcome.kind === 'answer') return outcome.value as T | null;
          if (outcome.kind === 'fail') throw fail(outcome.error, outcome.reason, attempts, outcome.cause);
          const { retryAfterMs } = outcome;
          if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
            const asked = `Retry-After ${Math.ceil(retryAfterMs / 1000)} s`;
            const reason = `${outcome.reason}, ${asked}, beyond the ${maxRetryAfterMs / 1000} s we wait`;
            throw fail(SourceUnavailableError, reason, attempts, outcome.cause);
          }
          failedAt = Date.now();
          throw new Retried(outcome);
        },
        {
          ...backoff,
          retries: maxAttempts - 1,
          transient: (error) => error instanceof Retried,
          waitAsked: (error) => (error as Retried).outcome.retryAfterMs,
          sleep,
          signal,
        },
      );
    } catch (error) {
      if (!(error instanceof Retried)) throw error;
      throw fail(SourceUnavailableError, error.outcome.reason, attempts, error.outcome.cause);
    }
  }

  return { source, stats, getJson };
}

/** A failure worth another attempt, as `withRetries` sees it. */
class Retried extends Error {
  constructor(readonly outcome: Retry) {
    super(outcome.reason);
  }
}

/** The start of a body, on one line: enough to recognise an error page, short enough for a log. */
function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH)}…` : line || '(empty body)';
}
