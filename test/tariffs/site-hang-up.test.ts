import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Tutelle } from '@hub/schema';
import { gatewaySecret, SIGNATURE_HEADER, signServiceRequest } from '@hub/service-kit';
import { loadRegistry, parseRegistryFile, startSiteSubgraph } from '@hub/subgraph-site';
import { SPECTRO_REGISTRY } from './spectro-fixture';

/*
 * A caller of the site that hangs up stops the site's reads of the tutelles it caused: the request's
 * signal reaches the site's client of UL's subgraph, which UL sees as its own request closed. UL's subgraph
 * here holds every request, so what is seen is events, not times.
 */

const GRID = `{ platform(code: "SPECTRO") { tariffs(year: 2025) { services { code } } } }`;

describe('a site request whose caller hangs up', () => {
  let ul: Server;
  let site: Awaited<ReturnType<typeof startSiteSubgraph>>;
  let dir: string;
  let requests = 0;
  let arrived: () => void = () => {};
  const closed: Array<Promise<void>> = [];

  beforeAll(async () => {
    ul = createServer((req, res) => {
      requests += 1;
      req.resume();
      closed.push(new Promise((resolve) => res.once('close', () => resolve())));
      arrived();
    });
    await new Promise<void>((resolve) => ul.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-site-hang-up-'));
    const { port } = ul.address() as AddressInfo;
    site = await startSiteSubgraph({
      database: { kind: 'sqlite', file: path.join(dir, 'site.sqlite') },
      tutelleSubgraphs: { UL: `http://127.0.0.1:${port}/graphql` },
      tutelles: [Tutelle.UL],
      port: 0,
    });
    await loadRegistry(site.orm.em.fork(), parseRegistryFile(SPECTRO_REGISTRY));
  });

  afterAll(async () => {
    await site?.close();
    ul.closeAllConnections();
    await new Promise((resolve) => ul.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("cancels the site's read of UL's subgraph, and tries it no more", async () => {
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const caller = new AbortController();
    const body = { query: GRID, variables: {} };
    const asked = fetch(site.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signServiceRequest(gatewaySecret(), 'test', body),
      },
      body: JSON.stringify(body),
      signal: caller.signal,
    });
    await reached;
    caller.abort();
    await expect(asked).rejects.toThrow();
    await closed[0];
    // Longer than a retry's first backoff could be: none came.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests).toBe(1);
  });
});
