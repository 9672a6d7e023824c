import { normaliseUnitCode } from '@hub/source-kit';
import { type EntityManager, raw } from '@mikro-orm/core';
import { versionRow } from '../version-row';
import { Platform, PlatformCostCentre, PlatformService, PlatformStaff, RegistryVersion } from './entities';
import type { RegistryFile, RegistryPlatform } from './file';

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

function toEntity(em: EntityManager, p: RegistryPlatform): Platform {
  const platform = em.create(Platform, {
    code: p.code,
    name: p.name,
    units: p.units.map((u) => normaliseUnitCode(u) ?? u),
    tutelles: p.tutelles,
    themes: p.themes,
    labelStatus: p.label.status,
    labelGranted: p.label.granted ?? null,
    labelNextReview: p.label.nextReview ?? null,
    contactName: p.contact?.name ?? null,
    contactEmail: p.contact?.email ?? null,
  });
  for (const [tutelle, codes] of Object.entries(p.costCentres)) {
    for (const code of codes ?? [])
      platform.costCentres.add(em.create(PlatformCostCentre, { platform, tutelle, code }));
  }
  for (const s of p.staff) {
    platform.staff.add(
      em.create(PlatformStaff, { platform, tutelle: s.tutelle, personId: s.id, share: s.share }),
    );
  }
  for (const s of p.services) {
    platform.services.add(em.create(PlatformService, { platform, ...s }));
  }
  return platform;
}
