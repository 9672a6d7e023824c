import { CNRS_FIXTURE } from '@hub/connector-cnrs/testing';
import { createMariadbDatabase } from '@hub/connector-sql/testing';
import { loadCnrsMariadb } from '@hub/ops';
import { Role } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** CNRS from a real MariaDB replica, beside UL: a co-funded platform answers from both. */
describe('CNRS from its MariaDB replica', () => {
  let database: Awaited<ReturnType<typeof createMariadbDatabase>>;
  let hub: Hub;

  beforeAll(async () => {
    database = await createMariadbDatabase();
    await loadCnrsMariadb(CNRS_FIXTURE, database.url);
    hub = await startSubgraphsAndGateway({
      cnrs: { database: { kind: 'mariadb', url: database.url }, schema: database.name },
    });
  });
  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  it('returns the co-funded diffractometer from UL, CNRS and INRAE', async () => {
    const { data, errors } = await hub.query(`{
      platform(code: "XGAMMA") {
        costCentres { tutelle equipment { nodes { id serialNumberNormalized commissioningDate valueHT { amount } } } }
      }
    }`);
    expect(errors).toBeUndefined();
    const diffractometers = data?.platform.costCentres
      .flatMap((c: { equipment: { nodes: { serialNumberNormalized: string }[] } }) => c.equipment.nodes)
      .filter((r: { serialNumberNormalized: string }) => r.serialNumberNormalized === '1234AB');
    expect(diffractometers).toEqual([
      {
        id: 'UL:000020004512',
        serialNumberNormalized: '1234AB',
        commissioningDate: '2019-03-14',
        valueHT: { amount: 230000 },
      },
      {
        id: 'CNRS:345',
        serialNumberNormalized: '1234AB',
        commissioningDate: '2019-03-14',
        valueHT: { amount: 100000 },
      },
      {
        id: 'INRAE:INRAE-54-2019-0012',
        serialNumberNormalized: '1234AB',
        commissioningDate: '2019-03-14',
        valueHT: { amount: 50000 },
      },
    ]);
  });

  it("reads CNRS's expenses and staff, dates as stored, decimals exact", async () => {
    const { data, errors } = await hub.query(
      `{
        cnrsCostCentre(code: "PF-XGAMMA") { expenses(year: 2025) { nodes { date nature amountHT { amount } } } }
        cnrsStaffMember(id: "CNRS:40412") { grade lastName assignments { unitCode fte start yearlyCost { amount } } }
      }`,
      { token: await mintToken(jwtSecret(), { subject: 'central-services', roles: [Role.CENTRAL] }) },
    );
    expect(errors).toBeUndefined();
    expect(data?.cnrsCostCentre.expenses.nodes).toEqual([
      { date: '2025-02-01', nature: 'MAINTENANCE', amountHT: { amount: 4000 } },
      { date: '2025-06-01', nature: 'CONSUMABLES', amountHT: { amount: 800 } },
    ]);
    expect(data?.cnrsStaffMember).toEqual({
      grade: 'IR',
      lastName: 'BERNARD',
      assignments: [{ unitCode: 'UMR7198', fte: 1, start: '2016-09-01', yearlyCost: { amount: 71000 } }],
    });
  });

  it('reads the MariaDB inventory incrementally by `maj`', async () => {
    const ids = async (changedSince: string | null) => {
      const out: string[] = [];
      for await (const page of hub.cnrs.connector.readInventory({ pageSize: 2, changedSince })) {
        out.push(...page.records.map((r) => r.id));
      }
      return out;
    };
    expect(await ids(null)).toEqual(['CNRS:345', 'CNRS:346', 'CNRS:347', 'CNRS:400']);
    expect(await ids('2026-01-05 09:59:59')).toHaveLength(4);
    expect(await ids('2026-01-05 10:00:00')).toEqual([]);
  });
});
