import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemo } from '@hub/ops';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { demoSources } from '../src/demo-hub';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/*
 * The whole demo site's grids (seed 42, scale 1: 130 platforms, four tutelles) through the gateway: every
 * platform with services gets one. Prints how long it takes and what it costs the sources; asserts only the
 * batching (a few requests per tutelle, whatever the number of platforms), never a time.
 */

const GRIDS = /* GraphQL */ `
  query SiteGrids($year: Int!) {
    platforms(first: 200) {
      nodes {
        code
        services { code yearlyVolume }
        tariffs(year: $year) { services { code prices { category priceHT { amount } } } }
      }
    }
  }
`;

type Data = Record<string, any>;

describe('the demo site’s tariffs', () => {
  let dir: string;
  let hub: Hub;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-tariffs-demo-'));
    await writeDemo(dir);
    hub = await startSubgraphsAndGateway({
      // The cold run reads the whole demo site: on a busy machine it may take longer than a client's fetch.
      subgraphTimeoutMs: 120_000,
      ...demoSources(dir),
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every platform with services a grid, in a few batched requests per tutelle', async () => {
    const figures: string[] = [];
    for (const run of ['cold', 'warm']) {
      const requests = { ...hub.site.tariffs.requests };
      const statements = [hub.ul.connector.source.statementCount, hub.cnrs.connector.source.statementCount];
      const started = performance.now();
      // Volumes are the steering committee's to read (with the prices they would give staff costs).
      const token = await mintToken(jwtSecret(), {
        subject: 'coris@univ-lorraine.fr',
        roles: [Role.STEERING],
      });
      const { data, errors } = await hub.query(GRIDS, { variables: { year: 2025 }, token });
      const ms = Math.round(performance.now() - started);
      expect(errors).toBeUndefined();
      const platforms = data?.platforms.nodes as Data[];
      const withServices = platforms.filter((p) => p.services.length > 0);
      expect(withServices.length).toBeGreaterThan(100);
      for (const p of withServices) {
        expect(p.tariffs.services.map((s: Data) => s.code)).toEqual(p.services.map((s: Data) => s.code));
        p.tariffs.services.forEach((s: Data, i: number) => {
          if (p.services[i].yearlyVolume > 0) expect(s.prices.map((c: Data) => c.category)).toHaveLength(3);
        });
      }
      const made = Object.fromEntries(
        Object.entries(hub.site.tariffs.requests).map(([t, n]) => [t, (n ?? 0) - (requests[t as 'UL'] ?? 0)]),
      );
      // One request per tutelle for every cost centre and person of every platform, then one per further
      // page of 500 (none on the demo).
      for (const n of Object.values(made)) expect(n).toBeLessThanOrEqual(3);
      const prices = withServices.flatMap((p) => p.tariffs.services.flatMap((s: Data) => s.prices)).length;
      figures.push(
        `${run}: ${withServices.length} grids (${prices} prices) of ${platforms.length} platforms in ${ms} ms; ` +
          `subgraph requests ${JSON.stringify(made)}; SQL statements UL ${hub.ul.connector.source.statementCount - statements[0]!}, ` +
          `CNRS ${hub.cnrs.connector.source.statementCount - statements[1]!}`,
      );
    }
    const token = await mintToken(jwtSecret(), { subject: 'bench', roles: [Role.STEERING] });
    const started = performance.now();
    const divergence = await hub.query(
      '{ tariffDivergence(year: 2025) { site { comparisons meanAbsoluteGapPercent beyondTenPercent } unavailable { platformCode } } }',
      { token },
    );
    expect(divergence.errors).toBeUndefined();
    expect(divergence.data?.tariffDivergence.unavailable).toEqual([]);
    figures.push(
      `divergence site-wide in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(divergence.data?.tariffDivergence.site)}`,
    );
    console.log(`Demo site tariffs, 2025:\n  ${figures.join('\n  ')}`);
  });
});
