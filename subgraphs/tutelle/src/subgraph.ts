import type { TutelleConnector } from '@hub/connector-kit';
import { defineTutelleTypes, TUTELLES, type Tutelle } from '@hub/schema';
import { buildFederatedSchema, type RunningServer, startGraphQLServer } from '@hub/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { createLoaders, type TutelleContext } from './loaders';
import { defineTutelleResolvers } from './resolvers';

/**
 * A tutelle's subgraph schema: the same shape for every tutelle. The connector is not part of it: the
 * resolvers reach it through each request's loaders.
 */
export async function buildTutelleSchema(tutelle: Tutelle): Promise<GraphQLSchema> {
  const types = defineTutelleTypes(tutelle);
  const { resolvers, referenceResolvers } = defineTutelleResolvers(tutelle);
  return buildFederatedSchema({
    resolvers: [...resolvers],
    orphanedTypes: [types.InventoryRecord, types.StaffMember, types.Expense, types.CostCentre],
    referenceResolvers,
  });
}

export interface TutelleSubgraphOptions<Connector extends TutelleConnector> {
  connector: Connector;
  port: number;
  host?: string;
}

/** Serve a tutelle's subgraph over HTTP; /health reports its sources. */
export async function startTutelleSubgraph<Connector extends TutelleConnector>(
  options: TutelleSubgraphOptions<Connector>,
): Promise<RunningServer & { connector: Connector }> {
  const { connector } = options;
  const schema = await buildTutelleSchema(connector.tutelle);
  const server = await startGraphQLServer<TutelleContext>({
    name: TUTELLES[connector.tutelle].subgraph,
    port: options.port,
    host: options.host,
    schema,
    requireGatewaySignature: true,
    context: (caller) => ({ caller, loaders: createLoaders(connector) }),
    health: () => connector.health(),
  });
  return {
    ...server,
    connector,
    close: async () => {
      await server.close();
      await connector.close();
    },
  };
}
