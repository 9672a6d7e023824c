import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type SupergraphSdlHook } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { SourceHealth } from '@hub/connector-kit';
import { ErrorCode } from '@hub/schema';
import {
  DEFAULT_QUERY_LIMITS,
  gatewaySecret,
  logger,
  type QueryLimits,
  REQUEST_ID_HEADER,
  type RunningServer,
  SIGNATURE_HEADER,
  signGatewayRequest,
  startGraphQLServer,
} from '@hub/subgraph-kit';
import { GraphQLError } from 'graphql';
import makeFetchHappen from 'make-fetch-happen';
import { deduplicateFetches } from './deduplicate';

export interface GatewayOptions {
  /** The composed supergraph (`pnpm supergraph` writes it). Static: no introspection of subgraphs at run time. */
  supergraphPath: string;
  port: number;
  host?: string;
  /** Subgraph URLs that differ from the ones composed into the supergraph, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /** What one operation may ask; DEFAULT_QUERY_LIMITS when not given. */
  limits?: QueryLimits;
  /** How long one subgraph fetch may take before its part of the answer is given up; 10 s by default. */
  subgraphTimeoutMs?: number;
  /** Redis for automatic persisted queries; in memory when not given. */
  redisUrl?: string;
  /**
   * Send identical subgraph fetches in flight at the same time once, for the same caller only, and share the
   * answer (`deduplicate.ts`); on by default.
   */
  deduplicateSubgraphFetches?: boolean;
}

interface GatewayContext {
  authorization?: string;
  requestId?: string;
}

/**
 * Signs every subgraph request (subgraphs answer the gateway only) and forwards the caller's bearer
 * token: every subgraph verifies it again.
 */
class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly secret = gatewaySecret();

  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    request.http?.headers.set(
      SIGNATURE_HEADER,
      signGatewayRequest(this.secret, request.query ?? '', request.variables),
    );
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

/** Subgraph names and URLs as composed into the supergraph (`@join__graph`), with overrides applied. */
export function subgraphsOf(
  supergraphSdl: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const graphs = [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)];
  return Object.fromEntries(graphs.map(([, name, url]) => [name!, overrides[name!] ?? url!]));
}

/** Each subgraph's own /health, within a short timeout: a subgraph that does not answer is down. */
async function probe(name: string, graphqlUrl: string): Promise<SourceHealth[]> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/health'), {
      signal: AbortSignal.timeout(2000),
    });
    const report = (await response.json()) as { sources: SourceHealth[] };
    return [{ source: `subgraph/${name}`, up: response.ok, latencyMs: latencyMs() }, ...report.sources];
  } catch (error) {
    return [
      { source: `subgraph/${name}`, up: false, latencyMs: latencyMs(), error: (error as Error).message },
    ];
  }
}

const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/**
 * Serve the supergraph file, and a new one as soon as it is written there: @apollo/gateway swaps its
 * schema and query planner between requests, so a deploy of a new supergraph drops none. A file that does
 * not compose is logged and ignored; the graph keeps the last good one.
 */
function watchSupergraph(file: string, initial: string): SupergraphSdlHook {
  return async ({ update }) => {
    let current = initial;
    const reload = () => {
      const next = readFileSync(file, 'utf8');
      if (next === current) return;
      try {
        update(next);
        current = next;
        logger.info({ service: 'gateway', file }, 'supergraph reloaded');
      } catch (error) {
        logger.error({ service: 'gateway', file, error: (error as Error).message }, 'supergraph refused');
      }
    };
    // Polling, not inotify: deploys replace the file (rename), which an inotify watch on it would miss.
    watchFile(file, { interval: 500 }, reload);
    return { supergraphSdl: initial, cleanup: async () => unwatchFile(file, reload) };
  };
}

/**
 * A subgraph that cannot be reached or does not answer in time fails as a source does: its part of the
 * answer is null, with an error naming it (`source: "subgraph/chru"`) and a code clients can rely on.
 */
function namedFailures(name: string, fetcher: Fetcher): Fetcher {
  return async (url, init) => {
    try {
      return await fetcher(url, init);
    } catch (error) {
      throw new GraphQLError(`Subgraph ${name} did not answer: ${(error as Error).message}`, {
        extensions: { code: ErrorCode.SOURCE_UNAVAILABLE, source: `subgraph/${name}` },
        originalError: error as Error,
      });
    }
  };
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  // @apollo/gateway reports anonymous usage to Apollo unless told not to: the hub sends nothing out.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const supergraphSdl = readFileSync(options.supergraphPath, 'utf8');
  const subgraphs = subgraphsOf(supergraphSdl, options.subgraphUrls);
  // Kept-alive connections to the subgraphs, as @apollo/gateway's own fetcher, plus a bound: a subgraph that
  // hangs costs its part of the answer (null with an error naming it), not the whole request.
  const kept = makeFetchHappen.defaults({
    maxSockets: Number.POSITIVE_INFINITY,
    retry: false,
    timeout: options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS,
  }) as unknown as Fetcher;
  const fetcher = options.deduplicateSubgraphFetches === false ? kept : deduplicateFetches(kept);
  const gateway = new ApolloGateway({
    supergraphSdl: watchSupergraph(options.supergraphPath, supergraphSdl),
    buildService: ({ name, url }) =>
      new HubDataSource({ url: subgraphs[name] ?? url, fetcher: namedFailures(name, fetcher) }),
  });
  return startGraphQLServer<GatewayContext>({
    name: 'gateway',
    port: options.port,
    host: options.host,
    gateway,
    limits: options.limits ?? DEFAULT_QUERY_LIMITS,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    context: (_caller, req) => ({ authorization: req.headers.authorization }),
    health: async () =>
      (await Promise.all(Object.entries(subgraphs).map(([name, url]) => probe(name, url)))).flat(),
  });
}
