import type { Caller } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/core';
import type { Platform } from './graphql/types';
import { toPlatformView } from './graphql/views';
import type { InventoryReader } from './inventory/site-inventory';
import { Platform as PlatformEntity } from './registry/entities';
import { registryVersion } from './registry/load';
import type { TariffRequest } from './tariffs/engine';
import type { TutelleSubgraphs } from './tutelle-subgraphs';

type Snapshot = Map<string, Platform>;

/**
 * The registry, kept in memory between requests: it changes only when a file is loaded, which bumps its
 * version. Each request costs one version check; a new version is read once (four statements, whatever
 * the registry's size) and shared by the requests that asked for it meanwhile.
 */
export class RegistryCache {
  private cached: { version: number; snapshot: Promise<Snapshot> } | null = null;

  constructor(private readonly em: EntityManager) {}

  async snapshot(): Promise<Snapshot> {
    const version = await registryVersion(this.em.fork());
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
    return new Map(rows.map((row) => [row.code, toPlatformView(row)]));
  }
}

/** The registry as one request sees it: one snapshot for every field and `_entities` lookup of the request. */
export class RegistryReader {
  private snapshot: Promise<Snapshot> | null = null;

  constructor(private readonly cache: RegistryCache) {}

  private load(): Promise<Snapshot> {
    this.snapshot ??= this.cache.snapshot();
    return this.snapshot;
  }

  async platforms(): Promise<Platform[]> {
    return [...(await this.load()).values()];
  }

  async platform(code: string): Promise<Platform | null> {
    return (await this.load()).get(code) ?? null;
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
}
