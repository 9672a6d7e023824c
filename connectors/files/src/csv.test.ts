import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceContractError, SourceUnavailableError } from '@hub/source-kit';
import iconv from 'iconv-lite';
import { type CsvOptions, readCsv } from './csv';
import { parseFrenchNumber } from './french';
import { mapRows } from './map';
import { ReadReport } from './report';
import { writeCsv } from './write';

const HEADERS = [
  'Matricule',
  'Nom',
  'Prénom',
  'Grade',
  'UF',
  'Quotité',
  'Date entrée',
  'Date sortie',
  'Coût annuel chargé',
];
const ROWS = [
  ['C1001', 'Lefèvre', 'Cœur', 'IGR', '4521', '100', '14/03/2019', '', '62 345,60'],
  ['C1002', 'L’Hôte', 'Zoé', 'TCH', '4521', '50', '01/09/2020', '31/08/2026', '1 234,56 €'],
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hub-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file the writer would refuse to make (rows of the wrong length, broken quotes): CRLF, Windows-1252. */
function writeRaw(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1252'));
  return file;
}

/** Reads the whole file the way a connector does: every yielded row is accepted. */
async function readAll(file: string, options?: CsvOptions) {
  const report = new ReadReport('CHRU/personnels');
  const rows = [];
  for await (const row of readCsv(file, report, options)) {
    rows.push(row);
    report.accept();
  }
  expect(report.seen).toBe(report.mapped + report.rejected);
  return { rows, report };
}

describe('CSV exports', () => {
  it.each([
    ['windows-1252', 0x80],
    ['utf-8-bom', 0xe2],
  ] as const)('keep €, œ, ’, accents and decimal commas in %s', async (encoding, euroFirstByte) => {
    const file = join(dir, `personnels_${encoding}.csv`);
    await writeCsv(file, HEADERS, ROWS, { encoding });
    const bytes = readFileSync(file);
    expect(bytes.includes(euroFirstByte)).toBe(true); // the € really is in that encoding
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);

    const { rows, report } = await readAll(file);
    expect(rows.map((r) => HEADERS.map((h) => r.cells[h]))).toEqual(ROWS);
    expect(rows.map((r) => r.location)).toEqual([
      `personnels_${encoding}.csv:2`,
      `personnels_${encoding}.csv:3`,
    ]);
    expect(parseFrenchNumber(rows[0]!.cells['Coût annuel chargé']!)).toBe(62345.6);
    expect(report).toMatchObject({ seen: 2, mapped: 2, rejected: 0, problems: [] });
  });

  it('reports a short and a long row with their line and reason, and yields every other row', async () => {
    const file = writeRaw('depenses_uf.csv', [
      'Date;UF;Compte;Libellé;Montant',
      '02/01/2026;4521;606300;Réactifs;1 200,00',
      '03/01/2026;4521;606300',
      '04/01/2026;4521;615600;Maintenance;-240,00',
      '05/01/2026;4521;615600;Contrat;"3 000,00";en trop',
      '06/01/2026;4522;606100;Azote liquide;845,10',
    ]);
    const { rows, report } = await readAll(file);
    expect(rows.map((r) => r.line)).toEqual([2, 4, 6]);
    expect(rows[1]!.cells).toEqual({
      Date: '04/01/2026',
      UF: '4521',
      Compte: '615600',
      Libellé: 'Maintenance',
      Montant: '-240,00',
    });
    expect(report.problems).toEqual([
      { source: 'CHRU/personnels', location: 'depenses_uf.csv:3', reason: 'expected 5 fields, got 3' },
      { source: 'CHRU/personnels', location: 'depenses_uf.csv:5', reason: 'expected 5 fields, got 6' },
    ]);
    expect(report).toMatchObject({ seen: 5, mapped: 3, rejected: 2 });
  });

  it('keeps a quoted field with a ";" and line breaks whole, and counts lines right after it', async () => {
    const file = writeRaw('libelles.csv', [
      'Date;UF;Compte;Libellé;Montant',
      '02/01/2026;4521;606300;"Réactifs; lot ""A""',
      'suite du libellé',
      'fin";1 200,00',
      '',
      ';;;;',
      '03/01/2026;4521;606300;Gants',
      '04/01/2026;4521;606300;Pipettes;12,50',
    ]);
    const { rows, report } = await readAll(file);
    expect(rows.map((r) => [r.line, r.cells.Libellé])).toEqual([
      [2, 'Réactifs; lot "A"\nsuite du libellé\nfin'],
      [8, 'Pipettes'],
    ]);
    expect(report.problems.map((p) => p.location)).toEqual(['libelles.csv:7']);
  });

  it('counts lines the same in a file saved with LF line ends', async () => {
    const file = join(dir, 'lf.csv');
    writeFileSync(file, 'a;b\n"x\ny";1\n2;3\n');
    const { rows } = await readAll(file);
    expect(rows.map((r) => [r.line, r.cells.a])).toEqual([
      [2, 'x\ny'],
      [4, '2'],
    ]);
  });

  it('counts lines right when a CRLF inside a quoted field is split between two read chunks', async () => {
    let text = 'n;texte\r\n';
    let line = 2;
    while (text.length < 65_000) text += `${line};ligne ${line++}\r\n`;
    // fs reads 64 KiB chunks: put this field's CR last in the first chunk, its LF first in the next.
    const opening = `${line};"`;
    text += `${opening}${'x'.repeat(65_535 - text.length - opening.length)}\r\nsuite"\r\n`;
    text += `${line + 2};fin\r\n`;
    const file = join(dir, 'long.csv');
    writeFileSync(file, iconv.encode(text, 'windows-1252'));
    expect(readFileSync(file).subarray(65_535, 65_537).toString()).toBe('\r\n');

    const { rows, report } = await readAll(file);
    expect(rows.every((r) => r.cells.n === String(r.line))).toBe(true);
    expect(rows.at(-2)!.cells.texte).toMatch(/^x+\nsuite$/);
    expect(rows.at(-1)).toMatchObject({ line: line + 2, cells: { texte: 'fin' } });
    expect(report).toMatchObject({ seen: line, rejected: 0 });
  });

  it('reports rows with bytes the encoding leaves undefined or that are not UTF-8', async () => {
    const cp1252 = join(dir, 'cp1252.csv');
    writeFileSync(
      cp1252,
      Buffer.concat([
        iconv.encode('Nom;Prénom\r\nDupont;Zoé\r\nMart', 'windows-1252'),
        Buffer.from([0x81, 0x9d]),
        iconv.encode('n;Léa\r\nPetit;Noël\r\n', 'windows-1252'),
      ]),
    );
    const utf8 = join(dir, 'utf8.csv');
    writeFileSync(
      utf8,
      Buffer.concat([
        Buffer.from('\uFEFFNom;Prénom\r\nDupont;Zoé\r\nMartin;L', 'utf8'),
        Buffer.from([0xe9]), // a Latin-1 é pasted into a UTF-8 file
        Buffer.from('a\r\nPetit;Noël\r\n', 'utf8'),
      ]),
    );
    for (const [file, encoding] of [
      [cp1252, 'windows-1252'],
      [utf8, 'utf-8'],
    ] as const) {
      const { rows, report } = await readAll(file);
      expect(rows.map((r) => r.cells.Prénom)).toEqual(['Zoé', 'Noël']);
      expect(report.problems.map((p) => [p.location, p.reason])).toEqual([
        [expect.stringMatching(/:3$/), `bad encoding: bytes that are not ${encoding} text`],
      ]);
    }
  });

  it('reports the UTF-8 rows of a Windows-1252 export with their line, rather than garbled names', async () => {
    const file = join(dir, 'half-utf8.csv');
    writeFileSync(
      file,
      Buffer.concat([
        iconv.encode('Nom;Prénom\r\nLefèvre;Zoé\r\n', 'windows-1252'),
        // Pasted from a UTF-8 tool: read as Windows-1252 it would be `LefÃ¨vre;HÃ©lÃ¨ne`.
        Buffer.from('Lefèvre;Hélène\r\nL’Hôte;Noël\r\n', 'utf8'),
        iconv.encode('Petit;Anaïs\r\nDurand;Paul\r\n', 'windows-1252'),
      ]),
    );
    const { rows, report } = await readAll(file);
    expect(rows.map((r) => [r.line, r.cells.Nom, r.cells.Prénom])).toEqual([
      [2, 'Lefèvre', 'Zoé'],
      [5, 'Petit', 'Anaïs'],
      [6, 'Durand', 'Paul'],
    ]);
    expect(report.problems.map((p) => [p.location, p.reason])).toEqual([
      ['half-utf8.csv:3', 'mixed encodings: this row is UTF-8 in a windows-1252 file'],
      ['half-utf8.csv:4', 'mixed encodings: this row is UTF-8 in a windows-1252 file'],
    ]);
  });

  it('reports a quote never closed once, at the line it opens, keeping the rows before it', async () => {
    const file = writeRaw('quote.csv', ['Nom;Écran', 'Dupont;24"', 'Martin;"27 pouces', 'Petit;32']);
    const { rows, report } = await readAll(file);
    expect(rows.map((r) => r.cells.Écran)).toEqual(['24"']);
    expect(report.problems).toEqual([
      {
        source: 'CHRU/personnels',
        location: 'quote.csv:3',
        reason: 'a quote opened in this row is never closed: lines 3 to 4 could not be read',
      },
    ]);
  });

  it('names the source and keeps the cause when the file cannot be read', async () => {
    for (const file of [join(dir, 'absent.csv'), dir]) {
      const read = readAll(file);
      await expect(read).rejects.toThrow(SourceUnavailableError);
      await expect(read).rejects.toMatchObject({
        source: 'CHRU/personnels',
        cause: { code: file === dir ? 'EISDIR' : 'ENOENT' },
      });
    }
  });

  it('refuses a file that is not the expected export: empty, or a header missing', async () => {
    const empty = writeRaw('empty.csv', []);
    await expect(readAll(empty)).rejects.toThrow(SourceContractError);
    await expect(readAll(empty)).rejects.toThrow('empty.csv is empty: no header line');
    const other = writeRaw('other.csv', ['Matricule;Nom;Prenom', '1;Dupont;Zoé']);
    await expect(readAll(other, { expectedHeaders: ['Matricule', 'Prénom'] })).rejects.toThrow(
      'other.csv: missing header "Prénom"',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas, and leaves negative numbers numbers', async () => {
    const file = join(dir, 'export.csv');
    const cells = ['=HYPERLINK("http://x")', '+33 3 83', '@SUM(A1)', '-2+3', '\t=1', '-240,00', 'Réactifs'];
    await writeCsv(
      file,
      cells.map((_, i) => `c${i}`),
      [cells],
      { encoding: 'utf-8-bom' },
    );
    const { rows } = await readAll(file, { encoding: 'utf-8' });
    expect(Object.values(rows[0]!.cells)).toEqual([
      `'=HYPERLINK("http://x")`,
      "'+33 3 83",
      "'@SUM(A1)",
      "'-2+3",
      "'\t=1",
      '-240,00',
      'Réactifs',
    ]);
  });

  it('writes a cell holding ";", quotes and a line break so that it reads back whole', async () => {
    const file = join(dir, 'round-trip.csv');
    const cells = ['Réactifs; lot "A"\nsuite', '"', ';', '\n', 'fin'];
    await writeCsv(
      file,
      cells.map((_, i) => `c${i}`),
      [cells],
      { encoding: 'windows-1252' },
    );
    const { rows } = await readAll(file);
    expect(rows.map((r) => [r.line, Object.values(r.cells)])).toEqual([[2, cells]]);
  });

  it('writes only what Windows-1252 can hold', async () => {
    await expect(
      writeCsv(join(dir, 'arrow.csv'), ['Libellé'], [['aller → retour']], { encoding: 'windows-1252' }),
    ).rejects.toThrow('"→" cannot be written in Windows-1252');
  });
});

describe('a read whose caller has gone', () => {
  it('stops between rows, the file closed', async () => {
    const file = writeRaw('long.csv', ['id;nom', ...Array.from({ length: 50 }, (_, i) => `${i};row ${i}`)]);
    const caller = new AbortController();
    const report = new ReadReport('TEST/long');
    let mapped = 0;
    const read = mapRows(
      readCsv(file, report),
      report,
      (row) => row.location,
      (row) => {
        if (++mapped === 2) caller.abort(new Error('caller gone'));
        return row.cells.id;
      },
      { signal: caller.signal },
    );
    await expect(read).rejects.toThrow('caller gone');
    expect(mapped).toBe(2);
  });
});
