import { logger } from '@hub/service-kit';
import { SharedRead } from '@hub/source-kit';
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import type { Platform } from '../graphql/types';
import type { TutelleSubgraphs } from '../tutelle-subgraphs';
import { CostBaseReader, type GatherProgress, type RequestCounts } from './cost-base/gather';
import type { PlatformCostBase, ServiceVolumes } from './model/cost-base';
import { type DivergenceLine, divergenceLines } from './model/divergence';
import { groupBySerialAndMaker, type InstrumentGroup, type InstrumentGrouping } from './model/instruments';
import { computeTariffs, type PlatformTariffs, type TariffSimulation } from './model/tariffs';
import type { TariffPolicy, UserCategoryName } from './policy/schema';

/*
 * The tariffs as the site serves them: the policy and the instrument grouping, once per process; per
 * request, one batched read of the cost bases of every platform the request asks about (a DataLoader per
 * year), then the pure model. Cost bases read are kept for `costBaseTtlSeconds` when set: a platform sheet
 * then costs the tutelles nothing for that long, and its grid is computed once from a kept base while the
 * platform's services and its instruments stay the same. A read of the tutelles stops when every request
 * waiting for it has gone (`SharedRead`): one request's hang-up does not fail the others sharing its read.
 */

export interface TariffEngineOptions {
  /** Which records are one instrument, for depreciation; serial and maker agreement by default. */
  grouping?: InstrumentGrouping;
  /**
   * How long a platform's cost base for a year is kept, seconds, as the tutelles' read caches keep their
   * records (its expenses and salaries change by the day, not the second); 0 or unset: read every request.
   */
  costBaseTtlSeconds?: number;
}

/** Which records are one instrument, as text: a grid depends on the grouping through that alone. */
const groupsKey = (instruments: readonly InstrumentGroup[]) =>
  instruments.map((group) => group.records.map((record) => record.id).join(',')).join('|');

/** What a cost base is read from in the registry: a platform's cost centres and staff, and the year. */
const costBaseKey = (platform: Platform, year: number) =>
  JSON.stringify([year, platform.code, platform.costCentres, platform.staff]);

export class TariffEngine {
  /** Subgraph requests made for tariffs since the process started, per tutelle. */
  readonly requests: RequestCounts = {};

  readonly grouping: InstrumentGrouping;
  /** The reads of cost bases done, or being done (concurrent requests share one), by `costBaseKey`. */
  readonly costBases: LRUCache<string, CostBaseRead> | null;
  /**
   * Each cost base's last grid, with what else it was computed from: the platform's services (the same
   * objects while the registry's version is) and its instruments. Read-only, shared by the requests.
   */
  private readonly grids = new WeakMap<
    PlatformCostBase,
    { services: readonly ServiceVolumes[]; groups: string; grid: PlatformTariffs }
  >();

  constructor(
    readonly policy: TariffPolicy,
    readonly subgraphs: TutelleSubgraphs,
    options: TariffEngineOptions = {},
  ) {
    this.grouping = options.grouping ?? groupBySerialAndMaker;
    const ttl = (options.costBaseTtlSeconds ?? 0) * 1000;
    this.costBases = ttl > 0 ? new LRUCache({ max: 10_000, ttl }) : null;
  }

  /** A platform's grid from its cost base and its services, its instruments grouped as the engine groups them. */
  async grid(base: PlatformCostBase, services: readonly ServiceVolumes[]): Promise<PlatformTariffs> {
    const instruments = await this.grouping(base.records);
    const groups = groupsKey(instruments);
    const last = this.grids.get(base);
    if (last?.services === services && last.groups === groups) return last.grid;
    const grid = computeTariffs(base, services, this.policy, { instruments });
    this.grids.set(base, { services, groups, grid });
    return grid;
  }

  forRequest(
    options: { onProgress?: (progress: GatherProgress) => void; signal?: AbortSignal } = {},
  ): TariffRequest {
    return new TariffRequest(this, options.onProgress, options.signal);
  }
}

/** One batched read of the tutelles: the cost base of each platform asked, or the error that stood for it. */
type CostBaseRead = SharedRead<Map<string, PlatformCostBase | Error>>;

export class TariffRequest {
  readonly reader: CostBaseReader;
  private readonly loaders = new Map<number, DataLoader<Platform, PlatformCostBase, string>>();

  constructor(
    readonly engine: TariffEngine,
    onProgress?: (progress: GatherProgress) => void,
    /** The request's: its reads stop when it aborts, unless another request still waits for them. */
    private readonly signal?: AbortSignal,
  ) {
    this.reader = new CostBaseReader(engine.subgraphs, engine.requests, onProgress);
  }

  private loader(year: number) {
    let loader = this.loaders.get(year);
    if (!loader) {
      loader = new DataLoader<Platform, PlatformCostBase, string>(
        (platforms) => this.costBases(platforms, year),
        { cacheKeyFn: (p) => p.code, maxBatchSize: 1000 },
      );
      this.loaders.set(year, loader);
    }
    return loader;
  }

  /** The platforms' cost bases: kept ones from the engine's cache, the others read in one batch. */
  private costBases(platforms: readonly Platform[], year: number): Promise<Array<PlatformCostBase | Error>> {
    const kept = this.engine.costBases;
    const keys = platforms.map((platform) => costBaseKey(platform, year));
    // A read stopped (its requests all gone) is read again, not met with its abort.
    const usable = (key: string) => {
      const read = kept?.get(key);
      return read && !read.stopped ? read : undefined;
    };
    const missing = platforms.filter((_, i) => !usable(keys[i]!));
    const batch = missing.length > 0 ? new SharedRead((stop) => this.read(missing, year, stop)) : null;
    /** This request waits once for each read it uses. */
    const waits = new Map<CostBaseRead, Promise<Map<string, PlatformCostBase | Error>>>();
    const bases = platforms.map(async (platform, i) => {
      const key = keys[i]!;
      let read = usable(key);
      if (!read) {
        read = batch!;
        if (kept) {
          const shared = read;
          kept.set(key, shared);
          // A failed read is not kept: the next request reads the tutelles again.
          const forget = () => kept.get(key) === shared && kept.delete(key);
          shared.result.then((bases) => bases.get(platform.code) instanceof Error && forget(), forget);
        }
      }
      if (!waits.has(read)) waits.set(read, read.wait(this.signal));
      const one = (await waits.get(read)!).get(platform.code)!;
      if (one instanceof Error) throw one;
      return one;
    });
    return Promise.all(bases.map((base) => base.catch((error: Error) => error)));
  }

  private async read(platforms: readonly Platform[], year: number, signal: AbortSignal) {
    const started = performance.now();
    const before = this.reader.requestCount;
    const bases = await this.reader.read(platforms, year, signal);
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
    return bases;
  }

  /** A platform's grid for a year, as if `simulation` held; throws where a tutelle could not be read. */
  async tariffs(
    platform: Platform,
    year: number,
    simulation: TariffSimulation | null = null,
  ): Promise<PlatformTariffs> {
    const base = await this.loader(year).load(platform);
    if (!simulation) return this.engine.grid(base, platform.services);
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
      const grid = await this.engine.grid(base, platform.services);
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
