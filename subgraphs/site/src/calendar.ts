/*
 * Calendar days as the registry and the tariffs count them: ISO dates 'YYYY-MM-DD', whole days in UTC.
 */

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Days since 1970-01-01 → 'YYYY-MM-DD'. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' plus whole years, 29 February landing on 28 February. */
export function yearsAfter(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y + years, m - 1, d));
  if (day.getUTCDate() !== d) day.setUTCDate(0);
  return day.toISOString().slice(0, 10);
}

/** A calendar year as a half-open range of day numbers: [1 January, next 1 January). */
export function yearRange(year: number): { from: number; to: number; days: number } {
  const from = Date.UTC(year, 0, 1) / DAY_MS;
  const to = Date.UTC(year + 1, 0, 1) / DAY_MS;
  return { from, to, days: to - from };
}

/** Days of [from, to) that fall in [rangeFrom, rangeTo): 0 when they do not meet. */
export function overlapDays(from: number, to: number, rangeFrom: number, rangeTo: number): number {
  return Math.max(0, Math.min(to, rangeTo) - Math.max(from, rangeFrom));
}

/** 'YYYY-MM-DD' plus whole months, the 31st landing on the month's last day. */
export function monthsAfter(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1 + months, d));
  if (day.getUTCDate() !== d) day.setUTCDate(0);
  return day.toISOString().slice(0, 10);
}
