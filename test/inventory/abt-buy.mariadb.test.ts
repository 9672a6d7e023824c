import { existsSync } from 'node:fs';
import path from 'node:path';
import { createMariadbDatabase, createPostgresDatabase } from '@hub/connector-sql/testing';
import { abtBuy } from '@hub/ops';

/*
 * The Abt-Buy benchmark (test/fixtures/abt-buy, a copy of the public benchmark, or HUB_ABT_BUY_DIR) through the hub: UL's rows in
 * PostgreSQL, CNRS's in MariaDB, the connectors configured on them, the matcher with its defaults. Floors a
 * little under what it reaches (docs/INVENTORY.md): no serial, no model column, and still instruments found.
 */
const dir = path.resolve(process.env.HUB_ABT_BUY_DIR ?? path.join(__dirname, '../fixtures/abt-buy'));

describe('the Abt-Buy benchmark through the hub', () => {
  it('finds co-owned instruments from their designations alone, precisely', async () => {
    expect(existsSync(path.join(dir, 'truth.csv'))).toBe(true);
    const postgres = await createPostgresDatabase();
    const mariadb = await createMariadbDatabase();
    try {
      const figures = await abtBuy({ dir, postgresUrl: postgres.url, mariadbUrl: mariadb.url });
      // Measured: blocking recall 0.962, precision 0.979, recall 0.387 at the default threshold 0.98.
      expect(figures.truePairs).toBe(1097);
      expect(figures.blockingRecall).toBeGreaterThanOrEqual(0.95);
      expect(figures.precision).toBeGreaterThanOrEqual(0.95);
      expect(figures.recall).toBeGreaterThanOrEqual(0.35);
      expect(figures.reviewQueue).toBeGreaterThan(0);
      // A site without serials lowers the threshold: measured precision 0.918, recall 0.585, F1 0.715 at 0.3.
      const lower = await abtBuy({
        dir,
        postgresUrl: postgres.url,
        mariadbUrl: mariadb.url,
        match: { threshold: 0.3 },
      });
      expect(lower.precision).toBeGreaterThanOrEqual(0.9);
      expect(lower.f1).toBeGreaterThanOrEqual(0.68);
    } finally {
      await postgres.drop();
      await mariadb.drop();
    }
  }, 120_000);
});
