import type { Fetcher } from '@apollo/utils.fetcher';
import { ErrorCode } from '@hub/schema';
import { traced, traceHeaders } from '@hub/service-kit';
import { withRetries } from '@hub/source-kit';
import { trace } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { Counter, Histogram, type Registry } from 'prom-client';
import { mayBeMutation } from './mutation-body';

/*
 * How the gateway reaches a subgraph: kept-alive connections, each fetch bounded in time, a query tried
 * again when the subgraph could not be reached or answered 5xx (a replica restarting), never a mutation,
 * and never past the fetch's time. What still fails (5xx included) costs that subgraph's part of the
 * answer, with an error naming it, not the request.
 */

export interface SubgraphFetchOptions {
  /** Time for one subgraph fetch, its retries included. */
  timeoutMs: number;
  /** Attempts after the first, for queries. */
  retries: number;
}

export const DEFAULT_SUBGRAPH_FETCH: SubgraphFetchOptions = { timeoutMs: 10_000, retries: 2 };

const BACKOFF = { baseMs: 50, maxMs: 500 };

/** A 5xx answer, as an error to try again on. */
class ServerError extends Error {}

/** A refused or reset connection, or a 5xx: another attempt may meet a live replica. A timeout is final. */
function transient(error: unknown): boolean {
  if (error instanceof ServerError) return true;
  const code = (error as { code?: string }).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED';
}

/** The gateway's view of each subgraph: fetch latency, and fetches that failed or were retried. */
export function subgraphFetchMetrics(registry: Registry) {
  return {
    duration: new Histogram({
      name: 'hub_subgraph_fetch_duration_seconds',
      help: 'Time of one subgraph fetch as the gateway sees it, retries included, by subgraph and outcome.',
      labelNames: ['subgraph', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    retries: new Counter({
      name: 'hub_subgraph_fetch_retries_total',
      help: 'Subgraph fetches tried again (refused connection, reset, 5xx), by subgraph.',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
  };
}
export type SubgraphFetchMetrics = ReturnType<typeof subgraphFetchMetrics>;

/** The fetcher of subgraph `name`: timeouts, bounded retries for queries, failures named after it. */
export function subgraphFetcher(
  name: string,
  options: SubgraphFetchOptions,
  metrics: SubgraphFetchMetrics,
  /** How each attempt is sent: pooled connections (`pooled-fetcher.ts`), deduplicated or not. */
  base: Fetcher,
  /** Headers a retry sends anew: a signature is taken once by the subgraph, so a retry is signed again. */
  resign: (init: NonNullable<Parameters<Fetcher>[1]>) => Record<string, string> = () => ({}),
): Fetcher {
  return async (url, init) => {
    const stop = metrics.duration.startTimer({ subgraph: name });
    const deadline = Date.now() + options.timeoutMs;
    const retries = mayBeMutation(init?.body) ? 0 : options.retries;
    let attempts = 0;
    const attempt = async () => {
      attempts += 1;
      const timeout = Math.max(1, deadline - Date.now());
      // The trace goes on in the subgraph: W3C `traceparent` of this fetch's span.
      const headers = { ...init?.headers, ...traceHeaders(), ...(attempts > 1 && init ? resign(init) : {}) };
      const response = await base(url, { ...init, headers, timeout } as typeof init);
      if (response.status < 500) return response;
      await response.text(); // read whole: its connection is free for the next attempt
      throw new ServerError(`HTTP ${response.status}`);
    };
    try {
      const response = await traced(`subgraph ${name}`, { 'hub.subgraph': name }, async () => {
        try {
          return await withRetries(attempt, { ...BACKOFF, retries, transient, deadline });
        } finally {
          if (attempts > 1) trace.getActiveSpan()?.setAttribute('hub.attempts', attempts);
          if (attempts > 1) metrics.retries.inc({ subgraph: name }, attempts - 1);
        }
      });
      stop({ outcome: 'ok' });
      return response;
    } catch (error) {
      stop({ outcome: 'unavailable' });
      throw new GraphQLError(`Subgraph ${name} did not answer: ${(error as Error).message}`, {
        extensions: { code: ErrorCode.SOURCE_UNAVAILABLE, source: `subgraph/${name}` },
        originalError: error as Error,
      });
    }
  };
}
