import { ErrorCode } from '@hub/schema';
import type { EntityManager } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import {
  type DecisionKind,
  EquipmentLink,
  EquipmentRow,
  IndexedRecord,
  InventoryDecision,
  MatchConstraint,
} from './entities';
import { type MatchOptions, regroup } from './matching';
import { bumpVersion, decisionsOf, insertRows, platformsByCostCentre, toRows } from './reconcile';

/*
 * People decide: confirm an instrument, split records off it, merge instruments. A decision is stored
 * against record ids, as must-links and cannot-links the matcher applies on every later reconciliation,
 * whatever the sync brings; a later decision on the same pair replaces the earlier one. Each is recorded
 * with who, when, and the instruments as they were (the audit trail). The instruments concerned are
 * grouped again at once, from the links already scored between their records; the next reconciliation
 * regroups the whole site with the decision as a constraint.
 */

/*
 * Decisions arriving together (three agents clicking at once) are serialised by the database: each
 * decision's transaction first bumps the inventory's version row, which locks it (PostgreSQL row lock,
 * SQLite's write lock) until commit, and only then reads the instruments it changes. A decision therefore
 * always works on the inventory as the previous one left it, never on what its caller saw: an instrument
 * gone meanwhile is resolved through its records (a replayed merge is the same merge) or refused with
 * CONFLICT, and a merge never leaves a record in no instrument or in two.
 */

const bad = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

/** Why a decision conflicts with the inventory as it now is: `extensions.reason`. */
export type ConflictReason = 'EQUIPMENT_CHANGED' | 'ONE_RECORD_PER_TUTELLE';

const conflict = (reason: ConflictReason, message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, reason } });

function allPairs(ids: readonly string[]): Array<[string, string]> {
  const sorted = [...ids].sort();
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length; j++) pairs.push([sorted[i]!, sorted[j]!]);
  return pairs;
}

/** Take the inventory's write lock for this transaction: decisions run one after the other. */
const lockInventory = (tx: EntityManager) => bumpVersion(tx);

/**
 * The instruments as they now are. An id no longer there (an earlier decision regrouped it) is found again
 * through its smallest record (`EQ-` + record id, the matcher's naming) when `follow` is set.
 */
async function currentEquipment(tx: EntityManager, ids: readonly string[], follow: boolean) {
  const rows = await tx.find(EquipmentRow, { id: { $in: [...ids] } });
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length === 0) return ids.map((id) => found.get(id)!);
  if (!follow)
    throw conflict('EQUIPMENT_CHANGED', `${missing.join(', ')} changed meanwhile: read the inventory again`);
  const holders = new Map<string, EquipmentRow>();
  for (const row of await tx.find(EquipmentRow, {})) for (const r of row.recordIds) holders.set(r, row);
  const resolved = ids.map((id) => found.get(id) ?? holders.get(id.replace(/^EQ-/, '')));
  const unknown = ids.filter((_, i) => resolved[i] == null);
  if (unknown.length > 0)
    throw new GraphQLError(`No equipment ${unknown.join(', ')}`, {
      extensions: { code: ErrorCode.NOT_FOUND },
    });
  return [...new Map(resolved.map((e) => [e!.id, e!])).values()];
}

/** One record per tutelle per instrument: else a tutelle's share would hide another's. */
function checkOneRecordPerTutelle(equipment: readonly EquipmentRow[]): void {
  const byTutelle = new Map<string, string[]>();
  for (const id of equipment.flatMap((e) => e.recordIds)) {
    const tutelle = id.slice(0, id.indexOf(':'));
    byTutelle.set(tutelle, [...(byTutelle.get(tutelle) ?? []), id]);
  }
  const twice = [...byTutelle].filter(([, ids]) => ids.length > 1);
  if (twice.length > 0)
    throw conflict(
      'ONE_RECORD_PER_TUTELLE',
      `An instrument holds one record per tutelle; merged, ${equipment.map((e) => e.id).join(' + ')} would hold ` +
        `${twice.map(([tutelle, ids]) => `${ids.length} ${tutelle} records (${ids.join(', ')})`).join(' and ')}: ` +
        'split the record that is another instrument off first',
    );
}

type Plan = {
  kind: DecisionKind;
  equipment: EquipmentRow[];
  recordIds: string[];
  constraints: Array<{ kind: 'must' | 'cannot'; pair: [string, string] }>;
};

/**
 * Lock, read the instruments as they now are, plan the decision on them (or answer the decision already
 * made), store it with its constraints and regroup: one transaction.
 */
function decide(
  em: EntityManager,
  who: string,
  match: MatchOptions,
  plan: (tx: EntityManager) => Promise<Plan | InventoryDecision>,
): Promise<InventoryDecision> {
  return em.fork().transactional(async (tx) => {
    await lockInventory(tx);
    const planned = await plan(tx);
    if (planned instanceof InventoryDecision) return planned;
    const { kind, equipment, recordIds, constraints } = planned;
    const made = tx.create(InventoryDecision, {
      kind,
      decidedBy: who,
      decidedAt: new Date().toISOString(),
      equipmentIds: equipment.map((e) => e.id),
      recordIds,
      previous: equipment.map((e) => ({ id: e.id, recordIds: e.recordIds })),
    });
    await tx.flush();
    for (const { kind: constraint, pair } of constraints) {
      await tx.nativeDelete(MatchConstraint, { recordA: pair[0], recordB: pair[1] });
      tx.persist(
        tx.create(MatchConstraint, {
          kind: constraint,
          recordA: pair[0],
          recordB: pair[1],
          decisionId: made.id,
        }),
      );
    }
    await tx.flush();
    await regroupEquipment(tx, equipment, match);
    return made;
  });
}

/**
 * The instruments' records grouped again under the constraints among them, in the decision's transaction,
 * at the site's threshold (the one the reconciliation joined them at).
 */
async function regroupEquipment(
  tx: EntityManager,
  equipment: readonly EquipmentRow[],
  match: MatchOptions,
): Promise<void> {
  const ids = equipment.map((e) => e.id);
  const recordIds = equipment.flatMap((e) => e.recordIds);
  const records = await tx.find(IndexedRecord, { id: { $in: recordIds } }, { orderBy: { id: 'asc' } });
  const links = await tx.find(EquipmentLink, {
    $or: [
      { equipmentId: { $in: ids } },
      { equipmentId: null, recordA: { $in: recordIds }, recordB: { $in: recordIds } },
    ],
  });
  const grouped = regroup(
    records,
    links.map((l) => ({ ...l, a: l.recordA, b: l.recordB })),
    await decisionsOf(tx, recordIds),
    match,
  );
  const rows = toRows(grouped, records, await platformsByCostCentre(tx));
  await tx.nativeDelete(EquipmentLink, { id: { $in: links.map((l) => l.id) } });
  await tx.nativeDelete(EquipmentRow, { id: { $in: ids } });
  await insertRows(tx, rows);
}

/** These records are one instrument. */
export function confirmEquipment(
  em: EntityManager,
  who: string,
  equipmentId: string,
  match: MatchOptions = {},
) {
  return decide(em, who, match, async (tx) => {
    const [equipment] = await currentEquipment(tx, [equipmentId], false);
    if (equipment!.recordIds.length < 2) throw bad(`${equipmentId} has one record: nothing to confirm`);
    const must = allPairs(equipment!.recordIds).map((pair) => ({ kind: 'must' as const, pair }));
    return { kind: 'confirm', equipment: [equipment!], recordIds: equipment!.recordIds, constraints: must };
  });
}

/** These records of the instrument are another instrument (one, if several). */
export function splitEquipment(
  em: EntityManager,
  who: string,
  equipmentId: string,
  recordIds: string[],
  match: MatchOptions = {},
) {
  return decide(em, who, match, async (tx) => {
    const [equipment] = await currentEquipment(tx, [equipmentId], false);
    const moved = [...new Set(recordIds)];
    const stays = equipment!.recordIds.filter((id) => !moved.includes(id));
    const foreign = moved.filter((id) => !equipment!.recordIds.includes(id));
    if (foreign.length > 0) throw bad(`${foreign.join(', ')} not in ${equipmentId}`);
    if (moved.length === 0 || stays.length === 0)
      throw bad('A split moves some of the records, not none or all');
    const constraints = [
      ...allPairs(moved).map((pair) => ({ kind: 'must' as const, pair })),
      ...moved.flatMap((a) =>
        stays.map((b) => ({ kind: 'cannot' as const, pair: (a < b ? [a, b] : [b, a]) as [string, string] })),
      ),
    ];
    return { kind: 'split', equipment: [equipment!], recordIds: moved, constraints };
  });
}

/** These instruments are one. Sent again (or after another agent's same merge), it is the same merge. */
export function mergeEquipment(
  em: EntityManager,
  who: string,
  equipmentIds: string[],
  match: MatchOptions = {},
) {
  const ids = [...new Set(equipmentIds)];
  if (ids.length < 2) return Promise.reject(bad('A merge takes two instruments or more'));
  return decide(em, who, match, async (tx) => {
    const equipment = await currentEquipment(tx, ids, true);
    if (equipment.length === 1) return alreadyMerged(tx, equipment[0]!);
    checkOneRecordPerTutelle(equipment);
    const recordIds = equipment.flatMap((e) => e.recordIds);
    const must = allPairs(recordIds).map((pair) => ({ kind: 'must' as const, pair }));
    return { kind: 'merge', equipment, recordIds, constraints: must };
  });
}

/** The decision that made this instrument one, for a merge that holds already. */
async function alreadyMerged(tx: EntityManager, equipment: EquipmentRow): Promise<InventoryDecision> {
  const merges = await tx.find(InventoryDecision, { kind: 'merge' }, { orderBy: { id: 'desc' } });
  const made = merges.find((d) => d.recordIds.every((id) => equipment.recordIds.includes(id)));
  if (!made) throw bad(`${equipment.id} is one instrument already: nothing to merge`);
  return made;
}
