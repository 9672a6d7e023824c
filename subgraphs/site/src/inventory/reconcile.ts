import { type EntityManager, raw } from '@mikro-orm/core';
import { PlatformCostCentre } from '../registry';
import { EquipmentLink, EquipmentRow, IndexedRecord, InventoryVersion, MatchConstraint } from './entities';
import {
  type MatchDecisions,
  type MatchedCluster,
  type MatchInput,
  type MatchLink,
  type MatchOptions,
  type MatchReport,
  reconcile,
} from './matching';

/*
 * Reconciliation over the index: the records in it (removals left out), their platforms from the
 * registry, people's decisions as constraints → the matcher → `equipment` and its links, replaced in one
 * transaction, and the inventory's version bumped so that readers reload.
 */

const CHUNK = 500;

export interface ReconcileSummary extends Omit<MatchReport['stats'], 'parameters'> {
  equipment: number;
  possibleMatches: number;
}

/** Cost centre → platform code, by tutelle: `UL|PF-XGAMMA` → `XGAMMA`. */
export async function platformsByCostCentre(em: EntityManager): Promise<Map<string, string>> {
  const rows = await em.find(PlatformCostCentre, {});
  return new Map(rows.map((row) => [`${row.tutelle}|${row.code}`, row.platform.code]));
}

/** What the matcher reads of a record: the index's row, or a connector's record. */
export type MatchSource = Pick<
  IndexedRecord,
  | 'id'
  | 'tutelle'
  | 'designation'
  | 'details'
  | 'manufacturerNormalized'
  | 'model'
  | 'serialNumberNormalized'
  | 'unitCode'
  | 'costCentre'
  | 'commissioningDate'
  | 'usefulLifeYears'
  | 'valueHTCents'
  | 'additionCount'
>;

export function toMatchInput(record: MatchSource, platforms: ReadonlyMap<string, string>): MatchInput {
  return {
    id: record.id,
    tutelle: record.tutelle,
    designation: record.designation,
    details: record.details,
    manufacturerNormalized: record.manufacturerNormalized,
    model: record.model,
    serialNumberNormalized: record.serialNumberNormalized,
    unitCode: record.unitCode,
    platform: record.costCentre ? (platforms.get(`${record.tutelle}|${record.costCentre}`) ?? null) : null,
    commissioningDate: record.commissioningDate,
    usefulLifeYears: record.usefulLifeYears,
    // UL's connector adds an asset's additions (an upgrade bought later) to its value: no longer a share.
    valueHT: record.valueHTCents > 0 && record.additionCount === 0 ? record.valueHTCents / 100 : null,
  };
}

/** The most frequent non-null value, the first one met on a tie. */
function mostCommon<T>(values: readonly (T | null)[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  for (const v of values) {
    if (v == null) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best == null || n > counts.get(best)!) best = v;
  }
  return best;
}

/** An instrument's status: disposed once every tutelle disposed of it, out of order if one says so. */
function statusOf(records: readonly IndexedRecord[]): string {
  if (records.every((r) => r.status === 'DISPOSED')) return 'DISPOSED';
  return records.some((r) => r.status === 'OUT_OF_ORDER') ? 'OUT_OF_ORDER' : 'IN_SERVICE';
}

export function toEquipment(
  cluster: MatchedCluster,
  records: readonly IndexedRecord[],
  inputs: ReadonlyMap<string, MatchInput>,
): EquipmentRow {
  // The main funder's record describes the instrument: the largest share.
  const main = records.reduce((a, b) => (b.valueHTCents > a.valueHTCents ? b : a));
  const dates = records
    .map((r) => r.commissioningDate)
    .filter((d): d is string => d != null)
    .sort();
  return Object.assign(new EquipmentRow(), {
    id: cluster.id,
    designation: main.designation,
    manufacturer: main.manufacturerNormalized ?? mostCommon(records.map((r) => r.manufacturerNormalized)),
    model: main.model ?? mostCommon(records.map((r) => r.model)),
    serialNumber: mostCommon(records.map((r) => r.serialNumberNormalized)),
    platformCode: mostCommon(records.map((r) => inputs.get(r.id)!.platform)),
    unitCode: main.unitCode ?? mostCommon(records.map((r) => r.unitCode)),
    tutelles: [...new Set(records.map((r) => r.tutelle))].sort(),
    recordIds: cluster.recordIds,
    valueHTCents: records.reduce((sum, r) => sum + r.valueHTCents, 0),
    shares: Object.fromEntries(records.map((r) => [r.tutelle, r.valueHTCents])),
    commissioningDate: dates[0] ?? null,
    status: statusOf(records),
    confidence: cluster.confidence,
    confirmed: cluster.links.length > 0 && cluster.links.every((l) => l.decided),
  });
}

const linkRow = (link: MatchLink, equipmentId: string | null) => ({
  equipmentId,
  recordA: link.a,
  recordB: link.b,
  probability: link.probability,
  weight: link.weight,
  evidence: link.evidence,
  decided: link.decided,
});

async function insertChunks<T extends object>(em: EntityManager, entity: new () => T, rows: T[] | object[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await em.insertMany(entity, rows.slice(i, i + CHUNK) as T[]);
}

/** The matcher's groups as rows: equipment with their records' figures, links with their evidence. */
export function toRows(
  grouped: Pick<MatchReport, 'clusters' | 'possibleMatches'>,
  records: readonly IndexedRecord[],
  platforms: ReadonlyMap<string, string>,
) {
  const byId = new Map(records.map((r) => [r.id, r]));
  const inputs = new Map(records.map((r) => [r.id, toMatchInput(r, platforms)]));
  const equipment = grouped.clusters.map((c) =>
    toEquipment(
      c,
      c.recordIds.map((id) => byId.get(id)!),
      inputs,
    ),
  );
  const links = [
    ...grouped.clusters.flatMap((c) => c.links.map((l) => linkRow(l, c.id))),
    ...grouped.possibleMatches.map((l) => linkRow(l, null)),
  ];
  return { equipment, links };
}

/** Tell every reader (in any process) that the equipment changed, in the same commit as the change. */
export async function bumpVersion(em: EntityManager, stats?: Record<string, unknown>): Promise<void> {
  await em.nativeUpdate(
    InventoryVersion,
    { id: 1 },
    {
      version: raw('version + 1'),
      ...(stats ? { reconciledAt: new Date().toISOString(), stats } : {}),
    },
  );
}

export async function insertRows(em: EntityManager, rows: ReturnType<typeof toRows>): Promise<void> {
  await insertChunks(em, EquipmentRow, rows.equipment);
  await insertChunks(em, EquipmentLink, rows.links);
}

/** The inventory's version: every decision and reconciliation bumps it in its own commit. */
async function versionOf(em: EntityManager): Promise<number> {
  return (await em.findOneOrFail(InventoryVersion, { id: 1 }, { refresh: true })).version;
}

/** The whole regrouping, read through `em`: what the matcher makes of the index and the decisions. */
async function plan(em: EntityManager, match: MatchOptions) {
  const records = await em.find(IndexedRecord, { removed: false }, { orderBy: { id: 'asc' } });
  const platforms = await platformsByCostCentre(em);
  const report = reconcile(
    records.map((r) => toMatchInput(r, platforms)),
    await decisionsOf(em),
    match,
  );
  return { report, rows: toRows(report, records, platforms) };
}

/*
 * The matcher runs outside the decisions' lock (12 s at x100: decisions would wait that long) on the version
 * it read. The write takes the lock first (the version bump, as a decision does); if a decision committed
 * since the read, the plan would undo it, so it is made again under the lock with that decision among the
 * constraints (decisions wait meanwhile, once).
 */
export async function reconcileIndex(em: EntityManager, match: MatchOptions = {}): Promise<ReconcileSummary> {
  const read = em.fork();
  const seen = await versionOf(read);
  const planned = await plan(read, match);
  return em.fork().transactional(async (tx) => {
    await bumpVersion(tx);
    const stale = (await versionOf(tx)) !== seen + 1;
    const { report, rows } = stale ? await plan(tx, match) : planned;
    const { parameters, ...stats } = report.stats;
    await tx.nativeDelete(EquipmentLink, {});
    await tx.nativeDelete(EquipmentRow, {});
    await insertRows(tx, rows);
    await bumpVersion(tx, { ...stats, parameters });
    return { ...stats, equipment: rows.equipment.length, possibleMatches: report.possibleMatches.length };
  });
}

/** People's decisions as the matcher takes them, optionally only those among some records. */
export async function decisionsOf(em: EntityManager, among?: readonly string[]): Promise<MatchDecisions> {
  const where = among ? { recordA: { $in: [...among] }, recordB: { $in: [...among] } } : {};
  const constraints = await em.find(MatchConstraint, where);
  return {
    mustLink: constraints.filter((c) => c.kind === 'must').map((c) => [c.recordA, c.recordB] as const),
    cannotLink: constraints.filter((c) => c.kind === 'cannot').map((c) => [c.recordA, c.recordB] as const),
  };
}
