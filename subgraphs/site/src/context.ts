import type { Caller } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/core';
import type { Platform } from './graphql/types';
import { toPlatformView } from './graphql/views';
import { Platform as PlatformEntity } from './registry/entities';

/**
 * The registry as one request sees it: read once (four statements whatever its size), then served from
 * memory for every field and `_entities` lookup of that request.
 */
export class RegistryReader {
  private snapshot: Promise<Map<string, Platform>> | null = null;

  constructor(private readonly em: EntityManager) {}

  private load(): Promise<Map<string, Platform>> {
    this.snapshot ??= this.em
      .find(PlatformEntity, {}, { populate: ['costCentres', 'staff', 'services'], orderBy: { code: 'asc' } })
      .then((rows) => new Map(rows.map((row) => [row.code, toPlatformView(row)])));
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
}
