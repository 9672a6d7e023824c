import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode } from '@hub/schema';
import { type SiteDatabaseConfig, type SiteInventory, type SiteOrm } from '@hub/subgraph-site';
import { fixtureInventory } from '../src/inventory-feed';

/**
 * People's decisions sent at once, as three central-service agents clicking together would: whatever the
 * order the database runs them in, the inventory ends consistent (each record in exactly one instrument,
 * each instrument's value the sum of its records') and every answer is a decision or a clear refusal.
 */
export function concurrentDecisionsScenario(
  database: () => Promise<{ config: SiteDatabaseConfig; drop(): Promise<void> }>,
) {
  jest.setTimeout(60_000);
  let dir: string;
  let dropDatabase: () => Promise<void>;
  let orm: SiteOrm;
  let inventory: SiteInventory;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-decisions-'));
    const { config, drop } = await database();
    dropDatabase = drop;
    ({ orm, inventory, close } = await fixtureInventory(dir, config));
    await inventory.sync();
  });
  afterAll(async () => {
    await close?.();
    await dropDatabase?.();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Each record in exactly one instrument, each instrument's value and shares its records'. */
  async function expectConsistent() {
    const snapshot = await inventory.snapshot();
    const records = await orm.em
      .fork()
      .getConnection()
      .execute<Array<{ id: string; value: string | number }>>(
        'SELECT id, value_ht_cents AS value FROM inventory_record WHERE removed = ? ORDER BY id',
        [false],
      );
    const holders = snapshot.equipment.flatMap((e) => e.recordIds).sort();
    expect(holders).toEqual(records.map((r) => r.id));
    const value = new Map(records.map((r) => [r.id, Number(r.value)]));
    for (const e of snapshot.equipment) {
      expect(Number(e.valueHTCents)).toBe(e.recordIds.reduce((sum, id) => sum + value.get(id)!, 0));
      const tutelles = e.recordIds.map((id) => id.split(':')[0]);
      expect(new Set(tutelles).size).toBe(tutelles.length);
    }
  }

  /** A decision's answer: done, or refused with a code a client can act on; never an internal error. */
  async function settle(decision: Promise<unknown>): Promise<string> {
    try {
      await decision;
      return 'done';
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (code == null) throw error;
      return String(code);
    }
  }

  /** Two single-record instruments of each tutelle, none of them merged yet. */
  async function singles() {
    const snapshot = await inventory.snapshot();
    const of = (tutelle: string) =>
      snapshot.equipment
        .filter((e) => e.recordIds.length === 1 && e.tutelles[0] === tutelle)
        .map((e) => e.id);
    return { ul: of('UL'), cnrs: of('CNRS') };
  }

  it('ends consistent after overlapping merges sent at once, replays included', async () => {
    const { ul, cnrs } = await singles();
    expect(ul.length).toBeGreaterThanOrEqual(2);
    expect(cnrs.length).toBeGreaterThanOrEqual(2);
    const outcomes = await Promise.all([
      settle(inventory.merge('a@univ-lorraine.fr', [ul[0]!, cnrs[0]!])),
      settle(inventory.merge('b@univ-lorraine.fr', [ul[0]!, cnrs[0]!])),
      settle(inventory.merge('c@univ-lorraine.fr', [ul[0]!, cnrs[1]!])),
      settle(inventory.merge('d@univ-lorraine.fr', [ul[1]!, cnrs[1]!])),
    ]);
    for (const outcome of outcomes) expect(['done', ErrorCode.CONFLICT]).toContain(outcome);
    // The same merge twice is one merge: the replay is done, not refused.
    expect(outcomes.slice(0, 2)).toEqual(['done', 'done']);
    await expectConsistent();
  });

  it('ends consistent after splits and merges of the same instruments at once', async () => {
    const snapshot = await inventory.snapshot();
    const merged = snapshot.equipment.filter((e) => e.recordIds.length > 1);
    const { ul, cnrs } = await singles();
    const outcomes = await Promise.all([
      ...merged.map((e) => settle(inventory.split('a@univ-lorraine.fr', e.id, [e.recordIds[0]!]))),
      ...merged.map((e) => settle(inventory.confirm('b@univ-lorraine.fr', e.id))),
      settle(inventory.merge('c@univ-lorraine.fr', [ul[0]!, cnrs[0]!])),
      settle(inventory.merge('d@univ-lorraine.fr', [merged[0]!.id, ul[0]!])),
    ]);
    for (const outcome of outcomes)
      expect(['done', ErrorCode.CONFLICT, ErrorCode.NOT_FOUND, ErrorCode.BAD_USER_INPUT]).toContain(outcome);
    await expectConsistent();
  });

  it('refuses a merge that would give an instrument two records of one tutelle, saying why', async () => {
    const { ul } = await singles();
    const refused = inventory.merge('a@univ-lorraine.fr', [ul[0]!, ul[1]!]);
    await expect(refused).rejects.toThrow(/UL/);
    await expect(refused).rejects.toMatchObject({
      extensions: { code: ErrorCode.CONFLICT, reason: 'ONE_RECORD_PER_TUTELLE' },
    });
    await expectConsistent();
  });
}
