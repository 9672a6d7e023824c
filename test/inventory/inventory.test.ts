import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cnrsSqliteDatabase } from '@hub/connector-cnrs';
import { CNRS_FIXTURE } from '@hub/connector-cnrs/testing';
import { ulSqliteDatabase } from '@hub/connector-ul';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { writeCnrsSqlite, writeUlSqlite } from '@hub/ops';
import { Role, Tutelle } from '@hub/schema';
import { jwtSecret, mintToken } from '@hub/service-kit';
import { type InventoryFeed, SubgraphInventoryFeed, syncInventory } from '@hub/subgraph-site';
import Database from 'better-sqlite3';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

const INVENTORY = /* GraphQL */ `{
  siteInventory(first: 50) {
    totalCount
    nodes { id tutelles confidence confirmed valueHT { amount } records { id } }
  }
  total: siteInventoryTotals { equipmentCount valueHT { amount } note }
}`;

type Inventory = {
  siteInventory: {
    totalCount: number;
    nodes: Array<{ id: string; records: Array<{ id: string }> } & Record<string, any>>;
  };
  total: Array<{ equipmentCount: number; valueHT: { amount: number } }>;
};

const clusters = (data: Inventory | null | undefined) =>
  (data?.siteInventory.nodes ?? []).map((n) => n.records.map((r) => r.id).sort()).sort();

describe('the site-wide inventory on the fixtures, through the gateway', () => {
  let dir: string;
  let hub: Hub;
  const token = (roles: Role[], subject = 'agent.comptable@univ-lorraine.fr') =>
    mintToken(jwtSecret(), { subject, roles });
  const sync = (options = {}) => hub.site.inventory.sync({ pageSize: 2, ...options });
  const inventory = async () => {
    const { data, errors } = await hub.query<Inventory>(INVENTORY);
    expect(errors).toBeUndefined();
    return data!;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-inventory-'));
    writeUlSqlite(UL_FIXTURE, path.join(dir, 'ul'));
    writeCnrsSqlite(CNRS_FIXTURE, path.join(dir, 'cnrs'));
    hub = await startSubgraphsAndGateway({
      ul: { database: ulSqliteDatabase(path.join(dir, 'ul')), asOf: () => '2026-01-01' },
      cnrs: { database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) },
    });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says the inventory is not synced yet rather than answering a bare 0', async () => {
    const { data, errors } = await hub.query('{ siteInventoryTotals { equipmentCount note } }');
    expect(errors).toBeUndefined();
    expect(data?.siteInventoryTotals).toEqual([
      { equipmentCount: 0, note: expect.stringMatching(/^not synced yet: .*hub inventory sync/) },
    ]);
  });

  it('resumes a sync interrupted after a page, without loss or duplicate', async () => {
    const real = new SubgraphInventoryFeed(hub.site.tutelles);
    let pages = 0;
    const crashing: InventoryFeed = {
      tutelles: real.tutelles,
      page: async (tutelle, request) => {
        if (++pages === 2) throw new Error('connection reset');
        return real.page(tutelle, request);
      },
    };
    await expect(syncInventory(hub.site.orm.em, crashing, { pageSize: 2 })).rejects.toThrow(
      'connection reset',
    );
    const report = await sync();
    expect(report.tutelles[0]).toMatchObject({ tutelle: Tutelle.UL, resumed: true, inserted: 2, done: true });
    expect(report.tutelles.map((t) => t.inserted)).toEqual([2, 4, 3, 3]);
    // Every record once: UL 4 in service, CNRS 4 (retired included), INRAE 3 and CHRU 3 readable.
    const rows = await hub.site.orm.em
      .fork()
      .getConnection()
      .execute('SELECT count(*) AS n FROM inventory_record');
    expect(Number(rows[0]?.n)).toBe(14);
  });

  it('counts a co-funded instrument once, its value the sum of the shares, HT', async () => {
    const data = await inventory();
    expect(clusters(data)).toContainEqual(['CNRS:345', 'INRAE:INRAE-54-2019-0012', 'UL:000020004512']);
    expect(clusters(data)).toContainEqual(['CHRU:GMAO-004512', 'UL:000020004600']);
    const diffractometer = data.siteInventory.nodes.find((n) => n.id === 'EQ-CNRS:345')!;
    // UL (240,000 + 36,000 TTC) / 1.2 + CNRS 100,000 HT + INRAE 60,000 TTC / 1.2.
    expect(diffractometer.valueHT.amount).toBe(380000);
    expect(diffractometer.confidence).toBeGreaterThan(0.99);
    // 14 records, 3 + 2 of them being two instruments: 11 instruments, 3 of them disposed: 8 held.
    expect(data.siteInventory.totalCount).toBe(8);
    expect(data.total).toEqual([{ equipmentCount: 8, valueHT: { amount: expect.any(Number) }, note: null }]);
  });

  it('links each tutelle record to its instrument, with the evidence of the match', async () => {
    const { data, errors } = await hub.query(`{
      ulInventoryRecord(id: "UL:000020004512") { designation equipment { id tutelles links { probability evidence { field level bayesFactorLog2 } } } }
    }`);
    expect(errors).toBeUndefined();
    const equipment = data?.ulInventoryRecord.equipment;
    expect(equipment).toMatchObject({ id: 'EQ-CNRS:345', tutelles: ['CNRS', 'INRAE', 'UL'] });
    expect(equipment.links[0].evidence).toContainEqual({
      field: 'serialNumber',
      level: 'same',
      bayesFactorLog2: expect.any(Number),
    });
  });

  it('searches, filters and totals the site by tutelle and platform', async () => {
    const { data, errors } = await hub.query(`{
      search: siteInventory(filter: { search: "diffractometre", manufacturer: "Bruker AXS" }) { nodes { id platformCode platform { name } } }
      old: siteInventory(filter: { tutelle: CNRS, minAgeYears: 15, includeDisposed: true }) { nodes { id } }
      byTutelle: siteInventoryTotals(groupBy: TUTELLE) { key equipmentCount valueHT { amount } }
      byPlatform: siteInventoryTotals(groupBy: PLATFORM, filter: { minValueHT: 100000 }) { key equipmentCount }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.search.nodes).toEqual([
      { id: 'EQ-CNRS:345', platformCode: 'XGAMMA', platform: { name: 'Centre de compétences XGamma' } },
    ]);
    expect(data?.old.nodes).toEqual([{ id: 'EQ-CNRS:347' }]);
    expect(data?.byTutelle.find((t: { key: string }) => t.key === 'CNRS')).toEqual({
      // CNRS's four instruments less the retired one (90,000): what it still holds.
      key: 'CNRS',
      equipmentCount: 3,
      valueHT: { amount: 295000 },
    });
    expect(data?.byPlatform).toEqual([
      { key: 'CNRSONLY', equipmentCount: 1 },
      { key: 'MICROSCOPY', equipmentCount: 1 },
      { key: 'XGAMMA', equipmentCount: 2 },
    ]);
  });

  it('counts the instruments the site still holds unless asked for the disposed ones too', async () => {
    const { data, errors } = await hub.query(`{
      held: siteInventory(first: 50) { totalCount nodes { id status } }
      heldTotal: siteInventoryTotals { equipmentCount valueHT { amount } }
      all: siteInventory(first: 50, filter: { includeDisposed: true }) { totalCount nodes { id status valueHT { amount } } }
      allTotal: siteInventoryTotals(filter: { includeDisposed: true }) { equipmentCount valueHT { amount } }
      disposed: siteInventory(filter: { status: DISPOSED }) { nodes { id } }
    }`);
    expect(errors).toBeUndefined();
    // The CNRS's retired instrument, INRAE's disposed one and the CHRU's REFORME microscope.
    const gone = ['EQ-CHRU:GMAO-000100', 'EQ-CNRS:347', 'EQ-INRAE:INRAE-54-2009-0002'];
    const disposed = data?.all.nodes.filter((n: { status: string }) => n.status === 'DISPOSED');
    expect(disposed.map((n: { id: string }) => n.id).sort()).toEqual(gone);
    expect(data?.disposed.nodes.map((n: { id: string }) => n.id).sort()).toEqual(gone);
    expect(data?.held.nodes.filter((n: { status: string }) => n.status === 'DISPOSED')).toEqual([]);
    expect(data?.held.totalCount).toBe(data?.all.totalCount - 3);
    expect(data?.heldTotal[0].equipmentCount).toBe(data?.held.totalCount);
    const disposedValue = disposed.reduce(
      (sum: number, n: { valueHT: { amount: number } }) => sum + n.valueHT.amount,
      0,
    );
    expect(data?.heldTotal[0].valueHT.amount).toBeCloseTo(
      data?.allTotal[0].valueHT.amount - disposedValue,
      2,
    );
  });

  it('queues uncertain matches for central services, the most money at stake first', async () => {
    const query = `{ inventoryReviewQueue { nodes { kind priority link { recordA recordB probability } } } }`;
    const denied = await hub.query(query);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { data, errors } = await hub.query(query, { token: await token([Role.CENTRAL]) });
    expect(errors).toBeUndefined();
    const priorities = data?.inventoryReviewQueue.nodes.map((n: { priority: number }) => n.priority);
    expect(priorities).toEqual([...priorities].sort((a: number, b: number) => b - a));
  });

  it('changes nothing when run twice', async () => {
    const before = await inventory();
    const again = await sync();
    expect(again.tutelles.map(({ inserted, updated, removed }) => ({ inserted, updated, removed }))).toEqual(
      Array(4).fill({ inserted: 0, updated: 0, removed: 0 }),
    );
    expect(await inventory()).toEqual(before);
  });

  it('lets central services and admins decide, nobody else', async () => {
    const confirm = `mutation { confirmEquipment(id: "EQ-CNRS:345") { kind decidedBy } }`;
    for (const roles of [[], [Role.PLATFORM], [Role.STEERING]]) {
      const options = roles.length === 0 ? {} : { token: await token(roles) };
      const { data, errors } = await hub.query(confirm, options);
      expect(data?.confirmEquipment ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const { data, errors } = await hub.query(confirm, { token: await token([Role.CENTRAL]) });
    expect(errors).toBeUndefined();
    expect(data?.confirmEquipment).toEqual({
      kind: 'confirm',
      decidedBy: 'agent.comptable@univ-lorraine.fr',
    });
  });

  it('keeps a split and a merge through a re-sync with changed source data', async () => {
    const admin = { token: await token([Role.ADMIN], 'admin@univ-lorraine.fr') };
    // INRAE's share is, a person says, another instrument; the CNRS oven and INRAE's climate chamber one.
    const split = await hub.query(
      `mutation { splitEquipment(id: "EQ-CNRS:345", recordIds: ["INRAE:INRAE-54-2019-0012"]) { kind equipmentIds previous } }`,
      admin,
    );
    expect(split.errors).toBeUndefined();
    expect(JSON.parse(split.data?.splitEquipment.previous)).toEqual([
      { id: 'EQ-CNRS:345', recordIds: ['CNRS:345', 'INRAE:INRAE-54-2019-0012', 'UL:000020004512'] },
    ]);
    const merge = await hub.query(
      `mutation { mergeEquipment(ids: ["EQ-CNRS:346", "EQ-INRAE:INRAE-54-2020-0013"]) { kind equipment { id records { id } } } }`,
      admin,
    );
    expect(merge.errors).toBeUndefined();
    expect(merge.data?.mergeEquipment.equipment).toEqual([
      { id: 'EQ-CNRS:346', records: [{ id: 'CNRS:346' }, { id: 'INRAE:INRAE-54-2020-0013' }] },
    ]);

    // The sources change: UL retypes its diffractometer, CNRS its oven (read incrementally).
    const ul = new Database(path.join(dir, 'ul', 'sifac.sqlite'));
    ul.prepare(
      "UPDATE immobilisation SET designation = 'DIFFRACTOMETRE RX D8' WHERE num_immo = '000020004512' AND sous_num = 0",
    ).run();
    ul.close();
    const cnrs = new Database(path.join(dir, 'cnrs', 'cnrs_dr06.sqlite'));
    cnrs
      .prepare(
        "UPDATE inventaire SET libelle = 'Four tubulaire 1200 °C', maj = '2026-03-01 09:00:00' WHERE id = 346",
      )
      .run();
    cnrs.close();
    const report = await sync();
    expect(report.tutelles.map((t) => t.updated)).toEqual([1, 1, 0, 0]);

    const data = await inventory();
    expect(clusters(data)).toContainEqual(['CNRS:345', 'UL:000020004512']);
    expect(clusters(data)).toContainEqual(['INRAE:INRAE-54-2019-0012']);
    expect(clusters(data)).toContainEqual(['CNRS:346', 'INRAE:INRAE-54-2020-0013']);
    const audit = await hub.query(`{ inventoryDecisions { nodes { kind decidedBy } } }`, admin);
    expect(audit.data?.inventoryDecisions.nodes).toEqual([
      { kind: 'merge', decidedBy: 'admin@univ-lorraine.fr' },
      { kind: 'split', decidedBy: 'admin@univ-lorraine.fr' },
      { kind: 'confirm', decidedBy: 'agent.comptable@univ-lorraine.fr' },
    ]);
  });

  it("has the tariffs depreciate the instruments as reconciled, people's decisions included", async () => {
    // After the split above, INRAE's share of the diffractometer is an instrument of its own, although its
    // serial number agrees with UL's and CNRS's: the tariff follows the inventory, not the serials.
    const { data, errors } = await hub.query(
      `{ platform(code: "XGAMMA") { tariffs(year: 2025) { costBase { components {
           component instruments { key records { id } } } } } } }`,
      { token: await token([Role.CENTRAL]) },
    );
    expect(errors).toBeUndefined();
    const depreciation = data?.platform.tariffs.costBase.components.find(
      (c: { component: string }) => c.component === 'DEPRECIATION',
    );
    const instruments = depreciation.instruments.map((i: { records: Array<{ id: string }> }) =>
      i.records.map((r) => r.id).sort(),
    );
    expect(instruments).toContainEqual(['CNRS:345', 'UL:000020004512']);
    expect(instruments).toContainEqual(['INRAE:INRAE-54-2019-0012']);
  });
});
