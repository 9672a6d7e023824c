import { euros, VatBasis } from '@hub/schema';
import type { EntityManager } from '@mikro-orm/core';
import type { SiteContext } from '../context';
import type { LabelStatus, Platform, UserCategory } from '../graphql/types';
import type { TariffRequest } from '../tariffs';
import { instrumentsByPlatform, instrumentsOn } from './equipment';
import { type IndicatorSnapshot, SnapshotKind } from './graphql/types';
import { IndicatorSnapshotRow } from './snapshot-entity';
import { readStaff, type SourceReads } from './staff-source';

/*
 * What the sources cannot rebuild: the site's and every platform's figures, stored as the hub computed them
 * at each sync and at each year end, so that a series stays what it was even when a source rewrites its
 * past, the platforms' tariffs of the year included. One index read, one staff read and one cost base read
 * per tutelle per snapshot, whatever the number of platforms.
 */

export type SnapshotSources = Pick<SiteContext, 'registry' | 'tutelles' | 'inventory'> & {
  /** The tariffs to keep (the platforms' grids of the year of the date); none kept without. */
  tariffs?: TariffRequest;
};

/** A service's price for a category, as a snapshot keeps it. */
export interface SnapshotPrice {
  service: string;
  category: string;
  priceHTCents: number;
}

/** Each platform's prices of `year`, by code; a platform whose costs could not be read is absent. */
async function tariffsOf(
  tariffs: TariffRequest | undefined,
  platforms: readonly Platform[],
  year: number,
): Promise<Map<string, SnapshotPrice[]>> {
  const kept = new Map<string, SnapshotPrice[]>();
  if (!tariffs) return kept;
  const site = await tariffs.siteTariffs(platforms, year);
  for (const grid of site.grids)
    kept.set(
      grid.platform,
      grid.services.flatMap((s) =>
        (s.prices ?? []).map((p) => ({
          service: s.service.code,
          category: p.category,
          priceHTCents: Number(p.priceHTCents),
        })),
      ),
    );
  return kept;
}

const cents = (euros: number) => Math.round(euros * 100);

export class SnapshotStore {
  constructor(private readonly em: EntityManager) {}

  /** Compute and store the figures on `asOf` of the site and of each platform; the rows stored. */
  async take(
    sources: SnapshotSources,
    kind: SnapshotKind,
    asOf: string,
    reads: SourceReads = {},
  ): Promise<number> {
    const platforms = await sources.registry.platforms();
    const [people, byPlatform, instruments, prices] = await Promise.all([
      readStaff(sources, platforms, reads),
      instrumentsByPlatform(sources, asOf),
      instrumentsOn(sources, asOf),
      tariffsOf(sources.tariffs, platforms, Number(asOf.slice(0, 4))),
    ]);
    const takenAt = new Date().toISOString();
    const rows: IndicatorSnapshotRow[] = [];
    const site = { instruments: 0, cents: 0, people: new Set<string>(), fte: 0, payroll: 0, services: 0 };
    for (const i of instruments) {
      site.instruments++;
      site.cents += i.cents;
    }
    for (const p of platforms) {
      const own = byPlatform.get(p.code) ?? [];
      const present = new Set<string>();
      let fte = 0;
      let payroll = 0;
      for (const s of p.staff) {
        const person = s.member ? people.get(s.member.id) : undefined;
        const inForce = person?.assignments.find((a) => a.start <= asOf && (a.end == null || a.end >= asOf));
        if (!person || !inForce) continue;
        present.add(person.id);
        site.people.add(person.id);
        fte += s.share;
        payroll += (inForce.yearlyCost ?? 0) * s.share;
      }
      site.fte += fte;
      site.payroll += payroll;
      site.services += p.services.length;
      rows.push(
        Object.assign(new IndicatorSnapshotRow(), {
          takenAt,
          kind,
          asOf,
          platformCode: p.code,
          instruments: own.length,
          valueHTCents: own.reduce((sum, i) => sum + i.cents, 0),
          headcount: present.size,
          fte: Math.round(fte * 100) / 100,
          payrollCents: cents(payroll),
          services: p.services.length,
          labelStatus: p.label.status,
          labelledPlatforms: null,
          tariffs: prices.has(p.code) ? JSON.stringify(prices.get(p.code)) : null,
        }),
      );
    }
    rows.push(
      Object.assign(new IndicatorSnapshotRow(), {
        takenAt,
        kind,
        asOf,
        platformCode: null,
        instruments: site.instruments,
        valueHTCents: site.cents,
        headcount: site.people.size,
        fte: Math.round(site.fte * 100) / 100,
        payrollCents: cents(site.payroll),
        services: site.services,
        labelStatus: null,
        labelledPlatforms: platforms.filter((p) => p.label.status === 'labelled').length,
      }),
    );
    const em = this.em.fork();
    await em.transactional(async (tx) => {
      for (const row of rows) tx.persist(row);
    });
    return rows.length;
  }

  /**
   * After a sync: a SYNC snapshot of today, and the last year end's if none is stored yet (rebuilt from the
   * sources' dates on the first sync after 31 December).
   */
  async afterSync(sources: SnapshotSources, today: string, reads: SourceReads = {}): Promise<number> {
    let stored = await this.take(sources, SnapshotKind.SYNC, today, reads);
    const lastYearEnd = `${Number(today.slice(0, 4)) - 1}-12-31`;
    const em = this.em.fork();
    if ((await em.count(IndicatorSnapshotRow, { kind: SnapshotKind.YEAR_END, asOf: lastYearEnd })) === 0)
      stored += await this.take(sources, SnapshotKind.YEAR_END, lastYearEnd, reads);
    return stored;
  }

  /** Snapshots of the site (platform null) or a platform whose date falls in the years, oldest first. */
  async list(platform: string | null, fromYear: number, toYear: number): Promise<IndicatorSnapshot[]> {
    const rows = await this.em
      .fork()
      .find(
        IndicatorSnapshotRow,
        { platformCode: platform, asOf: { $gte: `${fromYear}-01-01`, $lte: `${toYear}-12-31` } },
        { orderBy: { asOf: 'asc', id: 'asc' }, limit: 2000 },
      );
    return rows.map((r) => ({
      takenAt: r.takenAt,
      kind: r.kind as SnapshotKind,
      asOf: r.asOf,
      platformCode: r.platformCode,
      instruments: r.instruments,
      valueHT: euros(r.valueHTCents / 100, VatBasis.HT),
      headcount: r.headcount,
      fte: r.fte,
      payroll: euros(r.payrollCents / 100, VatBasis.HT),
      services: r.services,
      labelStatus: r.labelStatus as LabelStatus | null,
      labelledPlatforms: r.labelledPlatforms,
      tariffs:
        r.tariffs == null
          ? null
          : (JSON.parse(r.tariffs) as SnapshotPrice[]).map((p) => ({
              service: p.service,
              category: p.category as UserCategory,
              priceHT: euros(p.priceHTCents / 100, VatBasis.HT),
            })),
    }));
  }
}
