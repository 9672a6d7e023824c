import { euros, VatBasis } from '@hub/schema';
import type { IndicatorContext } from '../context';
import { COVERAGE } from './coverage';
import { instrumentsByPlatform, instrumentsOn, netBookCents } from './equipment';
import type { Figures } from './graphql/types';
import { type HrPerson, readStaff, type SourceReads } from './staff-source';

/*
 * The site's or a platform's figures on past dates, rebuilt from the sources' own dates: the index's
 * records (commissioning, removals as the syncs saw them) and the HR assignments (start, end). One staff
 * read per tutelle per request (every platform's `history` of a list included) and one index read per
 * inventory version, whatever the number of dates.
 */

/** 31 December of each year from `fromYear` to `toYear`, the current year's as of today. */
export function yearEnds(fromYear: number, toYear: number, today: string): string[] {
  const dates: string[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const end = `${year}-12-31`;
    if (end > today && year > Number(today.slice(0, 4))) break;
    dates.push(end < today ? end : today);
  }
  return dates;
}

/** People in force on `date` on these platforms: headcount (each person once) and FTE (Σ platform shares). */
export function staffOn(
  platforms: ReadonlyArray<{ staff: ReadonlyArray<{ share: number; member: { id: string } | null }> }>,
  people: ReadonlyMap<string, HrPerson>,
  date: string,
): { headcount: number; fte: number } {
  const present = new Set<string>();
  let fte = 0;
  for (const p of platforms)
    for (const s of p.staff) {
      const person = s.member ? people.get(s.member.id) : undefined;
      if (!person?.assignments.some((a) => a.start <= date && (a.end == null || a.end >= date))) continue;
      present.add(person.id);
      fte += s.share;
    }
  return { headcount: present.size, fte: Math.round(fte * 100) / 100 };
}

export async function figuresOn(
  ctx: IndicatorContext,
  dates: readonly string[],
  platformCode: string | null,
  reads: SourceReads = {},
): Promise<Figures[]> {
  const all = await ctx.registry.platforms();
  const platforms = platformCode == null ? all : all.filter((p) => p.code === platformCode);
  const people = await readStaff(ctx, platforms, reads);
  const figures: Figures[] = [];
  for (const asOf of dates) {
    const instruments =
      platformCode == null
        ? await instrumentsOn(ctx, asOf)
        : ((await instrumentsByPlatform(ctx, asOf)).get(platformCode) ?? []);
    const cents = instruments.reduce((sum, i) => sum + i.cents, 0);
    const net = instruments.reduce((sum, i) => sum + netBookCents(i, asOf), 0);
    figures.push({
      asOf,
      platformCode,
      instruments: instruments.length,
      valueHT: euros(cents / 100, VatBasis.HT),
      netBookValueHT: euros(net / 100, VatBasis.HT),
      ...staffOn(platforms, people, asOf),
      coverage: COVERAGE,
    });
  }
  return figures;
}
