import { startupSummary, TUTELLE_DESCRIPTORS } from '@hub/ops';
import type { HealthReport } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway, UNREACHABLE_UL } from '../src/harness';

describe('UL source down', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({
      ul: UNREACHABLE_UL,
    });
  });
  afterAll(() => hub?.close());

  it('still lists the platforms, with an error naming the UL source where UL data was asked', async () => {
    const { data, errors } = await hub.query(`{
      platforms { nodes { code name staffCount costCentres { code tutelle equipment { totalCount } } } }
    }`);
    expect(data?.platforms.nodes.map((p: { code: string }) => p.code)).toEqual([
      'CNRSONLY',
      'MICROSCOPY',
      'XGAMMA',
    ]);
    const xgamma = data?.platforms.nodes[2];
    expect(xgamma).toMatchObject({ name: 'Centre de compétences XGamma', staffCount: 3 });
    // UL's part is missing; CNRS's and INRAE's, from sources that are up, are all there.
    expect(xgamma.costCentres).toEqual([
      { code: 'PF-XGAMMA', tutelle: 'UL', equipment: null },
      { code: 'PF-XGAMMA', tutelle: 'CNRS', equipment: { totalCount: 2 } },
      { code: 'PF-XG-INRAE', tutelle: 'INRAE', equipment: { totalCount: 2 } },
    ]);
    expect(errors?.length).toBeGreaterThan(0);
    for (const error of errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'UL/sifac+siham' });
    }
  });

  // @apollo/gateway 2.14.4 places an `_entities` error by the index of the representation sent, while its
  // paths count every entity at the fetch's path, UL's or not: without the hub's patch
  // (gateway/src/entity-error-paths.ts) the error lands on a neighbour that has its data.
  it('points each error at a field left without data', async () => {
    const { data, errors } = await hub.query(
      '{ platforms { nodes { code costCentres { code tutelle equipment { totalCount } } } } }',
    );
    expect(errors?.length).toBeGreaterThan(0);
    for (const error of errors ?? []) {
      const at = (error.path ?? []).reduce<any>((value, key) => value?.[key], data);
      expect({ path: error.path, value: at }).toEqual({ path: error.path, value: null });
    }
  });

  it('reports the source down on the subgraph health check', async () => {
    const health = await (await fetch(hub.ul.url.replace('/graphql', '/health'))).json();
    expect(health).toMatchObject({
      status: 'degraded',
      service: 'ul',
      sources: [{ source: 'UL/sifac+siham', up: false }],
    });
  });

  it('names the subgraphs and the sources that are down', async () => {
    const health = (await (
      await fetch(hub.gatewayUrl.replace('/graphql', '/health'))
    ).json()) as HealthReport;
    expect(health.status).toBe('degraded');
    // Every registered tutelle's subgraph is probed (a tutelle added later too: docs/CONNECTORS.md).
    const subgraphs = health.sources.map((s) => s.source).filter((s) => s.startsWith('subgraph/'));
    expect(subgraphs.sort()).toEqual(
      ['site', ...TUTELLE_DESCRIPTORS.map((d) => d.name)].map((name) => `subgraph/${name}`).sort(),
    );
    expect(health.sources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'gateway/supergraph', up: true }),
        expect.objectContaining({ source: 'gateway/compiled-shaping', up: true }),
        expect.objectContaining({ source: 'gateway/entity-error-paths', up: true }),
        expect.objectContaining({ source: 'subgraph/chru', up: true }),
        // The CHRU's three sources, each on its own: the item without a price, the two bad expense rows.
        expect.objectContaining({
          source: 'CHRU/gmao',
          up: true,
          error: '1 row(s) rejected at the last read',
        }),
        expect.objectContaining({ source: 'CHRU/personnels', up: true }),
        expect.objectContaining({
          source: 'CHRU/depenses',
          up: true,
          error: '2 row(s) rejected at the last read',
        }),
        expect.objectContaining({ source: 'subgraph/cnrs', up: true }),
        expect.objectContaining({ source: 'CNRS/cnrs_dr06', up: true }),
        expect.objectContaining({ source: 'subgraph/inrae', up: true }),
        expect.objectContaining({
          source: 'INRAE/extraction',
          up: true,
          error: '3 row(s) rejected at the last read',
        }),
        expect.objectContaining({ source: 'subgraph/site', up: true }),
        expect.objectContaining({ source: 'site/registry', up: true }),
        expect.objectContaining({ source: 'subgraph/ul', up: true }),
        expect.objectContaining({ source: 'UL/sifac+siham', up: false }),
      ]),
    );
  });

  it('has `hub start` say which sources are down rather than "up"', async () => {
    const summary = await startupSummary(hub.gatewayUrl);
    expect(summary.ok).toBe(false);
    expect(summary.text).toMatch(/^The hub answers, but not all of it: 1 source\(s\) down/);
    expect(summary.text).toContain('UL/sifac+siham:');
  });
});
