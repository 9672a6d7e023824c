import { normaliseUnitCode } from '@hub/source-kit';
import { type EntityManager, raw } from '@mikro-orm/core';
import { versionRow } from '../version-row';
import { diffPlatforms, type FieldChangeRow } from './edit';
import {
  Platform,
  PlatformChangeRow,
  PlatformCostCentre,
  PlatformService,
  PlatformStaff,
  RegistryVersion,
} from './entities';
import type { RegistryFile, RegistryPlatform } from './file';
import { CHILD_ORDER, toEntity, toFileShape } from './shape';

export interface RegistryLoadReport {
  added: string[];
  updated: string[];
  removed: string[];
  /** In the database as in the file: version and change log untouched. */
  unchanged: string[];
  platforms: number;
  staff: number;
  services: number;
}

/** A platform edited through the graph since it was last loaded, that the file would change. */
export interface GraphEditOverwritten {
  code: string;
  changes: FieldChangeRow[];
}

/** A load refused because it would erase edits made through the graph; `overwrite` loads anyway. */
export class RegistryLoadRefused extends Error {
  override name = 'RegistryLoadRefused';

  constructor(readonly overwritten: GraphEditOverwritten[]) {
    super(
      `The file would overwrite what was edited through the graph on ${overwritten.length} platform(s) ` +
        `(export the registry first to keep it, or load with --overwrite):\n${overwritten
          .map(
            (o) =>
              `  ${o.code}:\n${o.changes.map((c) => `    ${c.field}: ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`).join('\n')}`,
          )
          .join('\n')}`,
    );
  }
}

export interface LoadOptions {
  /** Who loads, for the change log: 'registry-file', 'hub start (demo)'. */
  author?: string;
  /** Load even where it overwrites edits made through the graph. */
  overwrite?: boolean;
}

/** Platforms whose latest change was made through the graph (not by a load). */
async function editedThroughGraph(em: EntityManager): Promise<Set<string>> {
  const latest = new Map<string, string>();
  const rows = await em.find(
    PlatformChangeRow,
    {},
    { fields: ['platformCode', 'action'], orderBy: { id: 'asc' } },
  );
  for (const row of rows) latest.set(row.platformCode, row.action);
  return new Set([...latest].filter(([, action]) => action !== 'load').map(([code]) => code));
}

/**
 * Replace the registry with a validated file, in one transaction: the file is the cartography, so a
 * platform absent from it is removed. Readers see the old registry or the new one, never half of each.
 * Each platform the file changes gets a new version and a change log entry; one edited through the graph
 * since its last load is overwritten only with `overwrite` (otherwise `RegistryLoadRefused`, nothing changed).
 */
export async function loadRegistry(
  em: EntityManager,
  file: RegistryFile,
  options: LoadOptions = {},
): Promise<RegistryLoadReport> {
  return em.transactional(async (tx) => {
    const stored = await tx.find(
      Platform,
      {},
      { populate: ['costCentres', 'staff', 'services'], populateOrderBy: CHILD_ORDER },
    );
    const before = new Map(stored.map((p) => [p.code, { version: p.version, shape: toFileShape(p) }]));
    const incoming = new Map<string, RegistryPlatform>(file.platforms.map((p) => [p.code, p]));
    const changes = new Map<string, FieldChangeRow[]>();
    for (const code of new Set([...before.keys(), ...incoming.keys()])) {
      // The file's platform as it would be stored, for a like-for-like comparison.
      const after = incoming.get(code);
      const diff = diffPlatforms(before.get(code)?.shape ?? null, after ? normalise(after) : null);
      if (diff.length > 0) changes.set(code, diff);
    }
    const edited = await editedThroughGraph(tx);
    const overwritten = [...changes]
      .filter(([code]) => edited.has(code))
      .map(([code, diff]) => ({ code, changes: diff }));
    if (overwritten.length > 0 && !options.overwrite) throw new RegistryLoadRefused(overwritten);

    await tx.nativeDelete(PlatformCostCentre, {});
    await tx.nativeDelete(PlatformStaff, {});
    await tx.nativeDelete(PlatformService, {});
    await tx.nativeDelete(Platform, {});
    tx.clear();
    const at = new Date().toISOString();
    for (const p of file.platforms) {
      const was = before.get(p.code)?.version ?? 0;
      tx.persist(toEntity(tx, p, changes.has(p.code) ? was + 1 : was));
    }
    for (const [code, diff] of changes) {
      const version = (before.get(code)?.version ?? 0) + 1;
      tx.persist(
        tx.create(PlatformChangeRow, {
          platformCode: code,
          version,
          at,
          author: options.author ?? 'registry-file',
          action: 'load',
          changes: diff,
        }),
      );
    }
    // Tell every reader (in any process) that the registry changed, with the data in the same commit.
    await tx.nativeUpdate(RegistryVersion, { id: 1 }, { version: raw('version + 1'), loadedAt: at });
    await tx.flush();
    return {
      added: [...incoming.keys()].filter((c) => !before.has(c)),
      updated: [...incoming.keys()].filter((c) => before.has(c) && changes.has(c)),
      removed: [...before.keys()].filter((c) => !incoming.has(c)),
      unchanged: [...incoming.keys()].filter((c) => before.has(c) && !changes.has(c)),
      platforms: file.platforms.length,
      staff: file.platforms.reduce((n, p) => n + p.staff.length, 0),
      services: file.platforms.reduce((n, p) => n + p.services.length, 0),
    };
  });
}

/** A file's platform as the database would give it back (unit codes normalised, absent fields none). */
function normalise(p: RegistryPlatform): RegistryPlatform {
  const { description, contact, label, costCentres, ...rest } = p;
  const { granted, lastReview, nextReview, status } = label;
  return {
    ...rest,
    units: p.units.map((u) => normaliseUnitCode(u) ?? u),
    ...(description ? { description } : {}),
    label: {
      status,
      ...(granted ? { granted } : {}),
      ...(lastReview ? { lastReview } : {}),
      ...(nextReview ? { nextReview } : {}),
    },
    ...(contact ? { contact } : {}),
    costCentres: Object.fromEntries(
      Object.entries(costCentres).filter(([, codes]) => codes && codes.length > 0),
    ),
  };
}

/** The registry's current version, bumped by every load and edit. */
export function registryVersion(em: EntityManager): Promise<number> {
  return versionRow(em, 'registry_version');
}
