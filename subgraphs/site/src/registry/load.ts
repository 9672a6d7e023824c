import { type EntityManager, raw } from '@mikro-orm/core';
import { versionRow } from '../version-row';
import { Platform, PlatformCostCentre, PlatformService, PlatformStaff, RegistryVersion } from './entities';
import type { RegistryFile } from './file';
import { toEntity } from './shape';

export interface RegistryLoadReport {
  added: string[];
  updated: string[];
  removed: string[];
  platforms: number;
  staff: number;
  services: number;
}

/**
 * Replace the registry with a validated file, in one transaction: the file is the cartography, so a
 * platform absent from it is removed. Readers see the old registry or the new one, never half of each.
 */
export async function loadRegistry(em: EntityManager, file: RegistryFile): Promise<RegistryLoadReport> {
  return em.transactional(async (tx) => {
    const existing = new Set((await tx.find(Platform, {}, { fields: ['code'] })).map((p) => p.code));
    const incoming = new Set(file.platforms.map((p) => p.code));
    await tx.nativeDelete(PlatformCostCentre, {});
    await tx.nativeDelete(PlatformStaff, {});
    await tx.nativeDelete(PlatformService, {});
    await tx.nativeDelete(Platform, {});
    tx.clear();
    for (const p of file.platforms) tx.persist(toEntity(tx, p));
    // Tell every reader (in any process) that the registry changed, with the data in the same commit.
    await tx.nativeUpdate(
      RegistryVersion,
      { id: 1 },
      { version: raw('version + 1'), loadedAt: new Date().toISOString() },
    );
    await tx.flush();
    return {
      added: [...incoming].filter((c) => !existing.has(c)),
      updated: [...incoming].filter((c) => existing.has(c)),
      removed: [...existing].filter((c) => !incoming.has(c)),
      platforms: file.platforms.length,
      staff: file.platforms.reduce((n, p) => n + p.staff.length, 0),
      services: file.platforms.reduce((n, p) => n + p.services.length, 0),
    };
  });
}

/** The registry's current version, bumped by every load. */
export function registryVersion(em: EntityManager): Promise<number> {
  return versionRow(em, 'registry_version');
}
