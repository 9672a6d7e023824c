import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import iconv from 'iconv-lite';
import type { CellValue } from './xlsx';

/*
 * Files as the tutelles drop them, for the demo site and the tests: the writers make the contract's
 * shapes (docs/SOURCES.md); damaged files are the tests' own business.
 */

export interface CsvWriteOptions {
  /** 'windows-1252' is the CHRU's export; 'utf-8-bom' what Excel's "CSV UTF-8" makes. */
  encoding: 'windows-1252' | 'utf-8-bom';
}

/**
 * A `;`-separated CSV with CRLF line ends, by csv-stringify. Values are written as given (the caller formats `1 234,56`,
 * `14/03/2019`), except text a spreadsheet would run as a formula (see `spreadsheetSafe`); a field is quoted
 * only when it holds `;`, a quote or a line break. A character Windows-1252 cannot encode is refused:
 * iconv-lite would write `?` in its place without a word.
 */
export async function writeCsv(
  file: string,
  headers: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  options: CsvWriteOptions,
): Promise<void> {
  const records = [headers, ...rows];
  records.forEach((row, i) => {
    if (row.length !== headers.length) {
      throw new Error(`line ${i + 1}: ${row.length} values for ${headers.length} headers`);
    }
  });
  const text = stringify(records, {
    delimiter: ';',
    record_delimiter: '\r\n',
    // A lone CR or LF in a field is a line break too, to a spreadsheet: quoted as well as a CRLF.
    quote_record_delimiter: true,
    bom: options.encoding === 'utf-8-bom',
    cast: { string: spreadsheetSafe },
  });
  if (options.encoding === 'utf-8-bom') {
    await writeFile(file, text, 'utf8');
    return;
  }
  const bytes = iconv.encode(text, 'windows-1252');
  const decoded = [...iconv.decode(bytes, 'windows-1252')];
  const lost = [...text].find((char, i) => decoded[i] !== char);
  if (lost !== undefined) throw new Error(`${JSON.stringify(lost)} cannot be written in Windows-1252`);
  await writeFile(file, bytes);
}

/**
 * Text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and LibreOffice
 * (CSV injection: `=HYPERLINK(…)` in a designation typed in a source runs in whoever opens the export): it
 * is written after a `'`, which shows the text as typed. A number (`-1 240,00`) stays a number, a lone `-` (a placeholder) stays as typed.
 */
function spreadsheetSafe(value: string): string {
  const formula =
    /^[=+\-@\t\r]/.test(value) && value !== '-' && !/^-\d[\d \u00a0\u202f]*(,\d+)?$/.test(value);
  return formula ? `'${value}` : value;
}

/** A sheet to write: header on row 1, then the rows; number formats by column index (Excel's codes). */
export interface XlsxSheet {
  headers: readonly string[];
  rows: readonly (readonly CellValue[])[];
  /** `'#,##0.00 "€"'`, `'0'`...; a number column not listed shows as Excel's General. */
  numberFormats?: Readonly<Record<number, string>>;
}

/**
 * A workbook with one sheet per entry, as a reader opens it: the header row bold on a grey fill, frozen
 * and with filters; columns wide enough for their header; numbers as number cells in the column's format,
 * Dates as date cells (shown `dd/mm/yyyy`, stored as the serial of their UTC day), strings as text (never
 * a formula), null as an empty cell.
 */
export async function writeXlsx(file: string, sheets: Record<string, XlsxSheet>): Promise<void> {
  const workbook = new Workbook();
  for (const [name, { headers, rows, numberFormats = {} }] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = headers.map((header, i) => ({
      width: Math.max(10, Math.min(40, header.length + 4)),
      ...(numberFormats[i] ? { style: { numFmt: numberFormats[i] } } : {}),
    }));
    const header = sheet.addRow([...headers]);
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
      cell.numFmt = '@';
    });
    for (const values of rows) {
      const row = sheet.addRow([...values]);
      row.eachCell((cell, column) => {
        if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
        else if (typeof cell.value === 'number' && numberFormats[column - 1])
          cell.numFmt = numberFormats[column - 1]!;
      });
    }
    if (headers.length > 0)
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  }
  await workbook.xlsx.writeFile(file);
}
