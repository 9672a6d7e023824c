/*
 * Values as the tutelles' files type them (docs/SOURCES.md): amounts with a decimal comma and spaces between
 * thousands, dates `dd/mm/yyyy`, Excel date serials. Each parser throws a ValueError whose message is
 * the reason to put in the read report: the mapper rejects the row, the read goes on.
 */

/** A value that cannot be read; the message names the value and says why, for the read report. */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

// Spreadsheets and French locales group thousands with a space, a no-break space or a narrow no-break space.
const GROUPED = /^-?\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:,\d+)?$/;
const COMMA = /^-?\d+(?:,\d+)?$/;
// Machine-written amounts (an API, a formula's result turned to text) use a decimal point.
const POINT = /^-?\d+\.\d+$/;

/** `1 234,56`, `1234,56`, `-240,00`, `612000.5` → a number. */
export function parseFrenchNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new ValueError('empty, expected a number');
  if (!GROUPED.test(trimmed) && !COMMA.test(trimmed) && !POINT.test(trimmed)) {
    throw new ValueError(`${JSON.stringify(text)} is not a number`);
  }
  return Number(trimmed.replace(/[ \u00A0\u202F]/g, '').replace(',', '.'));
}

const FRENCH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** `14/03/2019` → `2019-03-14`; other forms and days that do not exist are refused. */
export function parseFrenchDate(text: string): string {
  const match = FRENCH_DATE.exec(text.trim());
  if (!match) throw new ValueError(`${JSON.stringify(text)} is not a date in the form dd/mm/yyyy`);
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new ValueError(`${JSON.stringify(text)} is not a calendar date`);
  }
  return utcDay(date);
}

const DAY_MS = 86_400_000;
const LAST_EXCEL_SERIAL = 2_958_465; // 31/12/9999

/**
 * An Excel date (1900 date system) → `YYYY-MM-DD`, computed in UTC so the server's time zone cannot move
 * the day. A number is the serial: Excel counts 29/02/1900, which never existed (Lotus 1-2-3's leap-year
 * bug), so serials after 60 are one day ahead of a plain count and 60 itself is refused. A Date is what
 * the XLSX library already made of the serial: a UTC instant, read in UTC.
 */
export function excelSerialToIsoDate(value: number | Date): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValueError('invalid date');
    return utcDay(value);
  }
  if (!Number.isFinite(value) || value < 1 || value >= LAST_EXCEL_SERIAL + 1) {
    throw new ValueError(`${value} is not an Excel date serial`);
  }
  // Round to the millisecond first so a time of 23:59:59.9999… stored as a float does not lose its day.
  const day = Math.floor(Math.round(value * DAY_MS) / DAY_MS);
  if (day === 60) throw new ValueError('Excel serial 60 is 29/02/1900, a day that never existed');
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return utcDay(new Date(epoch + day * DAY_MS));
}

function utcDay(date: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/*
 * The other way, for the exports the central services open in a French spreadsheet: a decimal comma and no
 * thousands separator (a spreadsheet reads `1234,50` as a number; some read a grouped `1 234,50` as text).
 */

/** 1234.5 → `1234,50`; -0.004 → `0,00`. */
export function formatFrenchNumber(value: number, decimals = 2): string {
  const text = value.toFixed(decimals);
  return (/^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text).replace('.', ',');
}

/** `2019-03-14` → `14/03/2019`. */
export function formatFrenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new ValueError(`${JSON.stringify(isoDate)} is not a date in the form YYYY-MM-DD`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}
