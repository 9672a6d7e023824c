import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ulSqliteDatabase } from '@hub/connector-ul';
import { type UlRows, writeUlSqlite } from '@hub/ops';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { stringify } from 'yaml';
import { type Hub, startSubgraphsAndGateway, UNREACHABLE_UL } from '../src/harness';
import { SPECTRO_UL } from './spectro-fixture';

/*
 * What the tariffs cost the sources, and what they do when one is down: a cost centre of more than 500
 * records and 500 expenses is read page by page, every cost centre at the same page in one request; a
 * tutelle down costs the grids of the platforms it hosts, with an error naming it, never a price computed
 * from half the costs.
 */

const GRIDS = /* GraphQL */ `
  query Grids($year: Int!) {
    platforms { nodes { code tariffs(year: $year) { services { code prices { category priceHT { amount } } } } } }
  }
`;

describe('a platform too big for one page', () => {
  let dir: string;
  let hub: Hub;
  const [nmr] = SPECTRO_UL.immobilisation;
  const [consumables] = SPECTRO_UL.depense;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-tariffs-pages-'));
    const centres = ['PF-BIG1', 'PF-BIG2'];
    const rows: UlRows = {
      // 1,201 instruments of 12,000 TTC (10,000.00 HT), 10 years from 2020-01-01, on each of two centres.
      immobilisation: centres.flatMap((centre, c) =>
        Array.from({ length: 1201 }, (_, i) => ({
          ...nmr!,
          num_immo: String(40_000_000 + c * 10_000 + i).padStart(12, '0'),
          num_serie: null,
          valeur_acq: 12_000,
          centre_couts: centre,
        })),
      ),
      // 600 expenses of 12 TTC (10.00 HT) in 2025 on each.
      depense: centres.flatMap((centre, c) =>
        Array.from({ length: 600 }, (_, i) => ({
          ...consumables!,
          id: c * 10_000 + i,
          montant: 12,
          centre_couts: centre,
        })),
      ),
      agent: [],
      affectation: [],
    };
    writeUlSqlite(rows, path.join(dir, 'ul'));
    const registry = {
      platforms: centres.map((centre) => ({
        code: centre.replace('PF-', ''),
        name: centre,
        units: ['UMR7565'],
        tutelles: ['UL'],
        costCentres: { UL: [centre] },
        services: [
          {
            code: 'H',
            name: 'Heure',
            unit: 'hour',
            yearlyVolume: 1000,
            staffHoursPerUnit: 0,
            equipmentHoursPerUnit: 1,
          },
        ],
      })),
    };
    writeFileSync(path.join(dir, 'registry.yaml'), stringify(registry));
    hub = await startSubgraphsAndGateway({
      registryFile: path.join(dir, 'registry.yaml'),
      ul: { database: ulSqliteDatabase(path.join(dir, 'ul')) },
      tariffPolicy: path.join(__dirname, 'test-policy.yaml'),
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every page, both cost centres together: three requests, not one per instrument', async () => {
    const before = hub.site.tariffs.requests.UL ?? 0;
    const { data, errors } = await hub.query(GRIDS, { variables: { year: 2025 } });
    expect(errors).toBeUndefined();
    // Page 1 of everything, then page 2 of both lists of both centres (records 500 + 500, expenses
    // 500 + 100), then page 3 of their records (201).
    expect((hub.site.tariffs.requests.UL ?? 0) - before).toBe(3);
    // Per unit: depreciation 1,201 × 10,000 / 10 / 1000 h = 1,201.00; consumables 600 × 10 / 1000 = 6.00.
    // External: 6 + 1,201 = 1,207.00; internal: 6.00.
    // An empty list would assert nothing.
    expect(data?.platforms.nodes.length).toBeGreaterThan(0);
    for (const platform of data?.platforms.nodes ?? []) {
      expect(
        platform.tariffs.services[0].prices.map((p: { priceHT: { amount: number } }) => p.priceHT.amount),
      ).toEqual([6, 1207, expect.any(Number)]);
    }
  });
});

describe('a tutelle down', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({
      ul: UNREACHABLE_UL,
    });
  });
  afterAll(() => hub?.close());

  it('costs the grids of the platforms it hosts, with an error naming its source; the others answer', async () => {
    const { data, errors } = await hub.query(GRIDS, { variables: { year: 2025 } });
    const byCode = Object.fromEntries(
      (data?.platforms.nodes ?? []).map((p: { code: string; tariffs: unknown }) => [p.code, p.tariffs]),
    );
    expect(byCode).toEqual({ CNRSONLY: { services: [] }, MICROSCOPY: null, XGAMMA: null });
    expect(errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.source])).toEqual([
      ['platforms.nodes.1.tariffs', 'SOURCE_UNAVAILABLE', 'UL/sifac+siham'],
      ['platforms.nodes.2.tariffs', 'SOURCE_UNAVAILABLE', 'UL/sifac+siham'],
    ]);
  });

  it('lists them apart in the divergence report', async () => {
    const token = await mintToken(jwtSecret(), { subject: 'test', roles: [Role.STEERING] });
    const { data, errors } = await hub.query(
      '{ tariffDivergence(year: 2025) { site { comparisons } unavailable { platformCode source } } }',
      { token },
    );
    expect(errors).toBeUndefined();
    expect(data?.tariffDivergence).toEqual({
      site: { comparisons: 0 },
      unavailable: [{ platformCode: 'XGAMMA', source: 'UL/sifac+siham' }],
    });
  });
});
