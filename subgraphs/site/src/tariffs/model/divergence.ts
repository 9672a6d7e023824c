import type { Tutelle } from '@hub/schema';
import type { UserCategoryName } from '../policy/schema';
import { Exact } from './exact';
import type { PlatformTariffs } from './tariffs';

/*
 * How far each price a tutelle publishes today is from the single tariff: per line, per platform and for
 * the site, for the steering committee.
 */

export interface PublishedPriceInput {
  tutelle: Tutelle;
  category: UserCategoryName;
  /** Euros HT per unit, as the registry records it. */
  amount: number;
}

export interface DivergenceLine {
  platform: string;
  service: string;
  serviceName: string;
  tutelle: Tutelle;
  category: UserCategoryName;
  yearlyVolume: number;
  publishedCents: bigint;
  singleCents: bigint;
  /** single − published, per unit. */
  gapCents: bigint;
  /** The gap as a share of the published price; null for a price of 0. */
  gapRatio: number | null;
  /** The gap over the service's yearly volume: what billing the whole volume at this price would change. */
  yearlyGap: Exact;
}

export interface DivergenceSummary {
  comparisons: number;
  /** Mean of the gaps as shares of the published prices (signed), and of their absolute values. */
  meanGapRatio: number | null;
  meanAbsoluteGapRatio: number | null;
  /** Published prices more than 10 % away from the single tariff. */
  beyondTenPercent: number;
  yearlyGap: Exact;
}

export function divergenceLines(
  tariffs: PlatformTariffs,
  published: (service: string) => readonly PublishedPriceInput[],
): DivergenceLine[] {
  return tariffs.services.flatMap(({ service, prices }) =>
    published(service.code).flatMap((p) => {
      const single = prices?.find((c) => c.category === p.category);
      if (!single) return [];
      const publishedCents = BigInt(Math.round(p.amount * 100));
      const gapCents = single.priceHTCents - publishedCents;
      return [
        {
          platform: tariffs.platform,
          service: service.code,
          serviceName: service.name,
          tutelle: p.tutelle,
          category: p.category,
          yearlyVolume: service.yearlyVolume,
          publishedCents,
          singleCents: single.priceHTCents,
          gapCents,
          gapRatio: publishedCents === 0n ? null : Number(gapCents) / Number(publishedCents),
          yearlyGap: Exact.of(gapCents, 100n).times(service.yearlyVolume),
        },
      ];
    }),
  );
}

export function summarise(lines: readonly DivergenceLine[]): DivergenceSummary {
  const ratios = lines.map((l) => l.gapRatio).filter((r): r is number => r != null);
  const mean = (values: number[]) =>
    values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  return {
    comparisons: lines.length,
    meanGapRatio: mean(ratios),
    meanAbsoluteGapRatio: mean(ratios.map(Math.abs)),
    beyondTenPercent: ratios.filter((r) => Math.abs(r) > 0.1).length,
    yearlyGap: Exact.sum(lines.map((l) => l.yearlyGap)),
  };
}
