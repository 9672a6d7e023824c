import { ErrorCode, Role } from '@hub/schema';
import type { Caller } from '@hub/service-kit';
import { type EntityManager, raw } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { Platform, PlatformChangeRow, RegistryVersion } from './entities';
import { type RegistryPlatform, validatePlatform } from './file';
import type { PlatformEdit, ServiceInput } from './graphql/types';
import { addChildren, CHILD_ORDER, platformColumns, toFileShape } from './shape';

/*
 * The registry kept through the graph: an edit is applied to the platform as the file would write it,
 * validated by the file's own rules, and stored in one transaction with its change log entry, if and only if
 * the platform is still at the version the editor read (optimistic concurrency: a stale edit is refused,
 * never merged over someone else's).
 */

export type RegistryEdit =
  | { kind: 'edit'; expectedVersion: number; edit: PlatformEdit }
  | { kind: 'saveService'; expectedVersion: number; service: ServiceInput }
  | { kind: 'removeService'; expectedVersion: number; serviceCode: string };

/** What a platform manager may change on their own platforms; the rest is central services' and admins'. */
const MANAGER_FIELDS: ReadonlySet<string> = new Set(['description', 'themes', 'contact', 'clearContact']);

const fail = (code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

export interface FieldChangeRow {
  field: string;
  before: string | null;
  after: string | null;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Each field the edit changed, services field by field ('services.RMN-H.yearlyVolume'). */
export function diffPlatforms(
  before: RegistryPlatform | null,
  after: RegistryPlatform | null,
): FieldChangeRow[] {
  const changes: FieldChangeRow[] = [];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of [...keys].sort()) {
    if (key === 'services') continue;
    const [b, a] = [
      json(before?.[key as keyof RegistryPlatform]),
      json(after?.[key as keyof RegistryPlatform]),
    ];
    if (b !== a) changes.push({ field: key, before: b, after: a });
  }
  const services = (p: RegistryPlatform | null) => new Map((p?.services ?? []).map((s) => [s.code, s]));
  const [was, now] = [services(before), services(after)];
  for (const code of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const [b, a] = [was.get(code), now.get(code)];
    if (!b || !a) {
      changes.push({ field: `services.${code}`, before: json(b), after: json(a) });
      continue;
    }
    for (const field of Object.keys({ ...b, ...a }) as Array<keyof typeof b>) {
      if (json(b[field]) !== json(a[field]))
        changes.push({ field: `services.${code}.${field}`, before: json(b[field]), after: json(a[field]) });
    }
  }
  return changes;
}

function mayEditAll(caller: Caller): boolean {
  return caller.roles.includes(Role.CENTRAL) || caller.roles.includes(Role.ADMIN);
}

/** The platform the edit would make, in the file's shape (not yet validated). */
function applyEdit(current: RegistryPlatform, change: RegistryEdit, caller: Caller): RegistryPlatform {
  const next: RegistryPlatform = structuredClone(current);
  if (change.kind === 'edit') {
    const given = Object.entries(change.edit).filter(([, v]) => v !== undefined && v !== null);
    const beyond = given.map(([k]) => k).filter((k) => !MANAGER_FIELDS.has(k));
    if (beyond.length > 0 && !mayEditAll(caller))
      throw fail(ErrorCode.FORBIDDEN, `${beyond.join(', ')} of a platform: central or admin only`);
    const e = change.edit;
    if (e.description != null) next.description = e.description === '' ? null : e.description;
    if (e.themes != null) next.themes = e.themes;
    if (e.clearContact) delete next.contact;
    if (e.contact != null) next.contact = { name: e.contact.name, email: e.contact.email };
    if (e.name != null) next.name = e.name;
    if (e.units != null) next.units = e.units;
    if (e.tutelles != null) next.tutelles = e.tutelles;
    if (e.label != null)
      next.label = {
        status: e.label.status,
        granted: e.label.granted ?? null,
        lastReview: e.label.lastReview ?? null,
      };
    if (e.costCentres != null) {
      next.costCentres = {};
      for (const c of e.costCentres)
        next.costCentres[c.tutelle] = [...(next.costCentres[c.tutelle] ?? []), c.code];
    }
    if (e.staff != null) next.staff = e.staff.map((s) => ({ tutelle: s.tutelle, id: s.id, share: s.share }));
    return next;
  }
  if (change.kind === 'removeService') {
    if (!next.services.some((s) => s.code === change.serviceCode))
      throw fail(ErrorCode.NOT_FOUND, `${current.code} has no service ${change.serviceCode}`);
    next.services = next.services.filter((s) => s.code !== change.serviceCode);
    return next;
  }
  const { currentPrices, ...fields } = change.service;
  if (currentPrices != null && !mayEditAll(caller))
    throw fail(ErrorCode.FORBIDDEN, 'currentPrices of a service: central or admin only');
  const existing = next.services.find((s) => s.code === fields.code);
  const service = {
    ...fields,
    currentPrices:
      currentPrices == null
        ? (existing?.currentPrices ?? {})
        : Object.fromEntries(
            currentPrices.map(({ tutelle, ...prices }) => [
              tutelle,
              Object.fromEntries(Object.entries(prices).filter(([, v]) => v != null)),
            ]),
          ),
  };
  next.services = existing
    ? next.services.map((s) => (s.code === fields.code ? service : s))
    : [...next.services, service];
  return next;
}

/** The registry's writes through the graph, and the change log. */
export class RegistryWriter {
  constructor(private readonly em: EntityManager) {}

  /** Apply one edit atomically; the platform's new version. */
  async apply(code: string, caller: Caller, change: RegistryEdit): Promise<number> {
    return this.em.fork().transactional(async (tx) => {
      const stored = await tx.findOne(
        Platform,
        { code },
        { populate: ['costCentres', 'staff', 'services'], populateOrderBy: CHILD_ORDER },
      );
      if (!stored) throw fail(ErrorCode.NOT_FOUND, `No platform ${code}`);
      const conflict = () =>
        fail(
          ErrorCode.VERSION_CONFLICT,
          `${code} changed since version ${change.expectedVersion}: read it again and redo the edit`,
          { currentVersion: stored.version },
        );
      if (stored.version !== change.expectedVersion) throw conflict();
      const before = toFileShape(stored);
      const candidate = applyEdit(before, change, caller);
      const checked = validatePlatform(candidate);
      if ('problems' in checked)
        throw fail(
          ErrorCode.BAD_USER_INPUT,
          `The edit of ${code} is refused: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
          { problems: checked.problems },
        );
      const after = checked.data;
      const changes = diffPlatforms(before, after);
      if (changes.length === 0) return stored.version;
      const version = stored.version + 1;
      // The version guard, in the database: of two edits on one version, the second updates no row.
      const updated = await tx.nativeUpdate(Platform, { code, version: change.expectedVersion }, { version });
      if (updated !== 1) throw conflict();
      tx.assign(stored, { ...platformColumns(after), version });
      stored.costCentres.removeAll();
      stored.staff.removeAll();
      stored.services.removeAll();
      addChildren(tx, stored, after);
      tx.persist(
        tx.create(PlatformChangeRow, {
          platformCode: code,
          version,
          at: new Date().toISOString(),
          author: caller.subject ?? 'unknown',
          action: change.kind,
          changes,
        }),
      );
      // Every replica's registry cache checks this row: the edit is seen everywhere, as a load is.
      await tx.nativeUpdate(RegistryVersion, { id: 1 }, { version: raw('version + 1') });
      await tx.flush();
      return version;
    });
  }

  /** A platform's changes, newest first (at most the latest 1,000: pages cut from them). */
  async changes(code: string): Promise<PlatformChangeRow[]> {
    return this.em
      .fork()
      .find(
        PlatformChangeRow,
        { platformCode: code },
        { orderBy: { version: 'desc', id: 'desc' }, limit: 1000 },
      );
  }
}
