import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { type RunningServer, startGraphQLServer } from '@hub/subgraph-kit';

export interface GatewayOptions {
  /** The composed supergraph (`pnpm supergraph` writes it). Static: no introspection of subgraphs at run time. */
  supergraphPath: string;
  port: number;
  host?: string;
  /** Subgraph URLs that differ from the ones composed into the supergraph, by subgraph name. */
  subgraphUrls?: Record<string, string>;
}

interface GatewayContext {
  authorization?: string;
}

/** Forwards the caller's bearer token: every subgraph verifies it again. */
class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({
    request,
    context,
  }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & {}>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  // @apollo/gateway reports anonymous usage to Apollo unless told not to: the hub sends nothing out.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(options.supergraphPath, 'utf8'),
    buildService: ({ name, url }) => new HubDataSource({ url: options.subgraphUrls?.[name] ?? url }),
  });
  return startGraphQLServer<GatewayContext>({
    name: 'gateway',
    port: options.port,
    host: options.host,
    gateway,
    context: (_caller, req) => ({ authorization: req.headers.authorization }),
  });
}
