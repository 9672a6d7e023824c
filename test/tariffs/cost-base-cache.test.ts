import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCnrsSqlite, writeUlSqlite } from '@hub/ops';
import { cnrsSqliteDatabase } from '@hub/subgraph-cnrs';
import { ulSqliteDatabase } from '@hub/subgraph-ul';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';
import { SPECTRO_CNRS, SPECTRO_REGISTRY, SPECTRO_UL } from './spectro-fixture';

/*
 * The site keeping tariff cost bases between requests (`HUB_TARIFF_CACHE_TTL_S`): the same grid from a
 * kept cost base, no tutelle read meanwhile; another year is another cost base.
 */

const GRID = /* GraphQL */ `
  query Grid($year: Int!) {
    platform(code: "SPECTRO") {
      tariffs(year: $year) { services { code prices { category priceHT { amount } } } }
    }
  }
`;

describe('tariff cost bases kept between requests', () => {
  let dir: string;
  let hub: Hub;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-tariff-cache-'));
    writeUlSqlite(SPECTRO_UL, path.join(dir, 'ul'));
    writeCnrsSqlite(SPECTRO_CNRS, path.join(dir, 'cnrs'));
    writeFileSync(path.join(dir, 'registry.yaml'), SPECTRO_REGISTRY);
    hub = await startSubgraphsAndGateway({
      registryFile: path.join(dir, 'registry.yaml'),
      ul: { database: ulSqliteDatabase(path.join(dir, 'ul')) },
      cnrs: { database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) },
      tariffPolicy: path.join(__dirname, 'test-policy.yaml'),
      tariffCacheTtlSeconds: 60,
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tutelleRequests = () => Object.values(hub.site.tariffs.requests).reduce((a, n) => a + (n ?? 0), 0);

  it('answers the same grid again without reading the tutelles, and reads another year', async () => {
    const first = await hub.query(GRID, { variables: { year: 2025 } });
    expect(first.errors).toBeUndefined();
    const afterFirst = tutelleRequests();
    expect(afterFirst).toBeGreaterThan(0);

    const again = await Promise.all([1, 2, 3].map(() => hub.query(GRID, { variables: { year: 2025 } })));
    for (const answer of again) expect(answer.data).toEqual(first.data);
    expect(tutelleRequests()).toBe(afterFirst);

    const otherYear = await hub.query(GRID, { variables: { year: 2024 } });
    expect(otherYear.errors).toBeUndefined();
    expect(tutelleRequests()).toBeGreaterThan(afterFirst);
  });
});
