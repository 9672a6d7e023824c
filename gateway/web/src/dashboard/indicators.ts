/*
 * The steering committee's indicators, computed from what the graph answers (the site inventory, the
 * registry's platforms and staff): pure functions of the answers and the chosen year, so each chart and its
 * table say exactly the same thing.
 */

export interface Instrument {
  platformCode?: string | null;
  commissioningDate?: string | null;
  shares: { tutelle: string; valueHT: { amount: number } }[];
  records: { usefulLifeYears?: number | null }[];
}

export interface StaffLine {
  tutelle: string;
  share: number;
  member?: {
    grade: string;
    assignments?:
      | { fte: number; start: string; end?: string | null; yearlyCost?: { amount: number } | null }[]
      | null;
  } | null;
}

/** The tariff policy's default (docs/TARIFFS.md) where no tutelle records a useful life. */
export const DEFAULT_USEFUL_LIFE_YEARS = 7;

const yearEnd = (year: number) => Date.UTC(year, 11, 31);
const YEAR_MS = 365.25 * 86_400_000;
const instrumentValue = (i: Instrument) => i.shares.reduce((sum, s) => sum + s.valueHT.amount, 0);
const round = (n: number) => Math.round(n * 100) / 100;

/** In service at the end of the year: commissioned by then (an instrument of unknown date counts). */
const inServiceBy = (i: Instrument, year: number) =>
  !i.commissioningDate || Date.parse(i.commissioningDate) <= yearEnd(year);

export function valueByTutelle(
  instruments: Instrument[],
  year: number,
): { key: string; value: number; count: number }[] {
  const totals = new Map<string, { value: number; count: number }>();
  for (const i of instruments.filter((i) => inServiceBy(i, year))) {
    for (const s of i.shares) {
      const t = totals.get(s.tutelle) ?? { value: 0, count: 0 };
      totals.set(s.tutelle, { value: t.value + s.valueHT.amount, count: t.count + 1 });
    }
  }
  return [...totals]
    .map(([key, t]) => ({ key, value: round(t.value), count: t.count }))
    .sort((a, b) => b.value - a.value);
}

export function valueByPlatform(
  instruments: Instrument[],
  year: number,
): { key: string; value: number; count: number }[] {
  const totals = new Map<string, { value: number; count: number }>();
  for (const i of instruments.filter((i) => inServiceBy(i, year))) {
    const key = i.platformCode ?? 'hors plateforme';
    const t = totals.get(key) ?? { value: 0, count: 0 };
    totals.set(key, { value: t.value + instrumentValue(i), count: t.count + 1 });
  }
  return [...totals]
    .map(([key, t]) => ({ key, value: round(t.value), count: t.count }))
    .sort((a, b) => b.value - a.value);
}

export const AGE_BANDS = [
  { label: 'moins de 3 ans', max: 3 },
  { label: '3 à 7 ans', max: 7 },
  { label: '7 à 10 ans', max: 10 },
  { label: '10 à 15 ans', max: 15 },
  { label: '15 ans et plus', max: Number.POSITIVE_INFINITY },
];

/** Instruments by their age at the end of the chosen year. */
export function ageBands(
  instruments: Instrument[],
  year: number,
): { key: string; count: number; value: number }[] {
  const rows = [
    ...AGE_BANDS.map((b) => ({ key: b.label, count: 0, value: 0 })),
    { key: 'date inconnue', count: 0, value: 0 },
  ];
  for (const i of instruments.filter((i) => inServiceBy(i, year))) {
    const age = i.commissioningDate ? (yearEnd(year) - Date.parse(i.commissioningDate)) / YEAR_MS : null;
    const band = age == null ? rows.length - 1 : AGE_BANDS.findIndex((b) => age < b.max);
    rows[band]!.count += 1;
    rows[band]!.value += instrumentValue(i);
  }
  return rows.map((r) => ({ ...r, value: round(r.value) }));
}

/** When each instrument's life ends: its commissioning plus the longest useful life a tutelle records. */
function lifeEndYear(i: Instrument): number | null {
  if (!i.commissioningDate) return null;
  const lives = i.records.map((r) => r.usefulLifeYears).filter((n): n is number => n != null && n > 0);
  const life = lives.length ? Math.max(...lives) : DEFAULT_USEFUL_LIFE_YEARS;
  return new Date(i.commissioningDate).getUTCFullYear() + life;
}

/** Renewals due: overdue by the chosen year (life ended), then year by year over the horizon. */
export function renewalForecast(
  instruments: Instrument[],
  year: number,
  horizon = 6,
): { key: string; count: number; value: number }[] {
  const rows = [
    { key: `échue en ${year} ou avant`, count: 0, value: 0 },
    ...Array.from({ length: horizon }, (_, k) => ({ key: String(year + 1 + k), count: 0, value: 0 })),
  ];
  for (const i of instruments.filter((i) => inServiceBy(i, year))) {
    const end = lifeEndYear(i);
    if (end == null || end > year + horizon) continue;
    const row = rows[Math.max(0, end - year)]!;
    row.count += 1;
    row.value += instrumentValue(i);
  }
  return rows.map((r) => ({ ...r, value: round(r.value) }));
}

/** Value in service at the end of each year, by tutelle: the evolution up to the chosen year. */
export function valueEvolution(
  instruments: Instrument[],
  years: number[],
  tutelles: string[],
): Record<string, number[]> {
  return Object.fromEntries(
    tutelles.map((t) => [
      t,
      years.map((y) => valueByTutelle(instruments, y).find((r) => r.key === t)?.value ?? 0),
    ]),
  );
}

/** The part of a year an assignment covers (0 to 1). */
function partOfYear(start: string, end: string | null | undefined, year: number): number {
  const from = Math.max(Date.parse(start), Date.UTC(year, 0, 1));
  const to = Math.min(end ? Date.parse(end) : Number.POSITIVE_INFINITY, Date.UTC(year + 1, 0, 1));
  return Math.max(0, to - from) / (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1));
}

export interface StaffTotal {
  tutelle: string;
  category: string;
  people: number;
  fte: number;
  /** null: the payroll is withheld for the caller's role, or unknown. */
  payroll: number | null;
}

/**
 * FTE and loaded payroll on the platforms in the chosen year, by tutelle and category (grade): each person's
 * assignments over the year, times their share of time on the platform.
 */
export function staffTotals(lines: StaffLine[], year: number): StaffTotal[] {
  const totals = new Map<string, StaffTotal>();
  for (const line of lines) {
    const category = line.member?.grade ?? 'non communiqué';
    const key = `${line.tutelle}|${category}`;
    const total = totals.get(key) ?? { tutelle: line.tutelle, category, people: 0, fte: 0, payroll: 0 };
    const assignments = line.member?.assignments ?? [];
    const active = assignments.filter((a) => partOfYear(a.start, a.end, year) > 0);
    if (active.length > 0 || !line.member?.assignments) total.people += 1;
    for (const a of active) {
      const part = partOfYear(a.start, a.end, year);
      total.fte += a.fte * line.share * part;
      total.payroll =
        total.payroll == null || a.yearlyCost == null
          ? null
          : total.payroll + a.yearlyCost.amount * line.share * part;
    }
    if (!line.member?.assignments) total.payroll = null;
    totals.set(key, total);
  }
  return [...totals.values()]
    .map((t) => ({ ...t, fte: round(t.fte), payroll: t.payroll == null ? null : round(t.payroll) }))
    .sort((a, b) => a.tutelle.localeCompare(b.tutelle) || b.fte - a.fte);
}

export interface LabelLine {
  code: string;
  name: string;
  label: { status: string; nextReview?: string | null; expires?: string | null };
}

/** Label reviews: those due in each year around the chosen one, and those past due today. */
export function labelCalendar(platforms: LabelLine[], year: number, today = new Date()) {
  const years = Array.from({ length: 6 }, (_, k) => year - 1 + k);
  const due = years.map((y) => platforms.filter((p) => p.label.nextReview?.startsWith(String(y))).length);
  const todayIso = today.toISOString().slice(0, 10);
  const rows = platforms
    .filter((p) => p.label.nextReview)
    .map((p) => ({
      code: p.code,
      name: p.name,
      status: p.label.status,
      nextReview: p.label.nextReview!,
      overdue: p.label.nextReview! < todayIso,
    }))
    .sort((a, b) => a.nextReview.localeCompare(b.nextReview));
  return { years, due, rows, overdue: rows.filter((r) => r.overdue).length };
}
