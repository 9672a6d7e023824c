import { FEDERATED_TUTELLES, type Tutelle } from '@hub/schema';
import type { Caller } from '@hub/service-kit';
import { sharedCheck } from '@hub/source-kit';
import type { EntityManager } from '@mikro-orm/core';
import type { SnapshotStore } from './coris';
import type { Platform, PlatformFilter } from './graphql/types';
import { matchesFilter, toPlatformView } from './graphql/views';
import type { InventoryReader } from './inventory';
import type { RegistryWriter } from './registry';
import { Platform as PlatformEntity, registryVersion } from './registry';
import { perSnapshot } from './snapshot-memo';
import type { TariffRequest } from './tariffs';
import type { TutelleSubgraphs } from './tutelle-subgraphs';

interface Snapshot {
  platforms: Map<string, Platform>;
  /** Platforms each person (hub id) works on. */
  staffPlatforms: Map<string, string[]>;
  /** Platforms each cost centre ('UL:PF-XGAMMA') serves. */
  centrePlatforms: Map<string, string[]>;
}

/** `platform` among the platforms of `key`; the same (shared) list on every reference to `key`. */
function place(index: Map<string, string[]>, key: string, platform: string): string[] {
  const codes = index.get(key) ?? [];
  if (!codes.includes(platform)) codes.push(platform);
  index.set(key, codes);
  return codes;
}

/**
 * The registry, kept in memory between requests: it changes only when a file is loaded, which bumps its
 * version. Each request costs one version check; a new version is read once (four statements, whatever
 * the registry's size) and shared by the requests that asked for it meanwhile.
 */
export class RegistryCache {
  private cached: { version: number; snapshot: Promise<Snapshot> } | null = null;
  /** The registry is loaded by another process (`hub registry load`): a check in flight may be shared. */
  private readonly version = sharedCheck(() => registryVersion(this.em.fork()));

  constructor(
    private readonly em: EntityManager,
    /** The tutelles the site runs: references are made to their records only. */
    private readonly tutelles: readonly Tutelle[] = FEDERATED_TUTELLES,
  ) {}

  /** `fresh`: the version read now, not shared with a check begun earlier (after this process's own edit). */
  async snapshot(fresh = false): Promise<Snapshot> {
    const version = fresh ? await registryVersion(this.em.fork()) : await this.version();
    if (this.cached?.version !== version) {
      const snapshot = this.read();
      this.cached = { version, snapshot };
      snapshot.catch(() => {
        if (this.cached?.snapshot === snapshot) this.cached = null;
      });
    }
    return this.cached.snapshot;
  }

  private async read(): Promise<Snapshot> {
    const rows = await this.em
      .fork()
      .find(PlatformEntity, {}, { populate: ['costCentres', 'staff', 'services'], orderBy: { code: 'asc' } });
    const platforms = new Map(rows.map((row) => [row.code, toPlatformView(row, this.tutelles)]));
    const staffPlatforms = new Map<string, string[]>();
    const centrePlatforms = new Map<string, string[]>();
    for (const platform of platforms.values()) {
      for (const { member } of platform.staff)
        if (member) member.platforms = place(staffPlatforms, member.id, platform.code);
      for (const centre of platform.costCentres)
        centre.platforms = place(centrePlatforms, `${centre.tutelle}:${centre.code}`, platform.code);
    }
    return { platforms, staffPlatforms, centrePlatforms };
  }
}

/** The platforms each filter matched, per registry snapshot: the portal asks the same few. */
const matchingPlatforms = perSnapshot<Platform[]>(500);

/** What the indicators derive from the registry alone (the labels due), per registry snapshot. */
const derivedValues = perSnapshot<{}>(50);

/** The registry as one request sees it: one snapshot for every field and `_entities` lookup of the request. */
export class RegistryReader {
  private snapshot: Promise<Snapshot> | null = null;

  constructor(private readonly cache: RegistryCache) {}

  private load(): Promise<Snapshot> {
    this.snapshot ??= this.cache.snapshot();
    return this.snapshot;
  }

  /** The registry again, as it is now: after the request's own edit. */
  refresh(): void {
    this.snapshot = this.cache.snapshot(true);
  }

  async platforms(): Promise<Platform[]> {
    return [...(await this.load()).platforms.values()];
  }

  /** The platforms `filter` matches, in code order; filtered once per filter and registry version (read-only). */
  async matching(filter: PlatformFilter | null): Promise<readonly Platform[]> {
    if (!filter) return this.platforms();
    const snapshot = await this.load();
    const matches = matchesFilter(filter);
    return matchingPlatforms(snapshot, JSON.stringify(filter), () =>
      [...snapshot.platforms.values()].filter(matches),
    );
  }

  /** What `compute` derives from the registry, kept per registry version by `key` (shared: read-only). */
  async derived<V extends {}>(key: string, compute: (platforms: Platform[]) => V): Promise<V> {
    const snapshot = await this.load();
    return derivedValues(snapshot, key, () => compute([...snapshot.platforms.values()])) as V;
  }

  async platform(code: string): Promise<Platform | null> {
    return (await this.load()).platforms.get(code) ?? null;
  }

  /** Codes of the platforms a tutelle's cost centre serves; none for a code the registry does not know. */
  async platformsOfCostCentre(tutelle: string, code: string): Promise<string[]> {
    return (await this.load()).centrePlatforms.get(`${tutelle}:${code}`) ?? [];
  }

  /** Codes of the platforms the registry places a person (hub id) on; none for a stranger. */
  async platformsOfStaff(id: string): Promise<string[]> {
    return (await this.load()).staffPlatforms.get(id) ?? [];
  }
}

export interface SiteContext {
  caller: Caller;
  registry: RegistryReader;
  /** The tutelles' subgraphs, read as the hub's `service` caller. */
  tutelles: TutelleSubgraphs;
  /** The request's tariffs: one batched read of the cost bases it needs. */
  tariffs: TariffRequest;
  /** The site-wide inventory (index, equipment, decisions). */
  inventory: InventoryReader;
  /** Edits of the registry through the graph, and its change log. */
  registryWriter: RegistryWriter;
  /** The indicators the hub stored at its syncs and year ends. */
  snapshots: SnapshotStore;
  /** The request's (`RequestContext`): the site's reads of the tutelles for it stop when it aborts. */
  signal?: AbortSignal;
}

/** What the indicators read: the caller (for what it may see), the registry, the tutelles, the inventory. */
export type IndicatorContext = Pick<SiteContext, 'caller' | 'registry' | 'tutelles' | 'inventory' | 'signal'>;
