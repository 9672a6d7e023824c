import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { cacheLookups, ParsedTexts, traced } from '@hub/service-kit';
import type { ExpenseData, ReadOptions, TutelleConnector } from '@hub/source-kit';
import { Histogram, type Registry } from 'prom-client';

/*
 * Every read a tutelle subgraph makes of its sources, in one place: measured (latency per read), traced
 * (one span per connector call), and cached by key for a while when configured. Reads are the same for
 * every caller (a salary is withheld at field level, a platform manager's scope too), so a record read
 * for one caller may be served to another.
 */

/** What the subgraph's loaders read: the connector's keyed reads. */
export type SourceReads = Pick<
  TutelleConnector,
  'inventoryByCostCentres' | 'inventoryByIds' | 'staffByIds' | 'expensesByCostCentres'
>;

export interface ReadCacheOptions {
  /** How long a record read stays good: the source's own pace of change decides (per tutelle). */
  ttlSeconds: number;
  /** Redis, shared by the subgraph's replicas; in memory when not given. Redis down: direct reads. */
  redisUrl?: string;
}

type Batch<V> = (keys: readonly string[], options?: ReadOptions) => Promise<Map<string, V>>;

/** A batch read through the cache: hits from it, the misses read in one call, concurrent misses shared. */
class ReadCache {
  /**
   * Keys being read now, by any batch: a second batch asking for one waits for it (single flight), and reads
   * it itself if the read it waited for stopped because its own caller left.
   */
  private readonly inFlight = new Map<string, { value: Promise<unknown>; signal?: AbortSignal }>();
  /** Hits not parsed again while their text is the same. */
  private readonly parsed = new ParsedTexts(20_000);

  constructor(
    private readonly cache: KeyValueCache<string>,
    private readonly ttlSeconds: number,
    private readonly lookups: ReturnType<typeof cacheLookups>,
  ) {}

  async read<V>(
    name: string,
    keys: readonly string[],
    batch: Batch<V>,
    options: ReadOptions = {},
  ): Promise<Map<string, V>> {
    const found = new Map<string, V>();
    const waits: Promise<void>[] = [];
    const mine = new Map<string, { resolve(v: V | null): void; reject(e: unknown): void }>();
    const keep = (key: string) => (value: V | null) => void (value !== null && found.set(key, value));
    for (const key of new Set(keys)) {
      const id = `${name}:${key}`;
      const pending = this.inFlight.get(id);
      if (pending) {
        const again = async (error: unknown) => {
          if (!pending.signal?.aborted || options.signal?.aborted) throw error;
          const read = await this.read(name, [key], batch, options);
          keep(key)(read.get(key) ?? null);
        };
        waits.push((pending.value as Promise<V | null>).then(keep(key), again));
        continue;
      }
      const shared = new Promise<V | null>((resolve, reject) => mine.set(key, { resolve, reject }));
      shared.catch(() => undefined); // a failure is reported to whoever awaits it, not as unhandled
      this.inFlight.set(id, { value: shared, signal: options.signal });
      waits.push(shared.then(keep(key)));
    }
    if (mine.size > 0) void this.fill(name, mine, batch, options);
    await Promise.all(waits);
    return found;
  }

  private async fill<V>(
    name: string,
    mine: Map<string, { resolve(v: V | null): void; reject(e: unknown): void }>,
    batch: Batch<V>,
    options: ReadOptions,
  ): Promise<void> {
    const settle = (key: string) => {
      this.inFlight.delete(`${name}:${key}`);
      return mine.get(key)!;
    };
    const keys = [...mine.keys()];
    const cached = await Promise.all(keys.map((key) => this.cache.get(`${name}:${key}`)));
    const misses: string[] = [];
    keys.forEach((key, i) => {
      const hit = cached[i];
      this.lookups.inc({ cache: 'source-read', outcome: hit === undefined ? 'miss' : 'hit' });
      if (hit === undefined) misses.push(key);
      else settle(key).resolve(this.parsed.parse(`${name}:${key}`, hit) as V | null);
    });
    if (misses.length === 0) return;
    try {
      const read = await batch(misses, options);
      for (const key of misses) {
        const value = read.get(key) ?? null;
        // Not awaited: the answer need not wait for the cache to have stored it.
        const text = JSON.stringify(value);
        this.parsed.remember(`${name}:${key}`, text, value);
        void this.cache.set(`${name}:${key}`, text, { ttl: this.ttlSeconds });
        settle(key).resolve(value);
      }
    } catch (error) {
      // A failed read is not remembered: the next request reads the source again.
      for (const key of misses) settle(key).reject(error);
    }
  }
}

/**
 * The connector's reads, each timed (`hub_source_read_duration_seconds{read}`) and traced, through a
 * read cache when one is given (`hub_cache_lookups_total{cache="source-read"}`).
 */
export function sourceReads(
  connector: TutelleConnector,
  options: { metrics: Registry; cache: { cache: KeyValueCache<string>; ttlSeconds: number } | null },
): SourceReads {
  const duration = new Histogram({
    name: 'hub_source_read_duration_seconds',
    help: "Time of one batched read of the tutelle's sources, by read.",
    labelNames: ['read'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [options.metrics],
  });
  const cache = options.cache
    ? new ReadCache(options.cache.cache, options.cache.ttlSeconds, cacheLookups(options.metrics))
    : null;
  const timed =
    <V>(read: string, batch: Batch<V>): Batch<V> =>
    async (keys, options) => {
      const stop = duration.startTimer({ read });
      try {
        return await traced(
          `${connector.tutelle} ${read}`,
          { 'hub.read': read, 'hub.keys': keys.length },
          () => batch(keys, options),
        );
      } finally {
        stop();
      }
    };
  /** `cached` names the read in the cache: expenses of one year are not those of another. */
  const through = <V>(read: string, batch: Batch<V>, cached = read): Batch<V> => {
    const direct = timed(read, batch);
    return cache ? (keys, options) => cache.read(cached, keys, direct, options) : direct;
  };
  const inventoryByCostCentres = through('inventoryByCostCentres', (codes, options) =>
    connector.inventoryByCostCentres(codes, options),
  );
  const inventoryByIds = through('inventoryByIds', (ids, options) => connector.inventoryByIds(ids, options));
  const staffByIds = through('staffByIds', (ids, options) => connector.staffByIds(ids, options));
  const expenses = new Map<number | null, Batch<ExpenseData[]>>();
  return {
    inventoryByCostCentres,
    inventoryByIds,
    staffByIds,
    expensesByCostCentres(codes, year, options) {
      let read = expenses.get(year);
      if (!read) {
        const batch: Batch<ExpenseData[]> = (keys, options) =>
          connector.expensesByCostCentres(keys, year, options);
        read = through('expensesByCostCentres', batch, `expensesByCostCentres:${year ?? 'all'}`);
        expenses.set(year, read);
      }
      return read(codes, options);
    },
  };
}
