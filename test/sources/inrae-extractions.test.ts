import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectInrae } from '@hub/connector-inrae';
import { INRAE_FIXTURE } from '@hub/connector-inrae/testing';
import { writeInraeExtractions } from '@hub/ops';

/** INRAE's extraction folder, damaged rows included: the read completes, the bad rows reported. */
describe("INRAE's extraction files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-inrae-'));
    await writeInraeExtractions(INRAE_FIXTURE, dir, '2026-10-31');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the newest workbook, every good row there, every bad one reported with its place and reason', async () => {
    const connector = connectInrae({ folder: dir });
    const snapshot = await connector.snapshot();
    expect(snapshot.reads).toEqual([
      {
        source: 'INRAE/extraction',
        seen: 5,
        mapped: 3,
        rejected: 2,
        problems: [
          {
            location: 'extraction_INRAE_2026-10-31.xlsx#Equipements:4',
            reason: expect.stringMatching(/^Date d'achat: .*31\/02\/2020/),
          },
          {
            location: 'extraction_INRAE_2026-10-31.xlsx#Equipements:5',
            reason: expect.stringMatching(/^Prix d'achat TTC \(€\): .*abc/),
          },
        ],
      },
      { source: 'INRAE/extraction', seen: 1, mapped: 1, rejected: 0, problems: [] },
      {
        source: 'INRAE/extraction',
        seen: 3,
        mapped: 2,
        rejected: 1,
        problems: [
          {
            location: 'extraction_INRAE_2026-10-31.xlsx#Dépenses:4',
            reason: expect.stringMatching(/^Date: .*hier/),
          },
        ],
      },
    ]);
    // Text typed by hand is read like the cells: '02/06/2020', '12 345,60' TTC → 10 288 HT.
    const [records] = (await connector.inventoryByCostCentres(['PF-XG-INRAE'])).values();
    expect(records?.map((r) => [r.id, r.commissioningDate, r.valueHT.amount, r.status])).toEqual([
      ['INRAE:INRAE-54-2019-0012', '2019-03-14', 50000, 'IN_SERVICE'],
      ['INRAE:INRAE-54-2020-0013', '2020-06-02', 10288, 'OUT_OF_ORDER'],
    ]);
    const staff = await connector.staffByIds(['INRAE:I0001']);
    expect(staff.get('INRAE:I0001')?.assignments?.[0]).toMatchObject({
      unitCode: 'UMR1136',
      fte: 0.8,
      yearlyCost: { amount: 52000 },
    });
    const expenses = await connector.expensesByCostCentres(['PF-XG-INRAE'], 2025);
    expect(expenses.get('PF-XG-INRAE')?.map((e) => [e.date, e.nature, e.amountHT.amount])).toEqual([
      ['2025-03-01', 'CONSUMABLES', 1000],
      ['2025-04-15', 'MAINTENANCE', 2000],
    ]);
  });

  it('reads again only when a newer workbook arrives', async () => {
    const connector = connectInrae({ folder: dir });
    const first = await connector.snapshot();
    expect(await connector.snapshot()).toBe(first);
    await writeInraeExtractions(
      { ...INRAE_FIXTURE, Equipements: INRAE_FIXTURE.Equipements.slice(0, 1) },
      dir,
      '2026-11-30',
    );
    const second = await connector.snapshot();
    expect(second).not.toBe(first);
    expect(second.inventoryById.size).toBe(1);
  });

  it('reports the folder down when there is no extraction in it', async () => {
    const connector = connectInrae({ folder: path.join(dir, 'missing') });
    await expect(connector.inventoryByCostCentres(['PF-XG-INRAE'])).rejects.toMatchObject({
      source: 'INRAE/extraction',
    });
    expect(await connector.health()).toEqual([
      expect.objectContaining({ source: 'INRAE/extraction', up: false }),
    ]);
  });
});
