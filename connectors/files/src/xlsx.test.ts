import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceContractError, SourceUnavailableError } from '@hub/source-kit';
import { Workbook } from 'exceljs';
import { ValueError } from './french';
import { ReadReport } from './report';
import { writeXlsx } from './write';
import { type CellValue, cellToIsoDate, cellToNumber, newestWorkbook, readSheet } from './xlsx';

const HEADERS = ['N° inventaire', 'Libellé', "Date d'achat", "Prix d'achat TTC (€)", 'N° série'];
const EQUIPEMENTS: CellValue[][] = [
  ['INRAE-54-2020-0012', 'Spectromètre', new Date(Date.UTC(2019, 2, 14)), 612000.5, 'SN-1021'],
  ['INRAE-54-2020-0013', 'Étuve', '14/03/2019', '12 345,60', null],
  ['INRAE-54-2020-0014', 'Centrifugeuse', 43538, null, ''],
  ['INRAE-54-2020-0015', 'Balance', '31/02/2020', '150,00', 'NC'],
  ['INRAE-54-2020-0016', 'Pompe', '01/01/2020', 'abc', 'NC'],
];

let dir: string;
let workbook: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hub-xlsx-'));
  workbook = join(dir, 'extraction_INRAE_2026-10-31.xlsx');
  await writeXlsx(workbook, {
    Equipements: { headers: HEADERS, rows: EQUIPEMENTS },
    Agents: { headers: ['Matricule', 'Nom'], rows: [] },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a mapper does with each row: a value it cannot read rejects the row with the reason. */
async function mapEquipements(file: string, report: ReadReport) {
  const records = [];
  for await (const row of readSheet(file, 'Equipements', report, { expectedHeaders: HEADERS })) {
    try {
      records.push({
        line: row.line,
        serial: row.cells['N° série'],
        purchased: cellToIsoDate(row.cells["Date d'achat"]!),
        price: cellToNumber(row.cells["Prix d'achat TTC (€)"]!),
      });
      report.accept();
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      report.reject(row.location, error.message);
    }
  }
  return records;
}

describe('XLSX extractions', () => {
  it('reads date cells, serials, text dates, numbers, text amounts and empty cells', async () => {
    const report = new ReadReport('INRAE/extraction');
    expect(await mapEquipements(workbook, report)).toEqual([
      { line: 2, serial: 'SN-1021', purchased: '2019-03-14', price: 612000.5 },
      { line: 3, serial: null, purchased: '2019-03-14', price: 12345.6 },
      { line: 4, serial: null, purchased: '2019-03-14', price: null },
    ]);
    expect(report.problems).toEqual([
      {
        source: 'INRAE/extraction',
        location: 'extraction_INRAE_2026-10-31.xlsx#Equipements:5',
        reason: '"31/02/2020" is not a calendar date',
      },
      {
        source: 'INRAE/extraction',
        location: 'extraction_INRAE_2026-10-31.xlsx#Equipements:6',
        reason: '"abc" is not a number',
      },
    ]);
    expect(report).toMatchObject({ seen: 5, mapped: 3, rejected: 2 });
  });

  it('gives date cells as Dates, number cells as numbers and text as text, as typed', async () => {
    const [first, second] = await rows(workbook, 'Equipements');
    expect(first!.cells["Date d'achat"]).toEqual(new Date(Date.UTC(2019, 2, 14)));
    expect(first!.cells["Prix d'achat TTC (€)"]).toBe(612000.5);
    expect(second!.cells).toMatchObject({
      "Date d'achat": '14/03/2019',
      "Prix d'achat TTC (€)": '12 345,60',
    });
    expect(() => cellToNumber(first!.cells["Date d'achat"]!)).toThrow('a date (2019-03-14) is not a number');
  });

  it('skips the empty rows a spreadsheet keeps at the end', async () => {
    const book = new Workbook();
    await book.xlsx.readFile(workbook);
    const sheet = book.getWorksheet('Equipements')!;
    sheet.getCell('A10').numFmt = '0.00'; // formatted, never filled
    sheet.getCell('B11').value = '  ';
    expect(sheet.rowCount).toBe(11);
    const file = join(dir, 'trailing.xlsx');
    await book.xlsx.writeFile(file);

    const report = new ReadReport('INRAE/extraction');
    expect((await rows(file, 'Equipements', report)).map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(report.seen).toBe(5);
  });

  it('refuses a missing sheet and a missing header, naming file and sheet', async () => {
    await expect(rows(workbook, 'Dépenses')).rejects.toThrow(SourceContractError);
    await expect(rows(workbook, 'Dépenses')).rejects.toThrow(
      'extraction_INRAE_2026-10-31.xlsx has no sheet "Dépenses"',
    );
    const read = rows(workbook, 'Agents', new ReadReport('INRAE/extraction'), ['Matricule', 'Unité']);
    await expect(read).rejects.toThrow(SourceContractError);
    await expect(read).rejects.toThrow('extraction_INRAE_2026-10-31.xlsx#Agents: missing header "Unité"');
  });

  it('tells a missing file (unavailable) from a file that is no workbook (contract)', async () => {
    const notes = join(dir, 'notes.xlsx');
    writeFileSync(notes, 'pas un classeur');
    await expect(rows(join(dir, 'absent.xlsx'), 'Equipements')).rejects.toThrow(SourceUnavailableError);
    await expect(rows(notes, 'Equipements')).rejects.toThrow(SourceContractError);
  });

  it('keeps the day of a date cell whatever the time zone of the machine reading it', () => {
    // jest gives tests a copy of process.env, so TZ only takes effect in a process started with it.
    const script = join(dir, 'tz.ts');
    writeFileSync(
      script,
      `import { readSheet, cellToIsoDate, excelSerialToIsoDate, ReadReport } from ${JSON.stringify(__dirname)};
      (async () => {
        const dates = [excelSerialToIsoDate(new Date(Date.UTC(2019, 2, 14)))];
        for await (const row of readSheet(${JSON.stringify(workbook)}, 'Equipements', new ReadReport('t'))) {
          if (row.line <= 4) dates.push(cellToIsoDate(row.cells["Date d'achat"]));
        }
        const offset = new Date(Date.UTC(2019, 2, 14)).getTimezoneOffset();
        console.log(JSON.stringify({ offset, dates }));
      })();`,
    );
    for (const [TZ, offset] of [
      ['Pacific/Kiritimati', -14 * 60],
      ['Pacific/Pago_Pago', 11 * 60],
    ] as const) {
      const out = execFileSync(process.execPath, [require.resolve('tsx/cli'), script], {
        env: { ...process.env, TZ },
      });
      expect(JSON.parse(out.toString())).toEqual({ offset, dates: Array(4).fill('2019-03-14') });
    }
  });
});

describe('newest extraction', () => {
  it('picks the newest by the date in its name, lists the older, ignores the rest', async () => {
    const folder = join(dir, 'depot');
    mkdirSync(folder);
    for (const name of [
      'extraction_INRAE_2026-09-30.xlsx',
      'extraction_INRAE_2026-10-31.xlsx',
      'extraction_INRAE_2026-02-31.xlsx',
      '~$extraction_INRAE_2026-11-30.xlsx',
      'extraction_INRAE_2026-11-30.csv',
      'notes.xlsx',
    ]) {
      writeFileSync(join(folder, name), '');
    }
    expect(await newestWorkbook(folder)).toEqual({
      newest: join(folder, 'extraction_INRAE_2026-10-31.xlsx'),
      older: [join(folder, 'extraction_INRAE_2026-09-30.xlsx')],
    });
  });

  it('is unavailable when the folder is missing or holds no extraction', async () => {
    const empty = join(dir, 'vide');
    mkdirSync(empty);
    await expect(newestWorkbook(empty)).rejects.toThrow(SourceUnavailableError);
    await expect(newestWorkbook(join(dir, 'absent'))).rejects.toMatchObject({
      source: 'INRAE/extraction',
      cause: { code: 'ENOENT' },
    });
  });
});

async function rows(
  file: string,
  sheet: string,
  report = new ReadReport('INRAE/extraction'),
  expected?: string[],
) {
  const all = [];
  for await (const row of readSheet(file, sheet, report, { expectedHeaders: expected ?? [] })) all.push(row);
  return all;
}
