/*
 * Normalisation written once for every connector: how the site's sources type dates, amounts, unit codes
 * and serial numbers by hand (docs/SOURCES.md, common facts).
 */

const UNIT_CODE = /^\s*(UMR|UR|UPR|UMS|US|UAR|EA|FR|IRL|ERL|USR)?[\s-]*(\d{2,5})\b/i;

/** `UMR 7198`, `UMR7198`, `umr-7198 IAM` → `UMR7198`; a bare `7198` keeps its number: `7198`. */
export function normaliseUnitCode(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const match = UNIT_CODE.exec(raw);
  if (!match) return raw.trim() || null;
  return `${(match[1] ?? '').toUpperCase()}${match[2]}`;
}

/** Unit number alone, for matching codes typed with and without their type: `UR 7198` → `7198`. */
export function unitNumber(raw: string | null | undefined): string | null {
  const match = raw == null ? null : UNIT_CODE.exec(raw);
  return match?.[2] ?? null;
}

const SERIAL_PLACEHOLDERS = new Set([
  '',
  'NC',
  'NA',
  'N/A',
  'ND',
  '?',
  '0',
  '-',
  'INCONNU',
  'SANS',
  'AUCUN',
  'XXX',
]);
const SERIAL_PREFIX = /^(S\/N|SN|N°|NO|NUM|SERIE)\s*[:.#-]?\s*/i;

/** Serial numbers as typed by hand → a comparable key; placeholders (`NC`, `N/A`, `?`, `0`, `-`) → null. */
export function normaliseSerial(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  if (SERIAL_PLACEHOLDERS.has(trimmed.toUpperCase())) return null;
  const key = trimmed
    .replace(SERIAL_PREFIX, '')
    .toUpperCase()
    .replace(/[\s\-_./]/g, '');
  if (SERIAL_PLACEHOLDERS.has(key) || /^0+$/.test(key)) return null;
  return key;
}

/** A date from a driver (JS Date at local midnight, or ISO text) → 'YYYY-MM-DD'. */
export function toIsoDate(value: unknown): string | null {
  if (value == null || value === '') return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
}

/** A number from a driver: PostgreSQL `numeric` arrives as text, SQLite's as a number. */
export function toNumber(value: unknown): number | null {
  if (value == null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value));
  return Number.isFinite(n) ? n : null;
}

/** Trimmed text, null when empty. */
export function text(value: unknown): string | null {
  if (value == null) return null;
  const t = String(value).trim();
  return t === '' ? null : t;
}
