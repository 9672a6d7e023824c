import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyOf, forward } from '../src/forward';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** In front of a subgraph: the next `failures` requests answered 503, the others forwarded. */
async function flakyProxy(target: () => string) {
  const state = { failures: 0, seen: 0 };
  const server = http.createServer(async (req, res) => {
    const body = await bodyOf(req);
    state.seen += 1;
    if (state.failures > 0) {
      state.failures -= 1;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('restarting');
      return;
    }
    await forward(req, body, res, target());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

/** The gateway tries a subgraph query again, within bounds, when the subgraph answers 5xx. */
describe('gateway retries', () => {
  let hub: Hub;
  let proxy: Awaited<ReturnType<typeof flakyProxy>>;

  beforeAll(async () => {
    let cnrsUrl = '';
    proxy = await flakyProxy(() => cnrsUrl);
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
      subgraphUrls: { cnrs: proxy.url },
      subgraphTimeoutMs: 3000,
      subgraphRetries: 2,
    });
    cnrsUrl = hub.cnrs.url;
  });
  afterAll(async () => {
    await hub?.close();
    await new Promise((resolve) => proxy?.server.close(resolve));
  });

  const QUERY = '{ platform(code: "CNRSONLY") { costCentres { tutelle equipment { totalCount } } } }';

  it('answers whole when a retry meets the subgraph again', async () => {
    Object.assign(proxy.state, { failures: 2, seen: 0 });
    const { data, errors } = await hub.query(QUERY);
    expect(errors).toBeUndefined();
    expect(data?.platform.costCentres[0].equipment.totalCount).toEqual(expect.any(Number));
    expect(proxy.state.seen).toBe(3);
  });

  it('gives up after its retries, with an error naming the subgraph', async () => {
    Object.assign(proxy.state, { failures: 10, seen: 0 });
    const { data, errors } = await hub.query(QUERY);
    expect(data?.platform.costCentres[0].equipment).toBeNull();
    expect(errors?.map((e) => [e.extensions?.code, e.extensions?.source])).toEqual([
      ['SOURCE_UNAVAILABLE', 'subgraph/cnrs'],
    ]);
    expect(proxy.state.seen).toBe(3);
  });

  it('counts, per subgraph, the retries and the fetches that failed', async () => {
    const metrics = await (await fetch(hub.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/hub_subgraph_fetch_retries_total\{[^}]*subgraph="cnrs"[^}]*} 4\n/);
    expect(metrics).toMatch(
      /hub_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="cnrs",outcome="unavailable"} 1\n/,
    );
    expect(metrics).toMatch(
      /hub_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="site",outcome="ok"} 2\n/,
    );
  });
});
