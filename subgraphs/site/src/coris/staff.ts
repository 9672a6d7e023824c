import { euros, Role, VatBasis } from '@hub/schema';
import { dayNumber, overlapDays, yearRange } from '../calendar';
import type { IndicatorContext } from '../context';
import { categoryOf } from './categories';
import { COVERAGE } from './coverage';
import { StaffGrouping, type StaffIndicator, type StaffIndicatorRow } from './graphql/types';
import { type HrPerson, readStaff, type SourceReads } from './staff-source';

/** Fewer people than this in a cell, and the cell says nothing to whoever may not read salaries. */
export const MIN_CELL = 3;

export const STAFF_DEFINITIONS = [
  'People: those the registry places on a platform, with an HR assignment in force on at least one day of the year.',
  'A person employed by two tutelles in the year (a change of employer) counts once in each tutelle.',
  'FTE: Σ over assignments of the platform share × days in force in the year / days in the year.',
  'Loaded payroll: Σ loaded yearly cost × platform share × days in force / days in the year (as the tariffs count staff).',
  'Category: each HR source’s grade mapped to one site-wide set (docs/HISTORY.md).',
  `Cells of fewer than ${MIN_CELL} people are suppressed (with the next smallest where one alone would be deducible) except for steering, central and admin.`,
];

const READERS: readonly Role[] = [Role.STEERING, Role.CENTRAL, Role.ADMIN];

class Cell {
  readonly people = new Set<string>();
  fte = 0;
  payroll = 0;
  row(key: string, suppressed: boolean): StaffIndicatorRow {
    if (suppressed) return { key, suppressed, headcount: null, fte: null, payroll: null };
    return {
      key,
      suppressed,
      headcount: this.people.size,
      fte: Math.round(this.fte * 100) / 100,
      payroll: euros(this.payroll, VatBasis.HT),
    };
  }
}

/** The people's part of a year in each cell, from their HR records. Pure: the tests give it hand-built data. */
export function staffCells(
  platforms: ReadonlyArray<{
    code: string;
    staff: ReadonlyArray<{ share: number; member: { id: string } | null }>;
  }>,
  people: ReadonlyMap<string, HrPerson>,
  year: number,
  groupBy: StaffGrouping,
): { cells: Map<string, Cell>; total: Cell } {
  const range = yearRange(year);
  const cells = new Map<string, Cell>();
  const total = new Cell();
  for (const platform of platforms) {
    for (const s of platform.staff) {
      const person = s.member ? people.get(s.member.id) : undefined;
      if (!person) continue;
      for (const a of person.assignments) {
        const end = a.end ? dayNumber(a.end) + 1 : range.to;
        const days = overlapDays(dayNumber(a.start), end, range.from, range.to);
        if (days === 0) continue;
        const key =
          groupBy === StaffGrouping.TUTELLE
            ? person.tutelle
            : groupBy === StaffGrouping.CATEGORY
              ? categoryOf(person.grade)
              : platform.code;
        const cell = cells.get(key) ?? cells.set(key, new Cell()).get(key)!;
        for (const c of [cell, total]) {
          c.people.add(person.id);
          c.fte += (s.share * days) / range.days;
          c.payroll += ((a.yearlyCost ?? 0) * s.share * days) / range.days;
        }
      }
    }
  }
  return { cells, total };
}

/**
 * Which cells to suppress: the small ones, and where exactly one is small, the next smallest too, so that
 * the total less the others does not give it away.
 */
export function suppressedKeys(cells: ReadonlyMap<string, { people: Set<string> }>): Set<string> {
  const sorted = [...cells].sort(([, a], [, b]) => a.people.size - b.people.size);
  const small = new Set(sorted.filter(([, c]) => c.people.size < MIN_CELL).map(([k]) => k));
  if (small.size === 1 && sorted.length > 1) small.add(sorted[1]![0]);
  return small;
}

export async function staffIndicator(
  ctx: IndicatorContext,
  year: number,
  groupBy: StaffGrouping,
  reads: SourceReads = {},
): Promise<StaffIndicator> {
  const platforms = await ctx.registry.platforms();
  const people = await readStaff(ctx, platforms, reads);
  const { cells, total } = staffCells(platforms, people, year, groupBy);
  const mayReadAll = ctx.caller.roles.some((r) => READERS.includes(r));
  const hidden = mayReadAll ? new Set<string>() : suppressedKeys(cells);
  return {
    year,
    groupBy,
    heading: {
      title: `Platform staff in ${year}, by ${groupBy.toLowerCase()}`,
      definitions: STAFF_DEFINITIONS,
    },
    rows: [...cells]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, cell]) => cell.row(key, hidden.has(key))),
    total: total.row('site', !mayReadAll && total.people.size < MIN_CELL),
    minimumCell: MIN_CELL,
    coverage: COVERAGE,
  };
}
