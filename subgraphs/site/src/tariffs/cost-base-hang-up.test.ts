import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Tutelle } from '@hub/schema';
import type { Platform } from '../graphql/types';
import { TutelleSubgraphs } from '../tutelle-subgraphs';
import { TariffEngine } from './engine';
import { readTariffPolicy } from './policy/load';

/*
 * A cost base kept between requests is read once for every request waiting for it: one request hanging up
 * leaves the read to the others; the read of the tutelle is cancelled only when they have all gone. UL's
 * subgraph is a real HTTP server that holds each request until the test answers it.
 */

let server: Server;
let held: Array<{ res: ServerResponse; closed: Promise<void> }> = [];
let arrived: () => void = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    req.resume();
    held.push({ res, closed });
    arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Resolves once the subgraph holds `n` requests in all. */
const holding = (n: number) =>
  new Promise<void>((resolve) => {
    arrived = () => held.length >= n && resolve();
    arrived();
  });

const emptyPage = { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
const costCentre = { data: { _entities: [{ code: 'PF-X', equipment: emptyPage, expenses: emptyPage }] } };

const platform = {
  code: 'X',
  costCentres: [{ tutelle: Tutelle.UL, code: 'PF-X' }],
  staff: [],
  services: [],
} as unknown as Platform;

describe('a kept cost base read for several requests', () => {
  const engine = () => {
    const { port } = server.address() as AddressInfo;
    const subgraphs = new TutelleSubgraphs({ UL: `http://127.0.0.1:${port}/graphql` });
    return new TariffEngine(readTariffPolicy(), subgraphs, { costBaseTtlSeconds: 60 });
  };

  beforeEach(() => {
    held = [];
  });

  it('goes on for the requests still waiting when one hangs up', async () => {
    const tariffs = engine();
    const [first, second] = [new AbortController(), new AbortController()];
    const firstGrid = tariffs.forRequest({ signal: first.signal }).tariffs(platform, 2025);
    await holding(1);
    const secondGrid = tariffs.forRequest({ signal: second.signal }).tariffs(platform, 2025);
    await new Promise(setImmediate); // its loader's batch: it now waits for the kept read
    first.abort(new Error('first caller gone'));
    await expect(firstGrid).rejects.toThrow('first caller gone');
    held[0]!.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(costCentre));
    await expect(secondGrid).resolves.toMatchObject({ platform: 'X', services: [] });
    expect(held).toHaveLength(1);
  });

  it('is cancelled once every request waiting for it has gone, and not tried again', async () => {
    const tariffs = engine();
    const callers = [new AbortController(), new AbortController()];
    const grids = callers.map((c) => tariffs.forRequest({ signal: c.signal }).tariffs(platform, 2025));
    await holding(1);
    for (const caller of callers) caller.abort(new Error('caller gone'));
    for (const grid of grids) await expect(grid).rejects.toThrow('caller gone');
    await held[0]!.closed;
    // Longer than a retry's first backoff could be: none came.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(held).toHaveLength(1);
    // A stopped read is not kept: the next request reads the tutelle again.
    const next = tariffs.forRequest().tariffs(platform, 2025);
    await holding(2);
    held[1]!.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(costCentre));
    await expect(next).resolves.toMatchObject({ platform: 'X' });
  });
});
