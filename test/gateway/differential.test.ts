import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { startGateway } from '@hub/gateway';
import type { RunningServer } from '@hub/service-kit';
import { postGraphQL } from '../src/harness';
import { CATALOG, SHIPPING, startSubgraph } from './differential-subgraphs';

/*
 * Every gateway addition (single-fetch pass-through, compiled shaping, batching, deduplication, the
 * response cache) answers every query, on every repeat and past the cache's TTL, as stock @apollo/gateway
 * does, on a supergraph whose public schema differs from its subgraphs' (@inaccessible, interfaces,
 * unions, @requires, @provides).
 */
const QUERIES: Array<[string, string]> = [
  ['an @inaccessible enum value, alone', '{ firstKind }'],
  ['an @inaccessible enum value in a non-null list', '{ kinds }'],
  ['an @inaccessible type behind an interface', '{ items { __typename id name } }'],
  [
    'a union, an @inaccessible enum value inside',
    '{ media { __typename ... on Book { id kind } ... on Film { title } } }',
  ],
  ['@requires across subgraphs', '{ book(id: "b1") { id name shippingCost } }'],
  ['@provides', '{ featured { id name } }'],
  ['plain fields', '{ book(id: "b1") { id name kind } }'],
];

describe('the hub gateway against stock @apollo/gateway', () => {
  jest.setTimeout(60_000);
  const TTL_SECONDS = 1;
  let dir: string;
  let subgraphs: Awaited<ReturnType<typeof startSubgraph>>[];
  let hub: RunningServer;
  let hubNoCache: RunningServer;
  let stock: ChildProcess;
  let stockUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-differential-'));
    subgraphs = await Promise.all([startSubgraph(CATALOG), startSubgraph(SHIPPING)]);
    const composed = composeServices(
      subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: s.typeDefs })),
    );
    if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
    const file = path.join(dir, 'supergraph.graphql');
    writeFileSync(file, composed.supergraphSdl);
    hub = await startGateway({ supergraphPath: file, port: 0, responseCache: { ttlSeconds: TTL_SECONDS } });
    hubNoCache = await startGateway({ supergraphPath: file, port: 0, responseCache: false });
    stock = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'stock-gateway.ts'), file], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    stockUrl = await new Promise<string>((resolve, reject) => {
      stock.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      stock.once('exit', (code) => reject(new Error(`stock gateway exited ${code}`)));
    });
  });
  afterAll(async () => {
    stock?.stdin?.end();
    await hub?.close();
    await hubNoCache?.close();
    await Promise.all((subgraphs ?? []).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(QUERIES)('answers %s as stock does, every time and past the cache TTL', async (_, query) => {
    const expected = JSON.stringify((await postGraphQL(stockUrl, query)) as object);
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) answers.push(JSON.stringify(await postGraphQL(hub.url, query)));
    // Past the response cache's TTL: the answer computed again, now with the operation planned.
    await new Promise((r) => setTimeout(r, TTL_SECONDS * 1000 + 200));
    for (let i = 0; i < 2; i++) answers.push(JSON.stringify(await postGraphQL(hub.url, query)));
    expect(answers).toEqual(Array(answers.length).fill(expected));
  });

  it.each(QUERIES)('answers %s as stock does with caches off, eight requests at once', async (_, query) => {
    // Their identical fetches sent once and each answer a copy (data-source.ts): merged into one another's
    // results, a shared answer would show.
    const expected = JSON.stringify((await postGraphQL(stockUrl, query)) as object);
    const answers = await Promise.all(
      Array.from({ length: 8 }, async () => JSON.stringify(await postGraphQL(hubNoCache.url, query))),
    );
    expect(answers).toEqual(Array(answers.length).fill(expected));
  });
});
