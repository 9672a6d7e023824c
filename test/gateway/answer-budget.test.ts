import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
 * The answer budget (gateway/src/answer-budget.ts): big answers are built a few at a time. A subgraph whose
 * list waits for the test's word holds each execution open, so what runs at once is seen, not timed.
 */

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Item @key(fields: "id") { id: ID! label: String }
  type Query { items(n: Int!): [Item!]! }`);

/** A subgraph whose `items` are answered when the test releases them; it counts those it holds. */
async function heldSubgraph() {
  const state = { held: 0, most: 0, hold: false, calls: 0 };
  const waiting: Array<() => void> = [];
  const arrivals: Array<(held: number) => void> = [];
  const server = new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs,
        resolvers: {
          Query: {
            items: async (_: unknown, { n }: { n: number }) => {
              state.calls += 1;
              state.held += 1;
              state.most = Math.max(state.most, state.held);
              for (const arrived of arrivals.splice(0)) arrived(state.held);
              if (state.hold) await new Promise<void>((resolve) => waiting.push(resolve));
              state.held -= 1;
              return Array.from({ length: n }, (_, i) => ({ id: String(i), label: `item ${i}` }));
            },
          },
        },
      },
    ]),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return {
    url,
    state,
    /** Resolves with the number held once the next execution reaches the subgraph. */
    arrival: () => new Promise<number>((resolve) => arrivals.push(resolve)),
    release: () => waiting.shift()?.(),
    close: () => server.stop(),
  };
}

const QUERY = 'query Items($n: Int!) { items(n: $n) { id label } }';
const SIZES = [100, 101, 102];

describe('the gateway’s answer budget', () => {
  let dir: string;
  let subgraph: Awaited<ReturnType<typeof heldSubgraph>>;
  const gateways: RunningServer[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-answer-budget-'));
    subgraph = await heldSubgraph();
    const composed = composeServices([{ name: 'shelf', url: subgraph.url, typeDefs }]);
    if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
    writeFileSync(path.join(dir, 'supergraph.graphql'), composed.supergraphSdl);
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await subgraph?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function gatewayWith(answerBudget: { maxValuesInFlight: number } | false) {
    const gateway = await startGateway({
      supergraphPath: path.join(dir, 'supergraph.graphql'),
      port: 0,
      responseCache: false,
      answerBudget,
    });
    gateways.push(gateway);
    // Each operation answered once: its weight is known (about 300 values, over this budget of 150).
    subgraph.state.hold = false;
    for (const n of SIZES) expect((await postGraphQL(gateway.url, QUERY, { n })).errors).toBeUndefined();
    subgraph.state.hold = true;
    subgraph.state.most = 0;
    return gateway;
  }

  it('builds answers heavier than the budget one at a time, in turn, and answers them all', async () => {
    const gateway = await gatewayWith({ maxValuesInFlight: 150 });
    const first = subgraph.arrival();
    const answers = Promise.all(SIZES.map((n) => postGraphQL(gateway.url, QUERY, { n })));
    for (let i = 0; i < SIZES.length; i++) {
      const next = i === 0 ? first : subgraph.arrival();
      if (i > 0) subgraph.release();
      expect(await next).toBe(1);
    }
    subgraph.release();
    const done = await answers;
    expect(done.map((a) => (a.data as { items: unknown[] }).items.length)).toEqual(SIZES);
    expect(subgraph.state.most).toBe(1);
  });

  it('drops a waiting execution whose client hung up: nothing is built for it', async () => {
    const gateway = await gatewayWith({ maxValuesInFlight: 150 });
    const metricsUrl = gateway.url.replace(/\/graphql$/, '/metrics');
    const waiting = async () =>
      Number((await (await fetch(metricsUrl)).text()).match(/^hub_gateway_answers_waiting\S* (\d+)/m)?.[1]);
    const first = subgraph.arrival();
    const held = postGraphQL(gateway.url, QUERY, { n: 100 });
    await first;
    const calls = subgraph.state.calls;
    // The second waits behind the first (both weigh more than the budget), then its client hangs up.
    const client = new AbortController();
    const gone = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { n: 101 } }),
      signal: client.signal,
    }).catch((error: Error) => error.name);
    while ((await waiting()) < 1) await new Promise((resolve) => setImmediate(resolve));
    client.abort();
    expect(await gone).toBe('AbortError');
    while ((await waiting()) > 0) await new Promise((resolve) => setImmediate(resolve));
    subgraph.release();
    expect((await held).errors).toBeUndefined();
    // The next execution is the only other one the subgraph sees: the abandoned one never ran.
    const next = subgraph.arrival();
    const third = postGraphQL(gateway.url, QUERY, { n: 102 });
    expect(await next).toBe(1);
    subgraph.release();
    expect((await third).errors).toBeUndefined();
    expect(subgraph.state.calls).toBe(calls + 1);
  });

  it('builds them all at once without a budget (what the budget prevents)', async () => {
    const gateway = await gatewayWith(false);
    let all = subgraph.arrival();
    const answers = Promise.all(SIZES.map((n) => postGraphQL(gateway.url, QUERY, { n })));
    while ((await all) < SIZES.length) all = subgraph.arrival();
    for (const _ of SIZES) subgraph.release();
    expect((await answers).every((a) => a.errors === undefined)).toBe(true);
    expect(subgraph.state.most).toBe(SIZES.length);
  });
});
