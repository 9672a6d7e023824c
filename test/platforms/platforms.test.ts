import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeUlSqlite } from '@hub/ops';
import { loadRegistry, parseRegistryFile } from '@hub/subgraph-site';
import { ulSqliteDatabase } from '@hub/subgraph-ul';
import { UL_FIXTURE } from '../fixtures/ul-source';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

const REGISTRY = path.join(__dirname, '../fixtures/registry.yaml');

const PLATFORMS_WITH_UL_EQUIPMENT = /* GraphQL */ `
  query PlatformsWithEquipment {
    platforms {
      totalCount
      nodes {
        code
        staffCount
        costCentres {
          code
          tutelle
          equipment {
            totalCount
            nodes { id designation serialNumber serialNumberNormalized additionCount valueHT { amount currency basis } }
          }
        }
      }
    }
  }
`;

describe('platforms with their UL equipment, through the gateway', () => {
  let dir: string;
  let hub: Hub;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-ul-'));
    writeUlSqlite(UL_FIXTURE, dir);
    hub = await startSubgraphsAndGateway({
      registryFile: REGISTRY,
      ul: { database: ulSqliteDatabase(dir), asOf: () => '2026-01-01' },
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from the registry and UL, additions rolled in and disposals left out', async () => {
    const { data, errors } = await hub.query(PLATFORMS_WITH_UL_EQUIPMENT);
    expect(errors).toBeUndefined();
    expect(data?.platforms.totalCount).toBe(3);
    const [cnrsOnly, micro, xgamma] = data?.platforms.nodes ?? [];
    expect(cnrsOnly).toEqual({ code: 'CNRSONLY', staffCount: 0, costCentres: [] });
    expect(micro.costCentres[0].equipment.nodes).toEqual([
      expect.objectContaining({
        id: 'UL:000020004600',
        valueHT: { amount: 500000, currency: 'EUR', basis: 'HT' },
      }),
    ]);
    expect(xgamma.staffCount).toBe(3);
    expect(xgamma.costCentres).toHaveLength(1);
    expect(xgamma.costCentres[0]).toMatchObject({ code: 'PF-XGAMMA', tutelle: 'UL' });
    expect(xgamma.costCentres[0].equipment).toEqual({
      totalCount: 2,
      nodes: [
        {
          id: 'UL:000020004512',
          designation: 'DIFFRACTOMETRE RX',
          serialNumber: 'S/N 1234-ab',
          serialNumberNormalized: '1234AB',
          additionCount: 1,
          // 240 000 + 36 000 TTC (the addition booked with no cost centre); the disposed 12 000 is not.
          valueHT: { amount: 230000, currency: 'EUR', basis: 'HT' },
        },
        {
          id: 'UL:000020004513',
          designation: 'SPECTROMETRE RAMAN',
          serialNumber: 'NC',
          serialNumberNormalized: null,
          additionCount: 0,
          valueHT: { amount: 100000, currency: 'EUR', basis: 'HT' },
        },
      ],
    });
  });

  it('serves a newly loaded registry from the next request on', async () => {
    const file = parseRegistryFile(readFileSync(REGISTRY, 'utf8'));
    const renamed = { platforms: [{ ...file.platforms[0]!, name: 'XGamma, nouveau nom' }] };
    const names = async () =>
      (await hub.query('{ platforms { nodes { code name } } }')).data?.platforms.nodes;
    expect(await names()).toHaveLength(3);
    await loadRegistry(hub.site.orm.em.fork(), renamed);
    expect(await names()).toEqual([{ code: 'XGAMMA', name: 'XGamma, nouveau nom' }]);
    await loadRegistry(hub.site.orm.em.fork(), file);
    expect(await names()).toHaveLength(3);
  });
});
