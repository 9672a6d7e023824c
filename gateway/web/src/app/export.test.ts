import { type Column, toCsv } from './export';

/*
 * The interface's CSV download as a French spreadsheet opens it, and never a formula from a source's text.
 */
interface Row {
  designation: string | null;
  value: number | null;
}
const COLUMNS: Column<Row>[] = [
  { header: 'Désignation', value: (r) => r.designation },
  { header: 'Valeur HT (€)', value: (r) => r.value },
];

describe('CSV download', () => {
  it('writes UTF-8 with a BOM, ";", CRLF and decimal commas, quoting what needs it', async () => {
    const csv = await toCsv(
      [
        { designation: 'Réactifs; lot "A"\nsuite', value: 1234.5 },
        { designation: null, value: -12.25 },
      ],
      COLUMNS,
    );
    expect(csv).toBe('\uFEFFDésignation;Valeur HT (€)\r\n"Réactifs; lot ""A""\nsuite";1234,5\r\n;-12,25\r\n');
  });

  it('writes text a spreadsheet would run as a formula after a quote, and leaves numbers numbers', async () => {
    const csv = await toCsv(
      [
        { designation: '=HYPERLINK("http://evil.example")', value: -3 },
        { designation: '@SUM(A1)', value: 0 },
      ],
      COLUMNS,
    );
    expect(csv.split('\r\n').slice(1, 3)).toEqual([
      `"'=HYPERLINK(""http://evil.example"")";-3`,
      "'@SUM(A1);0",
    ]);
  });
});
