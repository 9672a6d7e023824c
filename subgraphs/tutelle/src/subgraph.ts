import { defineTutelleTypes, TUTELLES, type Tutelle } from '@hub/schema';
import { buildFederatedSchema, createCache, type RunningServer, startGraphQLServer } from '@hub/service-kit';
import type { TutelleConnector } from '@hub/source-kit';
import type { GraphQLSchema } from 'graphql';
import { Registry } from 'prom-client';
import { createLoaders, type TutelleContext } from './loaders';
import { DEFAULT_REJECTED_ROWS_THRESHOLD, degradeAbove, logReadsOf } from './rejections';
import { defineTutelleResolvers } from './resolvers';
import { type ReadCacheOptions, sourceReads } from './source-reads';

/**
 * A tutelle's subgraph schema: the same shape for every tutelle. The connector is not part of it: the
 * resolvers reach it through each request's loaders.
 */
export async function buildTutelleSchema(tutelle: Tutelle): Promise<GraphQLSchema> {
  const types = defineTutelleTypes(tutelle);
  const { resolvers, referenceResolvers } = defineTutelleResolvers(tutelle);
  return buildFederatedSchema({
    resolvers: [...resolvers],
    orphanedTypes: Object.values(types),
    referenceResolvers,
  });
}

export interface TutelleSubgraphOptions<Connector extends TutelleConnector> {
  connector: Connector;
  port: number;
  host?: string;
  /** Records read kept this long, by key, in memory or Redis; off when not given. */
  readCache?: ReadCacheOptions | false;
  /** Share of a source's rows rejected above which it is degraded (`HUB_REJECTED_ROWS_THRESHOLD`); 1 % by default. */
  rejectedRowsThreshold?: number;
}

/** Serve a tutelle's subgraph over HTTP; /health reports its sources. */
export async function startTutelleSubgraph<Connector extends TutelleConnector>(
  options: TutelleSubgraphOptions<Connector>,
): Promise<RunningServer & { connector: Connector }> {
  const { connector } = options;
  const threshold = options.rejectedRowsThreshold ?? DEFAULT_REJECTED_ROWS_THRESHOLD;
  logReadsOf(connector);
  const schema = await buildTutelleSchema(connector.tutelle);
  const name = TUTELLES[connector.tutelle].subgraph;
  const metrics = new Registry();
  const store = options.readCache
    ? createCache({
        prefix: `hub:${name}:reads:`,
        ...(options.readCache.redisUrl ? { redisUrl: options.readCache.redisUrl } : {}),
      })
    : null;
  const reads = sourceReads(connector, {
    metrics,
    cache:
      store && options.readCache ? { cache: store.cache, ttlSeconds: options.readCache.ttlSeconds } : null,
  });
  const server = await startGraphQLServer<TutelleContext>({
    name,
    port: options.port,
    host: options.host,
    schema,
    requireGatewaySignature: true,
    metrics,
    context: (caller, _request, signal) => ({ caller, loaders: createLoaders(reads, connector, signal) }),
    health: async () => degradeAbove(await connector.health(), threshold),
  });
  return {
    ...server,
    connector,
    close: async () => {
      await server.close();
      await store?.close();
      await connector.close();
    },
  };
}
