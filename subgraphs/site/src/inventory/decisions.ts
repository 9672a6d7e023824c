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
import { regroup } from './matching';
import { bumpVersion, decisionsOf, insertRows, platformsByCostCentre, toRows } from './reconcile';

/*
 * People decide: confirm an instrument, split records off it, merge instruments. A decision is stored
 * against record ids, as must-links and cannot-links the matcher applies on every later reconciliation,
 * whatever the sync brings; a later decision on the same pair replaces the earlier one. Each is recorded
 * with who, when, and the instruments as they were (the audit trail). The instruments concerned are
 * grouped again at once, from the links already scored between their records; the next reconciliation
 * regroups the whole site with the decision as a constraint.
 */

const bad = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });

function allPairs(ids: readonly string[]): Array<[string, string]> {
  const sorted = [...ids].sort();
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length; j++) pairs.push([sorted[i]!, sorted[j]!]);
  return pairs;
}

async function loadEquipment(em: EntityManager, ids: readonly string[]): Promise<EquipmentRow[]> {
  const rows = await em.find(EquipmentRow, { id: { $in: [...ids] } });
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0)
    throw new GraphQLError(`No equipment ${missing.join(', ')}`, {
      extensions: { code: ErrorCode.NOT_FOUND },
    });
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

async function decide(
  em: EntityManager,
  who: string,
  kind: DecisionKind,
  equipment: EquipmentRow[],
  recordIds: string[],
  constraints: Array<{ kind: 'must' | 'cannot'; pair: [string, string] }>,
): Promise<InventoryDecision> {
  return em.fork().transactional(async (tx) => {
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
    await regroupEquipment(tx, equipment);
    return made;
  });
}

/** The instruments' records grouped again under the constraints among them, in the decision's transaction. */
async function regroupEquipment(tx: EntityManager, equipment: readonly EquipmentRow[]): Promise<void> {
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
  );
  const rows = toRows(grouped, records, await platformsByCostCentre(tx));
  await tx.nativeDelete(EquipmentLink, { id: { $in: links.map((l) => l.id) } });
  await tx.nativeDelete(EquipmentRow, { id: { $in: ids } });
  await insertRows(tx, rows);
  await bumpVersion(tx);
}

/** These records are one instrument. */
export async function confirmEquipment(em: EntityManager, who: string, equipmentId: string) {
  const [equipment] = await loadEquipment(em.fork(), [equipmentId]);
  if (equipment!.recordIds.length < 2) throw bad(`${equipmentId} has one record: nothing to confirm`);
  const must = allPairs(equipment!.recordIds).map((pair) => ({ kind: 'must' as const, pair }));
  return decide(em, who, 'confirm', [equipment!], equipment!.recordIds, must);
}

/** These records of the instrument are another instrument (one, if several). */
export async function splitEquipment(
  em: EntityManager,
  who: string,
  equipmentId: string,
  recordIds: string[],
) {
  const [equipment] = await loadEquipment(em.fork(), [equipmentId]);
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
  return decide(em, who, 'split', [equipment!], moved, constraints);
}

/** These instruments are one. */
export async function mergeEquipment(em: EntityManager, who: string, equipmentIds: string[]) {
  const ids = [...new Set(equipmentIds)];
  if (ids.length < 2) throw bad('A merge takes two instruments or more');
  const equipment = await loadEquipment(em.fork(), ids);
  const recordIds = equipment.flatMap((e) => e.recordIds);
  const must = allPairs(recordIds).map((pair) => ({ kind: 'must' as const, pair }));
  return decide(em, who, 'merge', equipment, recordIds, must);
}
