import { REQUEST_ID_HEADER } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** What operators watch: readiness, Prometheus metrics, request ids. */
describe('observability', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({
      // UL's replica is down: UL's subgraph is alive, not ready; the gateway serves a degraded graph.
      ul: { database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 500 } },
    });
  });
  afterAll(() => hub?.close());

  const base = () => hub.gatewayUrl.replace(/\/graphql$/, '');

  it('is alive (/health 200) but not ready (/ready 503) while its own source is down, and says which', async () => {
    const ul = hub.ul.url.replace(/\/graphql$/, '');
    expect((await fetch(`${ul}/health`)).status).toBe(200);
    const ready = await fetch(`${ul}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'degraded',
      sources: [expect.objectContaining({ source: 'UL/sifac+siham', up: false })],
    });
    expect((await fetch(hub.cnrs.url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
  });

  it('keeps the gateway ready, degraded, while a subgraph’s source is down: no gateway replica would do better', async () => {
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'degraded',
      sources: expect.arrayContaining([
        expect.objectContaining({ source: 'UL/sifac+siham', up: false, shared: true }),
        expect.objectContaining({ source: 'subgraph/cnrs', up: true }),
      ]),
    });
  });

  it('counts operations by outcome and errors by code, in Prometheus format', async () => {
    await hub.query('query PlatformList { platforms { totalCount } }');
    await hub.query(
      'query PlatformEquipment { platforms { nodes { costCentres { equipment { totalCount } } } } }',
    );
    const metrics = await (await fetch(`${base()}/metrics`)).text();
    expect(metrics).toContain(
      'hub_graphql_requests_total{operation="PlatformList",outcome="ok",service="gateway"} 1',
    );
    expect(metrics).toContain(
      'hub_graphql_requests_total{operation="PlatformEquipment",outcome="partial",service="gateway"} 1',
    );
    expect(metrics).toMatch(
      /hub_graphql_errors_total\{operation="PlatformEquipment",code="SOURCE_UNAVAILABLE",service="gateway"} [1-9]/,
    );
    expect(metrics).toMatch(
      /hub_graphql_request_duration_seconds_count\{[^}]*operation="PlatformList"[^}]*} 1/,
    );
  });

  it("echoes the caller's request id, or gives one", async () => {
    const given = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: 'portal-42' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(given.headers.get(REQUEST_ID_HEADER)).toBe('portal-42');
    const fresh = await fetch(`${base()}/health`);
    expect(fresh.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
