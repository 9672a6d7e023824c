/*
 * INRAE's extraction workbooks (docs/SOURCES.md): `extraction_INRAE_YYYY-MM-DD.xlsx` dropped in a folder, the
 * newest one the truth; headers on row 1; dates as Excel dates or text `dd/mm/yyyy`; amounts as numbers
 * or text with a decimal comma.
 *
 * Reader: exceljs 4.4.0. Not `xlsx` (SheetJS) from the npm registry: frozen at 0.18.5, with known CVEs
 * (prototype pollution CVE-2023-30533, ReDoS CVE-2024-22363) fixed only in releases SheetJS publishes
 * outside the registry. exceljs is on the registry, maintained, CommonJS (which jest on Node 20 needs),
 * types included, and reads date cells as UTC instants. It loads a whole workbook in memory: extractions
 * are a few thousand rows; its streaming reader would need the shared strings before the sheets, which
 * a file saved by hand does not promise.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SourceContractError, SourceUnavailableError } from '@hub/source-kit';
import { type CellValue as ExcelValue, Workbook } from 'exceljs';
import { excelSerialToIsoDate, parseFrenchDate, parseFrenchNumber, ValueError } from './french';
import { headerNames, headerProblems } from './header';
import type { ReadReport } from './report';

/** A cell as a mapper sees it: text, number, date (a UTC instant), or null when empty. */
export type CellValue = string | number | Date | null;

export interface SheetRow {
  /** Row number in the sheet (1 is the header). */
  line: number;
  /** `extraction_INRAE_2026-10-31.xlsx#Equipements:7`, for the read report. */
  location: string;
  cells: Record<string, CellValue>;
}

export interface Workbooks {
  newest: string;
  /** The older extractions, newest first: kept in the folder, not read. */
  older: string[];
}

/** The newest `<prefix>YYYY-MM-DD.xlsx` in `dir`, by the date in its name; other files are ignored. */
export async function newestWorkbook(
  dir: string,
  prefix = 'extraction_INRAE_',
  source = 'INRAE/extraction',
): Promise<Workbooks> {
  const names = await readdir(dir).catch((cause) => {
    throw new SourceUnavailableError(`cannot list ${dir}: ${cause.message}`, source, { cause });
  });
  const dated = names
    .map((name) => ({ name, date: extractionDate(name, prefix) }))
    .filter((f): f is { name: string; date: string } => f.date !== null)
    .sort((a, b) => b.date.localeCompare(a.date));
  const [newest, ...older] = dated.map((f) => join(dir, f.name));
  if (newest === undefined) {
    throw new SourceUnavailableError(`no ${prefix}YYYY-MM-DD.xlsx in ${dir}`, source);
  }
  return { newest, older };
}

function extractionDate(name: string, prefix: string): string | null {
  if (!name.startsWith(prefix)) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})\.xlsx$/.exec(name.slice(prefix.length));
  if (!match) return null;
  try {
    return parseFrenchDate(`${match[3]}/${match[2]}/${match[1]}`); // `2026-02-31` names no extraction
  } catch {
    return null;
  }
}

/**
 * The rows of one sheet, keyed by its header row. Empty cells are null; rows with no value at all (the
 * formatted but empty rows a spreadsheet keeps at the end) are skipped. A missing file is a
 * SourceUnavailableError; a file that is no workbook, a missing sheet or expected header, a
 * SourceContractError. The reader rejects no row itself: every row it yields is the mapper's to accept
 * or reject.
 */
export async function* readSheet(
  file: string,
  sheetName: string,
  report: ReadReport,
  options: { expectedHeaders?: readonly string[] } = {},
): AsyncGenerator<SheetRow> {
  const name = basename(file);
  const sheet = (await loadWorkbook(file, report.source)).getWorksheet(sheetName);
  if (sheet === undefined) {
    throw new SourceContractError(`${name} has no sheet ${JSON.stringify(sheetName)}`, report.source);
  }
  const headerRow = sheet.getRow(1);
  const header = headerNames(
    Array.from({ length: headerRow.cellCount }, (_, i) =>
      String(cellValue(headerRow.getCell(i + 1).value) ?? ''),
    ),
  );
  const problems = headerProblems(header, options.expectedHeaders);
  if (problems.length > 0) {
    throw new SourceContractError(`${name}#${sheetName}: ${problems.join('; ')}`, report.source);
  }
  for (let line = 2; line <= sheet.rowCount; line++) {
    const row = sheet.getRow(line);
    const entries = header.flatMap((h, i) => (h === '' ? [] : [[h, cellValue(row.getCell(i + 1).value)]]));
    if (entries.every(([, value]) => value === null)) continue;
    report.see();
    yield { line, location: `${name}#${sheetName}:${line}`, cells: Object.fromEntries(entries) };
  }
}

async function loadWorkbook(file: string, source: string): Promise<Workbook> {
  const name = basename(file);
  const bytes = await readFile(file).catch((cause) => {
    throw new SourceUnavailableError(`cannot read ${name}: ${cause.message}`, source, { cause });
  });
  const workbook = new Workbook();
  try {
    // exceljs's typings declare their own `Buffer` (an ArrayBuffer); at run time it takes Node's.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (cause) {
    const reason = (cause as Error).message;
    throw new SourceContractError(`${name} is not a readable workbook: ${reason}`, source, { cause });
  }
  return workbook;
}

/** exceljs's cell shapes → the value shown in the cell: formulas by their result, rich text as text. */
function cellValue(value: ExcelValue): CellValue {
  if (value == null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return cellValue(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return cellValue(value.text);
  if ('error' in value) return value.error;
  return cellValue(value.result ?? null);
}

/** A date cell, a serial, or `dd/mm/yyyy` typed as text → `YYYY-MM-DD`; empty → null. */
export function cellToIsoDate(cell: CellValue): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') return parseFrenchDate(cell);
  return excelSerialToIsoDate(cell);
}

/** A number cell, or an amount typed as text (`12 345,60`) → a number; empty → null. */
export function cellToNumber(cell: CellValue): number | null {
  if (cell === null || typeof cell === 'number') return cell;
  if (cell instanceof Date) throw new ValueError(`a date (${excelSerialToIsoDate(cell)}) is not a number`);
  return parseFrenchNumber(cell);
}
