import { createPostgresDatabase } from '@hub/connector-sql/testing';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { loadUlPostgres } from '@hub/ops';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** The same answers as on the embedded SQLite default, from a real PostgreSQL replica of UL. */
describe('UL from its PostgreSQL replica', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let hub: Hub;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    await loadUlPostgres(UL_FIXTURE, database.url);
    hub = await startSubgraphsAndGateway({
      ul: { database: { kind: 'postgresql', url: database.url }, asOf: () => '2026-01-01' },
    });
  });
  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  it('rolls additions into their asset, leaves disposals out, converts TTC to HT', async () => {
    const { data, errors } = await hub.query(`{
      platform(code: "XGAMMA") {
        costCentres { equipment { nodes { id commissioningDate additionCount value { amount basis } valueHT { amount vatRate } } } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.platform.costCentres[0].equipment.nodes).toEqual([
      {
        id: 'UL:000020004512',
        commissioningDate: '2019-03-14',
        additionCount: 1,
        value: { amount: 276000, basis: 'TTC' },
        valueHT: { amount: 230000, vatRate: 0.2 },
      },
      {
        id: 'UL:000020004513',
        commissioningDate: '2020-06-01',
        additionCount: 0,
        value: { amount: 120000, basis: 'TTC' },
        valueHT: { amount: 100000, vatRate: 0.2 },
      },
    ]);
  });

  it("reads a year's expenses, credit notes negative, natures from SIFAC accounts", async () => {
    const { data, errors } = await hub.query(
      `{
      ulCostCentre(code: "PF-XGAMMA") {
        expenses(year: 2025) { totalCount nodes { date nature amount { amount } amountHT { amount } } }
      }
    }`,
      { token: await mintToken(jwtSecret(), { subject: 'central-services', roles: [Role.CENTRAL] }) },
    );
    expect(errors).toBeUndefined();
    expect(data?.ulCostCentre.expenses).toEqual({
      totalCount: 3,
      nodes: [
        { date: '2025-03-10', nature: 'CONSUMABLES', amount: { amount: 1200 }, amountHT: { amount: 1000 } },
        { date: '2025-04-02', nature: 'MAINTENANCE', amount: { amount: 6000 }, amountHT: { amount: 5000 } },
        { date: '2025-05-01', nature: 'CONSUMABLES', amount: { amount: -240 }, amountHT: { amount: -200 } },
      ],
    });
  });

  it('answers staff from SIHAM', async () => {
    const { data } = await hub.query(`{ ulStaffMember(id: "UL:00123458") { grade jobFamily } }`);
    expect(data?.ulStaffMember).toEqual({ grade: 'ASI', jobFamily: 'A' });
  });
});
