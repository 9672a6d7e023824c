import { Tutelle } from '@hub/schema';
import type { HealthReport } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

// Starting a hub and syncing take seconds on a busy machine: one generous limit for the whole file.
jest.setTimeout(60_000);

/*
 * A site that runs only some of the registered tutelles (HUB_TUTELLES=UL,CNRS): the others are absent,
 * not failing. The graph's schema stays the same on every site (their subgraphs stay composed); the site
 * hands out no reference to their records, so no plan reaches them; the sync and the health check leave
 * them out.
 */
describe('a site running two tutelles of four', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({ tutelles: [Tutelle.UL, Tutelle.CNRS] });
  });
  afterAll(() => hub?.close());

  it('answers the platforms with the two tutelles’ records only, and no error', async () => {
    const { data, errors } = await hub.query(`{
      platforms { nodes { code staffCount costCentres { code tutelle equipment { totalCount } } } }
    }`);
    expect(errors).toBeUndefined();
    const byCode = Object.fromEntries(data!.platforms.nodes.map((p: { code: string }) => [p.code, p]));
    expect(Object.keys(byCode)).toEqual(['CNRSONLY', 'MICROSCOPY', 'XGAMMA']);
    // XGamma's INRAE cost centre and Microscopy's CHRU one are absent; the registry's staff count is not.
    expect(byCode.XGAMMA).toEqual({
      code: 'XGAMMA',
      staffCount: 3,
      costCentres: [
        { code: 'PF-XGAMMA', tutelle: 'UL', equipment: { totalCount: 2 } },
        { code: 'PF-XGAMMA', tutelle: 'CNRS', equipment: { totalCount: 2 } },
      ],
    });
    expect(byCode.MICROSCOPY.costCentres.map((c: { tutelle: string }) => c.tutelle)).toEqual(['UL']);
  });

  it('syncs the site-wide inventory from the two, without aborting on the others', async () => {
    const { tutelles } = await hub.site.inventory.sync();
    expect(tutelles.map((t) => [t.tutelle, t.done])).toEqual([
      ['UL', true],
      ['CNRS', true],
    ]);
    expect(tutelles.every((t) => t.read > 0)).toBe(true);
    const { data, errors } = await hub.query(
      `{ siteInventory(first: 50) { totalCount nodes { tutelles } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.siteInventory.totalCount).toBeGreaterThan(0);
    const seen = new Set(data!.siteInventory.nodes.flatMap((n: { tutelles: string[] }) => n.tutelles));
    expect([...seen].sort()).toEqual(['CNRS', 'UL']);
  });

  it('reports healthy, naming no absent subgraph', async () => {
    const response = await fetch(hub.gatewayUrl.replace('/graphql', '/health'));
    const health = (await response.json()) as HealthReport;
    expect(health.status).toBe('ok');
    const subgraphs = health.sources.map((s) => s.source).filter((s) => s.startsWith('subgraph/'));
    expect(subgraphs.sort()).toEqual(['subgraph/cnrs', 'subgraph/site', 'subgraph/ul']);
  });
});
