import type { Hub } from '../src/harness';
import { startSpectroHub } from './spectro-hub';

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
  let spectro: Awaited<ReturnType<typeof startSpectroHub>>;
  let hub: Hub;

  beforeAll(async () => {
    spectro = await startSpectroHub({ tariffCacheTtlSeconds: 60 });
    hub = spectro.hub;
  });
  afterAll(() => spectro?.close());

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
