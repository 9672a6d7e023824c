import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReadReport, readSheet } from '@hub/connector-files';
import { ExpenseNature, Tutelle } from '@hub/schema';
import { Workbook } from 'exceljs';
import { tariffSheets, writeTariffExport } from './export';
import { divergenceLines } from './model/divergence';
import { Exact } from './model/exact';
import { computeTariffs } from './model/tariffs';
import { readTariffPolicy } from './policy/load';

/** 1,000.00 of maintenance over 400 instrument hours, priced for a service of that name. */
function maintenanceGrid(name: string) {
  const policy = readTariffPolicy();
  // 1,000.00 of maintenance over 400 instrument hours: 2.50 an hour internal and external; private
  // 2.50 × 1.12 × 1.10 = 3.08, VAT 0.62.
  const grid = computeTariffs(
    {
      platform: 'P',
      year: 2025,
      records: [],
      staff: [],
      expenses: [
        {
          id: 'CNRS:1',
          tutelle: Tutelle.CNRS,
          date: '2025-05-05',
          nature: ExpenseNature.MAINTENANCE,
          account: 'maintenance',
          label: null,
          costCentre: 'PF-P',
          amountHT: Exact.euros(1000),
        },
      ],
    },
    [
      {
        code: 'H',
        name,
        unit: 'hour',
        yearlyVolume: 400,
        staffHoursPerUnit: 0,
        equipmentHoursPerUnit: 1,
      },
    ],
    policy,
  );
  const lines = divergenceLines(grid, () => [{ tutelle: Tutelle.CNRS, category: 'internal', amount: 2 }]);
  return { grid, lines, policy };
}

describe('the tariff export', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-tariff-export-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one workbook with the grids, the gaps and their summary, numbers as numbers', async () => {
    const { grid, lines, policy } = maintenanceGrid('Heure');
    const file = path.join(dir, 'tarifs.xlsx');
    expect(await writeTariffExport(file, 'xlsx', tariffSheets([grid], lines, policy))).toEqual([file]);
    const rows = async (sheet: string) => {
      const out: unknown[] = [];
      for await (const row of readSheet(file, sheet, new ReadReport('test'))) out.push(row.cells);
      return out;
    };
    expect(await rows('Grilles')).toEqual([
      expect.objectContaining({ Catégorie: 'interne', 'Prix HT (€)': 2.5, 'TVA (€)': null }),
      expect.objectContaining({ Catégorie: 'externe', 'Prix HT (€)': 2.5 }),
      expect.objectContaining({
        Catégorie: 'privé',
        'Prix HT (€)': 3.08,
        'TVA (€)': 0.62,
        'Prix TTC (€)': 3.7,
      }),
    ]);
    // 2.50 against CNRS's 2.00: +0.50, +25 %, 200.00 over the 400 hours.
    expect(await rows('Écarts')).toEqual([
      expect.objectContaining({
        Tutelle: 'CNRS',
        'Écart (€)': 0.5,
        'Écart (%)': 25,
        'Écart annuel (€)': 200,
      }),
    ]);
    expect(await rows('Synthèse')).toEqual([
      expect.objectContaining({ Plateforme: 'P', 'Prix comparés': 1 }),
      expect.objectContaining({ Plateforme: 'SITE', 'Au-delà de 10 %': 1 }),
    ]);
  });

  it('neutralises text a spreadsheet would run as a formula, in every CSV report', async () => {
    const { grid, lines, policy } = maintenanceGrid('=HYPERLINK("http://evil.example","Heure")');
    const out = path.join(dir, 'tarifs.csv');
    const files = await writeTariffExport(out, 'csv', tariffSheets([grid], lines, policy));
    const grids = readFileSync(files[0]!, 'utf8');
    expect(grids).toContain(`;"'=HYPERLINK(""http://evil.example"",""Heure"")";`);
    expect(grids).not.toMatch(/;"?=HYPERLINK/);
    expect(readFileSync(files[1]!, 'utf8')).toContain(`'=HYPERLINK`);
  });

  it('writes a workbook a French reader can use: labels in French, formats, a frozen filtered header', async () => {
    const { grid, lines, policy } = maintenanceGrid('Heure');
    const file = path.join(dir, 'tarifs-formats.xlsx');
    await writeTariffExport(file, 'xlsx', tariffSheets([grid], lines, policy));
    const workbook = new Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Grilles')!;
    const header = sheet.getRow(1);
    expect(header.font?.bold ?? header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const column = (name: string) => (header.values as unknown[]).indexOf(name);
    const row = sheet.getRow(2);
    expect(row.getCell(column('Prix HT (€)')).numFmt).toBe('#,##0.00 "€"');
    expect(row.getCell(column('Année')).numFmt).toBe('0');
    // No English word in a French sheet: the unit and the costs covered are French.
    expect(row.getCell(column('Unité')).value).toBe('heure');
    expect(row.getCell(column('Coûts couverts')).value).toBe('consommables, maintenance, personnel');
  });
});
