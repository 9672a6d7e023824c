import DataLoader from 'dataloader';
import type { Platform } from '../graphql/types';
import type { TutelleSubgraphs } from '../tutelle-subgraphs';
import { CostBaseReader, type RequestCounts } from './cost-base/gather';
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

  forRequest(): TariffRequest {
    return new TariffRequest(this);
  }
}

export class TariffRequest {
  readonly reader: CostBaseReader;
  private readonly loaders = new Map<number, DataLoader<Platform, PlatformCostBase, string>>();

  constructor(readonly engine: TariffEngine) {
    this.reader = new CostBaseReader(engine.subgraphs, engine.requests);
  }

  private loader(year: number) {
    let loader = this.loaders.get(year);
    if (!loader) {
      loader = new DataLoader<Platform, PlatformCostBase, string>(
        async (platforms) => {
          const bases = await this.reader.read(platforms, year);
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
      grouping: this.engine.grouping,
      simulation,
    });
  }

  /** Grids of many platforms in one batch; a platform whose sources failed gets its error. */
  async tariffsOfMany(platforms: readonly Platform[], year: number): Promise<Array<PlatformTariffs | Error>> {
    const bases = await this.loader(year).loadMany(platforms);
    return bases.map((base, i) =>
      base instanceof Error
        ? base
        : computeTariffs(base, platforms[i]!.services, this.engine.policy, {
            grouping: this.engine.grouping,
          }),
    );
  }

  /** Each published price against the single tariff, for these platforms; failures listed apart. */
  async divergence(
    platforms: readonly Platform[],
    year: number,
  ): Promise<{ lines: DivergenceLine[]; failed: Array<{ platform: string; error: Error }> }> {
    const withServices = platforms.filter((p) => p.services.length > 0);
    const grids = await this.tariffsOfMany(withServices, year);
    const lines: DivergenceLine[] = [];
    const failed: Array<{ platform: string; error: Error }> = [];
    grids.forEach((grid, i) => {
      const platform = withServices[i]!;
      if (grid instanceof Error) {
        failed.push({ platform: platform.code, error: grid });
        return;
      }
      lines.push(
        ...divergenceLines(grid, (code) =>
          (platform.services.find((s) => s.code === code)?.currentPrices ?? []).map((p) => ({
            tutelle: p.tutelle,
            category: p.category as UserCategoryName,
            amount: p.price.amount,
          })),
        ),
      );
    });
    return { lines, failed };
  }
}
