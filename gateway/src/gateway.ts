import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { ApolloGateway, type SupergraphSdlHook } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import {
  type AnswerShortcut,
  DEFAULT_QUERY_LIMITS,
  gatewaySecret,
  logger,
  type QueryLimits,
  type RunningServer,
  SIGNATURE_HEADER,
  serviceSettings,
  signGatewayRequest,
  startGraphQLServer,
} from '@hub/service-kit';
import type { SourceHealth } from '@hub/source-kit';
import { Registry } from 'prom-client';
import { type AnswerBudgetOptions, DEFAULT_ANSWER_BUDGET, useAnswerBudget } from './answer-budget';
import { useCompiledShaping } from './compiled-shaping-install';
import { type GatewayContext, HubDataSource } from './data-source';
import { useFetchDeduplication } from './deduplicate';
import { useEntityErrorPaths } from './entity-error-paths';
import type { GatewayPlugin } from './plugin';
import { pooledFetcher } from './pooled-fetcher';
import { useResponseCache } from './response-cache';
import { SingleFetchGateway } from './single-fetch';
import { DEFAULT_SUBGRAPH_FETCH, subgraphFetcher, subgraphFetchMetrics } from './subgraph-fetch';
import { type WebAppOptions, webApp } from './web-app';

export interface GatewayOptions {
  /** The composed supergraph (`pnpm supergraph` writes it). Static: no introspection of subgraphs at run time. */
  supergraphPath: string;
  port: number;
  host?: string;
  /** Subgraph URLs that differ from the ones composed into the supergraph, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /**
   * Subgraphs composed into the supergraph that this site does not run (a tutelle it has not configured):
   * not probed by /health. No plan reaches them, since the site hands out no reference to their types.
   */
  absentSubgraphs?: readonly string[];
  /** Origins whose browser applications may call the graph (`HUB_CORS_ORIGINS`); none by default. */
  corsOrigins?: readonly string[];
  /** What one operation may ask; DEFAULT_QUERY_LIMITS when not given. */
  limits?: QueryLimits;
  /** How long one subgraph fetch may take, retries included, before its part of the answer is given up; 10 s by default. */
  subgraphTimeoutMs?: number;
  /** Attempts after the first for a subgraph query that could not connect or got a 5xx; 2 by default. */
  subgraphRetries?: number;
  /** Redis for automatic persisted queries and the response cache; in memory when not given. */
  redisUrl?: string;
  /**
   * Answers to queries kept this long, by operation, variables and caller's scope; `false`: off. 30 s by
   * default. `shortcut: false`: every hit goes through Apollo Server's pipeline (an ablation of the bench).
   */
  responseCache?: { ttlSeconds: number; shortcut?: boolean } | false;
  /**
   * Send identical subgraph fetches in flight at the same time once, for the same caller only, and share the
   * answer (`deduplicate.ts`, and among fetches merged into one request: `data-source.ts`); on by default,
   * with the response cache on or off (nothing is kept).
   */
  deduplicateSubgraphFetches?: boolean;
  /**
   * Merge the fetches to one subgraph that start together for one caller (one request's parallel fetches,
   * and its concurrent requests' with the same authorization) into one subgraph request
   * (`batch-fetches.ts`); on by default. Nothing is shared: each fetch is its own part of the request.
   */
  batchSubgraphFetches?: boolean;
  /**
   * Answer a query whose plan is one fetch of the client's own operation with that subgraph's answer, not
   * shaped again (`single-fetch.ts`); on by default.
   */
  passThroughSingleFetches?: boolean;
  /**
   * Shape answers by steps compiled once per operation rather than @apollo/gateway's generic walk
   * (`compiled-shaping.ts`); on by default, live only on the versions it was written for and once its
   * start-up self-test passed (/health says). Process-wide: the last gateway started decides.
   */
  compiledShaping?: boolean;
  /**
   * Place each error of an `_entities` fetch on the entity it belongs to (`entity-error-paths.ts`, through
   * the hub's patch of @apollo/gateway); on by default, /health says whether it is live. Process-wide.
   */
  entityErrorPaths?: boolean;
  /**
   * The values of the answers that may be in the making at once (`answer-budget.ts`): executions wait beyond
   * it. `DEFAULT_ANSWER_BUDGET` when not given; false: no bound.
   */
  answerBudget?: Pick<AnswerBudgetOptions, 'maxValuesInFlight'> | false;
  /** The site's interface at `/` (gateway/web, built), its persisted documents and its sign-in; none when not given. */
  web?: WebAppOptions;
}

/** Subgraph names and URLs as composed into the supergraph (`@join__graph`), with overrides applied. */
export function subgraphsOf(
  supergraphSdl: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const graphs = [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)];
  return Object.fromEntries(graphs.map(([, name, url]) => [name!, overrides[name!] ?? url!]));
}

/**
 * Each subgraph's own /health, within a short timeout: a subgraph that does not answer is down. Shared: every
 * gateway replica reaches the subgraph through the same Service, so its outage keeps the gateway ready (a
 * degraded graph, partial answers naming the source) rather than taking every gateway replica out of rotation.
 */
async function probe(name: string, graphqlUrl: string, token: string | undefined): Promise<SourceHealth[]> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    // The subgraph shows its sources to the operators' token only (in production).
    const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/health'), {
      signal: AbortSignal.timeout(2000),
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
    const report = (await response.json()) as { status: string; sources?: SourceHealth[] };
    const sources = report.sources ?? [
      // Details withheld (no HUB_METRICS_TOKEN here): its state still counts.
      { source: `${name}/sources`, up: report.status === 'ok', latencyMs: 0 },
    ];
    return [{ source: `subgraph/${name}`, up: response.ok, latencyMs: latencyMs() }, ...sources].map(
      (source) => ({ ...source, shared: true }),
    );
  } catch (error) {
    return [
      {
        source: `subgraph/${name}`,
        up: false,
        latencyMs: latencyMs(),
        error: (error as Error).message,
        shared: true,
      },
    ];
  }
}

/**
 * Serve the supergraph file, and a new one as soon as it is written there: @apollo/gateway swaps its
 * schema and query planner between requests, so a deploy of a new supergraph drops none. A file that does
 * not compose, is missing or cannot be read is logged and reported on /health (`gateway/supergraph`); the
 * graph keeps the last good one.
 */
function watchSupergraph(file: string, initial: string) {
  const state: { problem: string | null } = { problem: null };
  const report = (problem: string | null, message: string) => {
    if (problem === state.problem) return;
    state.problem = problem;
    if (problem) logger.error({ service: 'gateway', file, error: problem }, message);
    else logger.info({ service: 'gateway', file }, message);
  };
  const hook: SupergraphSdlHook = async ({ update }) => {
    let current = initial;
    const reload = () => {
      let next: string;
      try {
        next = readFileSync(file, 'utf8');
      } catch (error) {
        return report((error as Error).message, 'supergraph unreadable: the current one is kept');
      }
      if (next === current) return report(null, 'supergraph readable again');
      try {
        update(next);
        current = next;
        report(null, 'supergraph reloaded');
      } catch (error) {
        report((error as Error).message, 'supergraph refused: the current one is kept');
      }
    };
    // Polling, not inotify: deploys replace the file (rename), which an inotify watch on it would miss.
    watchFile(file, { interval: 500 }, reload);
    return { supergraphSdl: initial, cleanup: async () => unwatchFile(file, reload) };
  };
  const health = (): SourceHealth => ({
    source: 'gateway/supergraph',
    up: state.problem === null,
    latencyMs: 0,
    ...(state.problem ? { error: state.problem } : {}),
  });
  return { hook, health };
}

const DEFAULT_RESPONSE_CACHE = { ttlSeconds: 30 };

/** The one plugin's answer shortcut (the response cache's), when there is one. */
function withShortcut(plugins: readonly GatewayPlugin[]): { shortcut?: AnswerShortcut } {
  const shortcuts = plugins.flatMap((plugin) => (plugin.shortcut ? [plugin.shortcut] : []));
  if (shortcuts.length > 1)
    throw new Error('Only one gateway plugin may answer requests before the pipeline');
  return shortcuts[0] ? { shortcut: shortcuts[0] } : {};
}

/** A retry's own signature: the subgraph took the first attempt's nonce. */
function resignRetry(init: NonNullable<Parameters<Fetcher>[1]>): Record<string, string> {
  const { query, variables } = JSON.parse(String(init.body)) as { query: string; variables?: unknown };
  const authorization = (init.headers as Record<string, string> | undefined)?.authorization;
  return { [SIGNATURE_HEADER]: signGatewayRequest(gatewaySecret(), { query, variables, authorization }) };
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  // @apollo/gateway reports anonymous usage to Apollo unless told not to: the hub sends nothing out.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const { metricsToken } = serviceSettings();
  const supergraphSdl = readFileSync(options.supergraphPath, 'utf8');
  const subgraphs = subgraphsOf(supergraphSdl, options.subgraphUrls);
  const present = Object.entries(subgraphs).filter(([name]) => !options.absentSubgraphs?.includes(name));
  const metrics = new Registry();
  const fetchMetrics = subgraphFetchMetrics(metrics);
  const fetch = {
    timeoutMs: options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_FETCH.timeoutMs,
    retries: options.subgraphRetries ?? DEFAULT_SUBGRAPH_FETCH.retries,
  };
  const supergraph = watchSupergraph(options.supergraphPath, supergraphSdl);
  const responseCache = options.responseCache ?? DEFAULT_RESPONSE_CACHE;
  // The gateway's extensions, one shape each (plugin.ts), in the order their hooks nest.
  const plugins: GatewayPlugin[] = [
    // Identical fetches in flight together sent once, per caller.
    ...(options.deduplicateSubgraphFetches === false ? [] : [useFetchDeduplication()]),
    // Answers shaped by compiled steps rather than @apollo/gateway's generic walk (compiled-shaping.ts).
    useCompiledShaping(options.compiledShaping !== false),
    // Errors of `_entities` fetches on the entities they belong to (a patch of @apollo/gateway).
    useEntityErrorPaths(options.entityErrorPaths !== false),
    // Big answers built a few at a time, so that many at once cannot exhaust the heap.
    ...(options.answerBudget === false
      ? []
      : [useAnswerBudget({ ...(options.answerBudget ?? DEFAULT_ANSWER_BUDGET), metrics })]),
    ...(responseCache
      ? [
          useResponseCache({
            ...responseCache,
            metrics,
            ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
          }),
        ]
      : []),
  ];
  // Kept-alive pooled connections, under the plugins' fetchers.
  const base = plugins.reduce(
    (next, plugin) => plugin.fetcher?.(next) ?? next,
    pooledFetcher({ timeoutMs: fetch.timeoutMs }),
  );
  const gateway = new (options.passThroughSingleFetches === false ? ApolloGateway : SingleFetchGateway)({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) =>
      new HubDataSource({
        url: subgraphs[name] ?? url,
        fetcher: subgraphFetcher(name, fetch, fetchMetrics, base, resignRetry),
        batch: options.batchSubgraphFetches !== false,
        share: options.deduplicateSubgraphFetches !== false,
      }),
  });
  const web = options.web ? webApp(options.web) : null;
  const server = await startGraphQLServer<GatewayContext>({
    name: 'gateway',
    port: options.port,
    host: options.host,
    gateway,
    limits: options.limits ?? DEFAULT_QUERY_LIMITS,
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    metrics,
    plugins: plugins.flatMap((plugin) => (plugin.apollo ? [plugin.apollo] : [])),
    ...withShortcut(plugins),
    ...(web ? { routes: web.routes, knownOperations: web.knownOperations } : {}),
    context: (caller, req) => ({ caller, authorization: req.headers.authorization }),
    health: async () => [
      supergraph.health(),
      ...plugins.flatMap((plugin) => (plugin.health ? [plugin.health()] : [])),
      ...(await Promise.all(present.map(([name, url]) => probe(name, url, metricsToken)))).flat(),
    ],
  });
  return {
    ...server,
    close: async () => {
      await server.close();
      for (const plugin of plugins) await plugin.close?.();
    },
  };
}
