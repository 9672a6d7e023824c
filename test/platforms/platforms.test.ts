import { readFileSync } from 'node:fs';
import { loadRegistry, parseRegistryFile } from '@hub/subgraph-site';
import { FIXTURE_REGISTRY, type Hub, startSubgraphsAndGateway } from '../src/harness';

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
  let hub: Hub;

  beforeAll(async () => {
    hub = await startSubgraphsAndGateway({
      ul: { asOf: () => '2026-01-01' },
    });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('answers from the registry and UL, additions rolled in and disposals left out', async () => {
    const { data, errors } = await hub.query(PLATFORMS_WITH_UL_EQUIPMENT);
    expect(errors).toBeUndefined();
    expect(data?.platforms.totalCount).toBe(3);
    const [cnrsOnly, micro, xgamma] = data?.platforms.nodes ?? [];
    expect(cnrsOnly).toMatchObject({
      code: 'CNRSONLY',
      staffCount: 0,
      costCentres: [{ code: 'PF-CNRS1', tutelle: 'CNRS', equipment: { totalCount: 1 } }],
    });
    expect(micro.costCentres[0].equipment.nodes).toEqual([
      expect.objectContaining({
        id: 'UL:000020004600',
        valueHT: { amount: 500000, currency: 'EUR', basis: 'HT' },
      }),
    ]);
    expect(xgamma.staffCount).toBe(3);
    expect(xgamma.costCentres.map((c: { tutelle: string }) => c.tutelle)).toEqual(['UL', 'CNRS', 'INRAE']);
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

  it("returns a co-funded platform's equipment as each tutelle records it", async () => {
    const { data, errors } = await hub.query(`{
      platform(code: "XGAMMA") {
        costCentres {
          tutelle
          equipment { nodes { id tutelle designation manufacturer model serialNumberNormalized status value { amount basis vatRate } valueHT { amount } } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    const [ul, cnrs, inrae] = data?.platform.costCentres ?? [];
    expect(ul.equipment.nodes[0]).toMatchObject({ id: 'UL:000020004512', serialNumberNormalized: '1234AB' });
    // CNRS's share of the same diffractometer, HT with its rate, in CNRS's inventory order; the instrument
    // out of order is listed, the retired one not.
    expect(cnrs.equipment.nodes).toEqual([
      expect.objectContaining({ id: 'CNRS:346', status: 'OUT_OF_ORDER', serialNumberNormalized: null }),
      {
        id: 'CNRS:345',
        tutelle: 'CNRS',
        designation: 'Diffractomètre de rayons X',
        manufacturer: 'Bruker AXS',
        model: 'D8 Advance',
        serialNumberNormalized: '1234AB',
        status: 'IN_SERVICE',
        value: { amount: 100000, basis: 'HT', vatRate: 0.2 },
        valueHT: { amount: 100000 },
      },
    ]);
    // INRAE's share, TTC in its workbook: 60 000 TTC → 50 000 HT; its serial typed 'N° 1234 AB'.
    expect(inrae.equipment.nodes[0]).toMatchObject({
      id: 'INRAE:INRAE-54-2019-0012',
      serialNumberNormalized: '1234AB',
      value: { amount: 60000, basis: 'TTC', vatRate: null },
      valueHT: { amount: 50000 },
    });
  });

  it('says when a label ends: granted for six years', async () => {
    const { data } = await hub.query(
      '{ platform(code: "XGAMMA") { label { status granted nextReview expires } } }',
    );
    expect(data?.platform.label).toEqual({
      status: 'LABELLED',
      granted: '2021-06-30',
      nextReview: '2023-06-30',
      expires: '2027-06-30',
    });
  });

  it('serves a newly loaded registry from the next request on', async () => {
    const file = parseRegistryFile(readFileSync(FIXTURE_REGISTRY, 'utf8'));
    const renamed = { platforms: [{ ...file.platforms[0]!, name: 'XGamma, nouveau nom' }] };
    const names = async () =>
      (await hub.query('{ platforms { nodes { code name } } }')).data?.platforms.nodes;
    // A search's matches are kept per registry version: the same search finds what the new version holds.
    const found = async (search: string) =>
      (
        await hub.query(
          'query Find($search: String!) { platforms(filter: { search: $search }) { nodes { code } } }',
          {
            variables: { search },
          },
        )
      ).data?.platforms.nodes;
    expect(await names()).toHaveLength(3);
    expect(await found('nouveau')).toEqual([]);
    await loadRegistry(hub.site.orm.em.fork(), renamed);
    expect(await names()).toEqual([{ code: 'XGAMMA', name: 'XGamma, nouveau nom' }]);
    expect(await found('nouveau')).toEqual([{ code: 'XGAMMA' }]);
    await loadRegistry(hub.site.orm.em.fork(), file);
    expect(await names()).toHaveLength(3);
    expect(await found('nouveau')).toEqual([]);
  });
});
