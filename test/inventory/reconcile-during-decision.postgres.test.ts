import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPostgresDatabase } from '@hub/connector-sql/testing';
import { reconcileIndex, type SiteInventory, type SiteOrm } from '@hub/subgraph-site';
import pg from 'pg';
import { fixtureInventory } from '../src/inventory-feed';
import { expectDecisionKept, twoSingleRecords } from './reconcile-during-decision';

/**
 * A decision that commits while a reconciliation is already matching must survive it: the reconciliation
 * planned on the inventory before the decision, so writing that plan would undo the decision. The test
 * makes the interleaving certain: it holds the decisions' lock (the version row) in a transaction of its own,
 * lets the reconciliation read and match, waits until PostgreSQL shows it waiting on that lock, then commits
 * a decision's constraint (two records that must be one instrument) in that transaction.
 */
describe('a reconciliation running while a decision commits, on PostgreSQL', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  let orm: SiteOrm;
  let inventory: SiteInventory;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-reconcile-'));
    database = await createPostgresDatabase();
    ({ orm, inventory, close } = await fixtureInventory(dir, { kind: 'postgresql', url: database.url }));
    await inventory.sync();
  });
  afterAll(async () => {
    await close?.();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the decision: the records it joined end in one instrument', async () => {
    const snapshot = await inventory.snapshot();
    const [ul, cnrs] = twoSingleRecords(snapshot);

    const decision = new pg.Client({ connectionString: database.url });
    await decision.connect();
    // pg_stat_activity is read once per transaction: watched from outside the decision's one.
    const watcher = new pg.Client({ connectionString: database.url });
    await watcher.connect();
    try {
      await decision.query('BEGIN');
      await decision.query('UPDATE inventory_version SET version = version + 1 WHERE id = 1');
      // The reconciliation itself, without the job lease (a sync's), which is not what is tested here.
      const reconciling = reconcileIndex(orm.em);
      let settled = false;
      void reconciling.finally(() => {
        settled = true;
      });
      // Waits on readiness: the reconciliation has planned and now waits for the lock the decision holds.
      for (;;) {
        const { rows } = await watcher.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%inventory_version%'`,
        );
        // A reconciliation that never waits for the lock ends the wait too (it then ignored the decisions).
        if (rows[0].waiting > 0 || settled) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await decision.query(
        "INSERT INTO inventory_constraint (kind, record_a, record_b, decision_id) VALUES ('must', $1, $2, 0)",
        [ul, cnrs],
      );
      await decision.query('COMMIT');
      await reconciling;
    } finally {
      await decision.end();
      await watcher.end();
    }

    expectDecisionKept(snapshot, await inventory.snapshot(), [ul, cnrs]);
  });
});
