import { normaliseUnitCode } from '@hub/source-kit';
import type { EntityManager } from '@mikro-orm/core';
import { Platform, PlatformCostCentre, PlatformService, PlatformStaff } from './entities';
import type { RegistryPlatform } from './file';

/*
 * A platform as the registry file writes it, and as the database keeps it: one shape for loads, edits
 * (validated as the file is) and exports.
 */

/** A platform's cost centres, staff and services in the order they were written (the file's). */
export const CHILD_ORDER = {
  costCentres: { id: 'asc' },
  staff: { id: 'asc' },
  services: { id: 'asc' },
} as const;

/** The columns of a platform's own row. */
export function platformColumns(p: RegistryPlatform) {
  return {
    name: p.name,
    units: p.units.map((u) => normaliseUnitCode(u) ?? u),
    tutelles: p.tutelles,
    themes: p.themes,
    description: p.description ?? null,
    labelStatus: p.label.status,
    labelGranted: p.label.granted ?? null,
    labelLastReview: p.label.lastReview ?? null,
    labelNextReview: p.label.nextReview ?? null,
    contactName: p.contact?.name ?? null,
    contactEmail: p.contact?.email ?? null,
  };
}

/** Its cost centres, staff and services, added to `platform`. */
export function addChildren(em: EntityManager, platform: Platform, p: RegistryPlatform): void {
  for (const [tutelle, codes] of Object.entries(p.costCentres)) {
    for (const code of codes ?? [])
      platform.costCentres.add(em.create(PlatformCostCentre, { platform, tutelle, code }));
  }
  for (const s of p.staff) {
    platform.staff.add(
      em.create(PlatformStaff, { platform, tutelle: s.tutelle, personId: s.id, share: s.share }),
    );
  }
  for (const s of p.services) platform.services.add(em.create(PlatformService, { platform, ...s }));
}

export function toEntity(em: EntityManager, p: RegistryPlatform, version = 1): Platform {
  const platform = em.create(Platform, { code: p.code, ...platformColumns(p), version });
  addChildren(em, platform, p);
  return platform;
}

/** A stored platform (children populated) in the file's shape: what `hub registry export` writes. */
export function toFileShape(p: Platform): RegistryPlatform {
  const costCentres: RegistryPlatform['costCentres'] = {};
  for (const c of p.costCentres.getItems()) {
    const tutelle = c.tutelle as keyof typeof costCentres;
    costCentres[tutelle] = [...(costCentres[tutelle] ?? []), c.code];
  }
  const label: RegistryPlatform['label'] = { status: p.labelStatus };
  if (p.labelGranted) label.granted = p.labelGranted;
  if (p.labelLastReview) label.lastReview = p.labelLastReview;
  if (p.labelNextReview) label.nextReview = p.labelNextReview;
  return {
    code: p.code,
    name: p.name,
    units: [...p.units],
    tutelles: [...p.tutelles] as RegistryPlatform['tutelles'],
    ...(p.description ? { description: p.description } : {}),
    themes: [...p.themes],
    label,
    ...(p.contactName && p.contactEmail ? { contact: { name: p.contactName, email: p.contactEmail } } : {}),
    costCentres,
    staff: p.staff.getItems().map((s) => ({
      tutelle: s.tutelle as RegistryPlatform['tutelles'][number],
      id: s.personId,
      share: s.share,
    })),
    services: p.services.getItems().map((s) => ({
      code: s.code,
      name: s.name,
      unit: s.unit,
      yearlyVolume: s.yearlyVolume,
      staffHoursPerUnit: s.staffHoursPerUnit,
      equipmentHoursPerUnit: s.equipmentHoursPerUnit,
      currentPrices: s.currentPrices,
    })),
  };
}
