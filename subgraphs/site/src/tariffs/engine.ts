import { logger } from '@hub/subgraph-kit';
import DataLoader from 'dataloader';
import type { Platform } from '../graphql/types';
import type { TutelleSubgraphs } from '../tutelle-subgraphs';
import { CostBaseReader, type GatherProgress, type RequestCounts } from './cost-base/gather';
import type { PlatformCostBase } from './model/cost-base';
import { type DivergenceLine, divergenceLines } from './model/divergence';
import { groupBySerialAndMaker, type InstrumentGrouping } from './model/instruments';
import { computeTariffs, type PlatformTariffs, type TariffSimulation } from './model/tariffs';
import type { TariffPolicy, UserCategoryName } from './policy/schema';

/*
 * The tariffs as the site serves them: the policy and the instrument grouping, once per process; per
 * request, one batched read of the cost bases of every platform the request asks about (a DataLoader per
 * year), then the pure model.
 */

export class TariffEngine {
  /** Subgraph requests made for tariffs since the process started, per tutelle. */
  readonly requests: RequestCounts = {};

  constructor(
    readonly policy: TariffPolicy,
    readonly subgraphs: TutelleSubgraphs,
    /** The site-wide reconciled inventory plugs in here; serial and maker agreement by default. */
    readonly grouping: InstrumentGrouping = groupBySerialAndMaker,
  ) {}

  forRequest(options: { onProgress?: (progress: GatherProgress) => void } = {}): TariffRequest {
    return new TariffRequest(this, options.onProgress);
  }
}

export class TariffRequest {
  readonly reader: CostBaseReader;
  private readonly loaders = new Map<number, DataLoader<Platform, PlatformCostBase, string>>();

  constructor(
    readonly engine: TariffEngine,
    onProgress?: (progress: GatherProgress) => void,
  ) {
    this.reader = new CostBaseReader(engine.subgraphs, engine.requests, onProgress);
  }

  private loader(year: number) {
    let loader = this.loaders.get(year);
    if (!loader) {
      loader = new DataLoader<Platform, PlatformCostBase, string>(
        async (platforms) => {
          const started = performance.now();
          const before = this.reader.requestCount;
          const bases = await this.reader.read(platforms, year);
          logger.info(
            {
              service: 'site',
              year,
              platforms: platforms.length,
              subgraphRequests: this.reader.requestCount - before,
              ms: Math.round(performance.now() - started),
            },
            'tariff cost bases read',
          );
          return platforms.map((p) => bases.get(p.code)!);
        },
        { cacheKeyFn: (p) => p.code, maxBatchSize: 1000 },
      );
      this.loaders.set(year, loader);
    }
    return loader;
  }

  /** A platform's grid for a year, as if `simulation` held; throws where a tutelle could not be read. */
  async tariffs(
    platform: Platform,
    year: number,
    simulation: TariffSimulation | null = null,
  ): Promise<PlatformTariffs> {
    const base = await this.loader(year).load(platform);
    return computeTariffs(base, platform.services, this.engine.policy, {
      instruments: await this.engine.grouping(base.records),
      simulation,
    });
  }

  /**
   * The grids of every platform with services among these, in one batch, and each price the tutelles
   * publish against them. A platform whose sources could not be read is listed apart, with its error.
   */
  async siteTariffs(platforms: readonly Platform[], year: number): Promise<SiteTariffs> {
    const withServices = platforms.filter((p) => p.services.length > 0);
    const bases = await this.loader(year).loadMany(withServices);
    const result: SiteTariffs = { grids: [], divergence: [], failed: [] };
    for (const [i, base] of bases.entries()) {
      const platform = withServices[i]!;
      if (base instanceof Error) {
        result.failed.push({ platform: platform.code, error: base });
        continue;
      }
      const grid = computeTariffs(base, platform.services, this.engine.policy, {
        instruments: await this.engine.grouping(base.records),
      });
      result.grids.push(grid);
      result.divergence.push(
        ...divergenceLines(grid, (code) =>
          (platform.services.find((s) => s.code === code)?.currentPrices ?? []).map((p) => ({
            tutelle: p.tutelle,
            category: p.category as UserCategoryName,
            amount: p.price.amount,
          })),
        ),
      );
    }
    return result;
  }
}

export interface SiteTariffs {
  grids: PlatformTariffs[];
  divergence: DivergenceLine[];
  failed: Array<{ platform: string; error: Error }>;
}
