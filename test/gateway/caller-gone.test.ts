import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { startGateway } from '@hub/gateway';
import type { RunningServer } from '@hub/service-kit';
import { parse } from 'graphql';
import { postGraphQL } from '../src/harness';

/*
 * A client that hangs up stops the subgraph fetches of its request (gateway/src/caller-signal.ts): the
 * subgraph sees its own request closed, and its sources stop in turn. A fetch that another client still
 * waits for (deduplicated, merged) goes on. The subgraph holds `items` until the test releases it or its
 * request is closed, so what is seen is events, not times.
 */

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Item @key(fields: "id") { id: ID! }
  type Query { items(n: Int!): [Item!]! ping: String }`);

async function heldSubgraph() {
  const state = { arrivals: 0, closed: 0 };
  const release: Array<() => void> = [];
  const arrived: Array<() => void> = [];
  const closed: Array<() => void> = [];
  const server = new ApolloServer<{ res: ServerResponse }>({
    schema: buildSubgraphSchema([
      {
        typeDefs,
        resolvers: {
          Query: {
            ping: () => 'pong',
            items: async (_: unknown, { n }: { n: number }, { res }: { res: ServerResponse }) => {
              state.arrivals += 1;
              for (const resolve of arrived.splice(0)) resolve();
              await new Promise<void>((resolve) => {
                release.push(resolve);
                res.once('close', () => {
                  if (res.writableFinished) return;
                  state.closed += 1;
                  for (const notify of closed.splice(0)) notify();
                  resolve();
                });
              });
              return Array.from({ length: n }, (_, i) => ({ id: String(i) }));
            },
          },
        },
      },
    ]),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ res }) => ({ res }),
  });
  return {
    url,
    state,
    arrival: () => new Promise<void>((resolve) => arrived.push(resolve)),
    closing: () => new Promise<void>((resolve) => closed.push(resolve)),
    releaseAll: () => {
      for (const resolve of release.splice(0)) resolve();
    },
    close: () => server.stop(),
  };
}

const QUERY = 'query Items($n: Int!) { items(n: $n) { id } }';

function hangingUp(url: string, n: number) {
  const client = new AbortController();
  const answer = fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { n } }),
    signal: client.signal,
  }).catch((error: Error) => error.name);
  return { hangUp: () => client.abort(), answer };
}

describe('a client that hangs up', () => {
  let dir: string;
  let subgraph: Awaited<ReturnType<typeof heldSubgraph>>;
  let gateway: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-caller-gone-'));
    subgraph = await heldSubgraph();
    const composed = composeServices([{ name: 'shelf', url: subgraph.url, typeDefs }]);
    if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
    writeFileSync(path.join(dir, 'supergraph.graphql'), composed.supergraphSdl);
    gateway = await startGateway({
      supergraphPath: path.join(dir, 'supergraph.graphql'),
      port: 0,
      responseCache: false,
      // Far beyond the test's own timeout: only the hang-up can close the subgraph's request.
      subgraphTimeoutMs: 600_000,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    subgraph?.releaseAll();
    await subgraph?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('cancels its subgraph fetch: the subgraph sees its request closed', async () => {
    const arrival = subgraph.arrival();
    const client = hangingUp(gateway.url, 3);
    await arrival;
    const closing = subgraph.closing();
    client.hangUp();
    expect(await client.answer).toBe('AbortError');
    await closing;
    expect(subgraph.state.closed).toBe(1);
  });

  it('lets a fetch another client still waits for go on', async () => {
    const { closed, arrivals } = subgraph.state;
    const arrival = subgraph.arrival();
    const leaving = hangingUp(gateway.url, 4);
    const staying = postGraphQL(gateway.url, QUERY, { n: 4 });
    await arrival;
    leaving.hangUp();
    expect(await leaving.answer).toBe('AbortError');
    // A round trip after the hang-up: the gateway has seen that connection close by the time it answers.
    expect((await postGraphQL(gateway.url, '{ ping }')).data).toEqual({ ping: 'pong' });
    subgraph.releaseAll();
    const { data, errors } = await staying;
    expect(errors).toBeUndefined();
    expect((data as { items: unknown[] }).items).toHaveLength(4);
    expect(subgraph.state.closed).toBe(closed);
    // One fetch served both clients.
    expect(subgraph.state.arrivals).toBe(arrivals + 1);
  });
});
