import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reconcileIndex, type SiteInventory, type SiteOrm } from '@hub/subgraph-site';
import Database from 'better-sqlite3';
import { fixtureInventory } from '../src/inventory-feed';
import { expectDecisionKept, twoSingleRecords } from './reconcile-during-decision';

/**
 * The SQLite side of reconcile-during-decision.postgres.test.ts. SQLite has one writer and the site's driver
 * is synchronous, so the decision cannot be held open while the reconciliation waits; it is made certain the
 * other way round: the decision commits, from a connection of its own, the moment the reconciliation has
 * read the decisions for its plan (the answer to its `inventory_constraint` query), so the plan misses it.
 */
describe('a reconciliation running while a decision commits, on SQLite', () => {
  let dir: string;
  let orm: SiteOrm;
  let inventory: SiteInventory;
  let close: () => Promise<void>;
  const file = () => path.join(dir, 'site.sqlite');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-reconcile-sqlite-'));
    ({ orm, inventory, close } = await fixtureInventory(dir, { kind: 'sqlite', file: file() }));
    await inventory.sync();
  });
  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the decision: the records it joined end in one instrument', async () => {
    const before = await inventory.snapshot();
    const [ul, cnrs] = twoSingleRecords(before);
    const decision = new Database(file());
    const knex = orm.em.getConnection().getKnex();
    let committed = false;
    const commitOnce = (_response: unknown, query: { sql?: string }) => {
      if (committed || !/from [`"]?inventory_constraint/i.test(query.sql ?? '')) return;
      committed = true;
      decision.transaction(() => {
        decision.prepare('UPDATE inventory_version SET version = version + 1 WHERE id = 1').run();
        decision
          .prepare(
            "INSERT INTO inventory_constraint (kind, record_a, record_b, decision_id) VALUES ('must', ?, ?, 0)",
          )
          .run(ul, cnrs);
      })();
    };
    knex.on('query-response', commitOnce);
    try {
      await reconcileIndex(orm.em);
    } finally {
      knex.off('query-response', commitOnce);
      decision.close();
    }
    expect(committed).toBe(true);
    expectDecisionKept(before, await inventory.snapshot(), [ul, cnrs]);
  });
});
