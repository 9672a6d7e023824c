import { createPostgresDatabase } from '@hub/connector-sql/testing';
import pg from 'pg';
import { generateSite, loadUlPostgres } from '.';

/** The demo's UL rows in PostgreSQL: a stand-in for the real reporting replica, loaded in batches. */
describe('loading the demo site into PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;

  beforeAll(async () => {
    database = await createPostgresDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('replaces the sifac and siham schemas with every UL row', async () => {
    const site = generateSite();
    // Twice: the second load drops what the first created.
    await loadUlPostgres(generateSite({ scale: 0.1 }).ul, database.url);
    await loadUlPostgres(site.ul, database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const count = async (table: string) =>
        Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      expect(await count('sifac.immobilisation')).toBe(site.ul.immobilisation.length);
      expect(await count('sifac.depense')).toBe(site.ul.depense.length);
      expect(await count('siham.agent')).toBe(site.ul.agent.length);
      expect(await count('siham.affectation')).toBe(site.ul.affectation.length);
      const { rows } = await client.query('SELECT sum(valeur_acq) AS total FROM sifac.immobilisation');
      const total = site.ul.immobilisation.reduce((sum, r) => sum + r.valeur_acq, 0);
      expect(Number(rows[0].total)).toBeCloseTo(total, 1);
    } finally {
      await client.end();
    }
  });
});
