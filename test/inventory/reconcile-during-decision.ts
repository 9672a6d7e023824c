import type { SiteInventory } from '@hub/subgraph-site';

type InventorySnapshot = Awaited<ReturnType<SiteInventory['snapshot']>>;

/*
 * What a reconciliation that ran while a decision committed must leave, on any backend
 * (reconcile-during-decision.*.test.ts).
 */

/** A UL record and a CNRS record that are each an instrument of their own. */
export function twoSingleRecords(snapshot: InventorySnapshot): [string, string] {
  const single = (tutelle: string) =>
    snapshot.equipment.find((e) => e.recordIds.length === 1 && e.tutelles[0] === tutelle)!.recordIds[0]!;
  return [single('UL'), single('CNRS')].sort() as [string, string];
}

/** Every record in exactly one instrument, the site's total unchanged, and the two joined records together. */
export function expectDecisionKept(
  before: InventorySnapshot,
  after: InventorySnapshot,
  [a, b]: [string, string],
): void {
  const held = after.equipment.flatMap((e) => e.recordIds);
  expect(new Set(held).size).toBe(held.length);
  expect(held.sort()).toEqual(before.equipment.flatMap((e) => e.recordIds).sort());
  const total = (s: InventorySnapshot) => s.equipment.reduce((sum, e) => sum + e.valueHTCents, 0);
  expect(total(after)).toBe(total(before));
  expect(after.equipment.find((e) => e.recordIds.includes(a))!.recordIds).toContain(b);
}
