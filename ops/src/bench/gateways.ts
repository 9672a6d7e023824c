import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { type GatewayOptions, startGateway } from '@hub/gateway';
import { gatewaySecret, SIGNATURE_HEADER, signGatewayRequest } from '@hub/service-kit';
import { GATEWAY_NODE_ARGS } from '../gateway-heap';

/*
 * The gateways under test, all over the same supergraph file and the same subgraphs. The stock ones get one
 * addition, a header hook: they sign each subgraph request (the subgraphs answer the gateway only) and
 * forward the caller's bearer token, as the hub's gateway does. Nothing else is configured on them.
 */

export interface StartedGateway {
  url: string;
  close(): Promise<void>;
}

type Start = (supergraphPath: string) => Promise<StartedGateway>;

/**
 * The hub's gateway with every cache off: the options that switch off each cache it has, in this one place
 * (a cache the gateway gains gets its `false` here). Compute caches every gateway has (parsed documents,
 * query plans) stay on: they are no data cache, and the stock gateways keep theirs. So does the sharing of
 * identical subgraph fetches in flight for one caller (issue 20): nothing is kept, a fetch that starts once
 * the answer is in is sent again (the `hub-no-cache-no-dedup` ablation turns it off).
 */
export function cachesOff(): Partial<GatewayOptions> {
  return { responseCache: false };
}

const hub =
  (options: Partial<GatewayOptions>): Start =>
  async (supergraphPath) => {
    const gateway = await startGateway({ supergraphPath, port: 0, ...options });
    return { url: gateway.url, close: () => gateway.close() };
  };

/** @apollo/gateway in @apollo/server's standalone server, no plugin: the header hook only. */
const stockApollo: Start = async (supergraphPath) => {
  type Context = { authorization?: string };
  const secret = gatewaySecret();
  class SignedDataSource extends RemoteGraphQLDataSource<Context> {
    override willSendRequest({
      request,
      context,
    }: Parameters<NonNullable<RemoteGraphQLDataSource<Context>['willSendRequest']>>[0]) {
      request.http?.headers.set(
        SIGNATURE_HEADER,
        signGatewayRequest(secret, {
          query: request.query ?? '',
          variables: request.variables,
          authorization: context.authorization,
        }),
      );
      if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    }
  }
  const server = new ApolloServer<Context>({
    gateway: new ApolloGateway({
      supergraphSdl: readFileSync(supergraphPath, 'utf8'),
      buildService: ({ url }) => new SignedDataSource({ url }),
    }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url, close: () => server.stop() };
};

/** Hive Gateway's runtime over the supergraph file, its in-flight deduplication on (its default) or off. */
const hive =
  (deduplicateInflightRequests: boolean): Start =>
  async (supergraphPath) => {
    const { createGatewayRuntime } = await import('@graphql-hive/gateway');
    const secret = gatewaySecret();
    const gateway = createGatewayRuntime({
      supergraph: supergraphPath,
      logging: 'error',
      // Its own error unmasked: where it cannot serve the supergraph, the table says why.
      maskedErrors: false,
      landingPage: false,
      graphiql: false,
      transportEntries: { '*.http': { options: { deduplicateInflightRequests } } },
      propagateHeaders: {
        fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
      },
      plugins: () => [
        {
          onFetch({ options, setOptions }) {
            const { query, variables } = JSON.parse(String(options.body));
            const headers = new Headers(options.headers as HeadersInit);
            const authorization = headers.get('authorization') ?? undefined;
            headers.set(SIGNATURE_HEADER, signGatewayRequest(secret, { query, variables, authorization }));
            setOptions({ ...options, headers: Object.fromEntries(headers) });
          },
        },
      ],
    });
    const server = http.createServer(gateway);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      close: async () => {
        server.close();
        await gateway.dispose();
      },
    };
  };

export const GATEWAYS = {
  hub: { label: 'hub gateway, production', start: hub({}), nodeArgs: GATEWAY_NODE_ARGS },
  'hub-no-cache': {
    label: 'hub gateway, caches off',
    start: hub(cachesOff()),
    nodeArgs: GATEWAY_NODE_ARGS,
  },
  apollo: { label: 'stock @apollo/gateway', start: stockApollo, nodeArgs: [] },
  hive: { label: 'Hive Gateway, dedup', start: hive(true), nodeArgs: [] },
  'hive-no-dedup': { label: 'Hive Gateway, no dedup', start: hive(false), nodeArgs: [] },
  // Ablations, run on demand (`--gateways`): what one optimisation buys, the rest unchanged.
  'hub-no-cache-no-batch': {
    label: 'hub gateway, caches off, fetches not merged',
    start: hub({ ...cachesOff(), batchSubgraphFetches: false }),
    nodeArgs: GATEWAY_NODE_ARGS,
  },
  'hub-no-cache-no-dedup': {
    label: 'hub gateway, caches off, identical fetches sent apart',
    start: hub({ ...cachesOff(), deduplicateSubgraphFetches: false }),
    nodeArgs: GATEWAY_NODE_ARGS,
  },
  'hub-no-cache-no-pass-through': {
    label: 'hub gateway, caches off, single fetches shaped again',
    start: hub({ ...cachesOff(), passThroughSingleFetches: false }),
    nodeArgs: GATEWAY_NODE_ARGS,
  },
  'hub-no-cache-no-compiled-shaping': {
    label: "hub gateway, caches off, @apollo/gateway's own shaping",
    start: hub({ ...cachesOff(), compiledShaping: false }),
    nodeArgs: GATEWAY_NODE_ARGS,
  },
  'hub-no-cache-no-budget': {
    label: 'hub gateway, caches off, answers built without a budget',
    start: hub({ ...cachesOff(), answerBudget: false }),
    nodeArgs: GATEWAY_NODE_ARGS,
  },
  'hub-no-shortcut': {
    label: 'hub gateway, production, hits through the pipeline',
    start: hub({ responseCache: { ttlSeconds: 30, shortcut: false } }),
    nodeArgs: GATEWAY_NODE_ARGS,
  },
  'hub-default-heap': {
    label: "hub gateway, production, Node's default heap",
    start: hub({}),
    nodeArgs: [],
  },
} satisfies Record<string, { label: string; start: Start; nodeArgs: string[] }>;

export type GatewayKind = keyof typeof GATEWAYS;
/** The gateways of a run unless told otherwise: the hub's two configurations and the stock ones. */
export const GATEWAY_KINDS: GatewayKind[] = ['hub', 'hub-no-cache', 'apollo', 'hive', 'hive-no-dedup'];
export const ALL_GATEWAY_KINDS = Object.keys(GATEWAYS) as GatewayKind[];
