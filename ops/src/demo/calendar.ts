/*
 * Dates as day numbers (days since 1970-01-01, UTC): cheap to draw and compare by the hundred thousand,
 * formatted only when a row is written. UTC throughout, so no time zone shifts a date.
 */

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

const isoCache = new Map<number, string>();

/** 'YYYY-MM-DD'; cached, as a site has a few thousand distinct days and a million dated rows. */
export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** 'dd/mm/yyyy', as dates are typed by hand in spreadsheets. */
export function frenchDateOf(day: number): string {
  const [y, m, d] = isoOf(day).split('-');
  return `${d}/${m}/${y}`;
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The same day `months` later; days past the month's end roll into the next month, as Date does. */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  date.setUTCMonth(date.getUTCMonth() + months);
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/** 'YYYY-MM-DD hh:mm:ss', a MariaDB TIMESTAMP. */
export function timestampOf(day: number, secondOfDay: number): string {
  return new Date(day * MS_PER_DAY + secondOfDay * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
