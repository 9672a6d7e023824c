import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReadReport, readSheet } from '@hub/connector-files';
import { createPostgresDatabase } from '@hub/connector-sql/testing';
import { exportInventory, type SiteInventory } from '@hub/subgraph-site';
import Database from 'better-sqlite3';
import { Workbook } from 'exceljs';
import { englishCells } from '../src/french-sheets';
import { fixtureInventory } from '../src/inventory-feed';

/** The inventory's index in PostgreSQL, as a deployment configures it (HUB_SITE_DB=postgresql://…). */
describe('the site-wide inventory indexed in PostgreSQL', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let inventory: SiteInventory;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-inventory-pg-'));
    database = await createPostgresDatabase();
    ({ inventory, close } = await fixtureInventory(dir, { kind: 'postgresql', url: database.url }));
  });
  afterAll(async () => {
    await close?.();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs, reconciles, keeps a decision through a changed re-sync, and exports', async () => {
    const first = await inventory.sync({ pageSize: 3 });
    expect(first.tutelles.map((t) => [t.tutelle, t.inserted])).toEqual([
      ['UL', 4],
      ['CNRS', 4],
    ]);
    let snapshot = await inventory.snapshot();
    const diffractometer = snapshot.byRecord.get('UL:000020004512')!;
    expect(diffractometer).toMatchObject({
      id: 'EQ-CNRS:345',
      recordIds: ['CNRS:345', 'UL:000020004512'],
      valueHTCents: 33_000_000,
      shares: { UL: 23_000_000, CNRS: 10_000_000 },
    });

    await inventory.split('admin@univ-lorraine.fr', 'EQ-CNRS:345', ['CNRS:345']);
    const db = new Database(path.join(dir, 'cnrs', 'cnrs_dr06.sqlite'));
    db.prepare(
      "UPDATE inventaire SET libelle = 'Diffractomètre D8', maj = '2026-03-01 09:00:00' WHERE id = 345",
    ).run();
    db.close();
    const again = await inventory.sync({ pageSize: 3 });
    expect(again.tutelles.map((t) => [t.tutelle, t.inserted, t.updated, t.removed])).toEqual([
      ['UL', 0, 0, 0],
      ['CNRS', 0, 1, 0],
    ]);
    snapshot = await inventory.snapshot();
    expect(snapshot.byRecord.get('CNRS:345')?.recordIds).toEqual(['CNRS:345']);
    expect((await inventory.decisions())[0]).toMatchObject({
      kind: 'split',
      decidedBy: 'admin@univ-lorraine.fr',
    });

    const file = path.join(dir, 'inventaire.csv');
    expect(await exportInventory(snapshot, file, Date.parse('2026-12-01'))).toBe(snapshot.equipment.length);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(
      /^Identifiant;Désignation;Fabricant;Modèle;N° de série;Plateforme;Unité;Tutelles;Valeur HT \(€\);/,
    );
    expect(lines.find((l) => l.startsWith('EQ-UL:000020004512;'))).toMatch(
      /;XGAMMA;UMR7198;UL;230000,00;230000,00;;;;14\/03\/2019;7,7;En service;/,
    );

    const workbook = path.join(dir, 'inventaire.xlsx');
    await exportInventory(snapshot, workbook, Date.parse('2026-12-01'));
    const rows = [];
    for await (const row of readSheet(workbook, 'Inventaire', new ReadReport('export'))) rows.push(row.cells);
    expect(rows).toHaveLength(snapshot.equipment.length);
    // Number and date cells, not text: the spreadsheet sums and sorts them.
    expect(rows.find((r) => r.Identifiant === 'EQ-UL:000020004512')).toMatchObject({
      'Valeur HT (€)': 230000,
      'Mise en service': new Date('2019-03-14T00:00:00Z'),
      'Âge (ans)': 7.7,
    });
    // French throughout: no code or English word (states, yes/no) in the sheet.
    expect(englishCells(await new Workbook().xlsx.readFile(workbook))).toEqual([]);
  });
});
