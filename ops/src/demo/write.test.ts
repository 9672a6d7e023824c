import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UlConnector } from '@hub/connector-ul';
import Database from 'better-sqlite3';
import { parse } from 'yaml';
import { countSite, type DemoSite, generateSite, writeDemo, writeUlSqlite } from '.';

/** What the demo writes is what the hub reads: UL's SQLite replica, the registry, the truth. */
describe('writing the demo site', () => {
  let dir: string;
  let site: DemoSite;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hub-demo-'));
    site = generateSite({ scale: 0.3 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes UL as two SQLite files holding every row', () => {
    writeUlSqlite(site.ul, path.join(dir, 'ul'));
    // Written twice: the files are replaced, not appended to.
    writeUlSqlite(site.ul, path.join(dir, 'ul'));
    const db = new Database(':memory:');
    db.exec(`ATTACH DATABASE '${path.join(dir, 'ul', 'sifac.sqlite')}' AS sifac`);
    db.exec(`ATTACH DATABASE '${path.join(dir, 'ul', 'siham.sqlite')}' AS siham`);
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('sifac.immobilisation')).toBe(site.ul.immobilisation.length);
    expect(count('sifac.depense')).toBe(site.ul.depense.length);
    expect(count('siham.agent')).toBe(site.ul.agent.length);
    expect(count('siham.affectation')).toBe(site.ul.affectation.length);
    const row = db.prepare('SELECT * FROM sifac.immobilisation WHERE sous_num = 0 LIMIT 1').get();
    expect(row).toMatchObject({ societe: 'UL00', valeur_acq: expect.any(Number) });
    db.close();
  });

  it('lets the UL connector read the platform equipment the truth says UL holds', async () => {
    writeUlSqlite(site.ul, path.join(dir, 'ul'));
    const connector = await UlConnector.connect({
      database: {
        kind: 'sqlite',
        schemas: { sifac: path.join(dir, 'ul', 'sifac.sqlite'), siham: path.join(dir, 'ul', 'siham.sqlite') },
      },
      asOf: () => site.asOf,
    });
    try {
      const centres = site.registry.platforms.flatMap((p) => p.costCentres.UL);
      const records = [...(await connector.inventoryByCostCentres(centres)).values()].flat();
      const held = site.truth.instruments.filter((i) => i.status !== 'disposed' && i.records.UL);
      expect(records).toHaveLength(held.length);
      const valueHT = records.reduce((sum, r) => sum + r.valueHT.amount, 0);
      expect(valueHT).toBeCloseTo(site.truth.totals.valueHTByTutelle.UL, -1);
    } finally {
      await connector.close();
    }
  });

  it('writes the registry, the truth and a manifest beside the replica', async () => {
    const counts = await writeDemo(path.join(dir, 'full'), { seed: 42, scale: 0.3 });
    expect(counts).toEqual(countSite(site));
    const read = (file: string) => readFileSync(path.join(dir, 'full', file), 'utf8');
    expect(parse(read('registry.yaml'))).toEqual({ platforms: site.registry.platforms });
    expect(JSON.parse(read('truth.json'))).toEqual(site.truth);
    expect(JSON.parse(read('manifest.json'))).toMatchObject({ seed: 42, scale: 0.3, counts });
  });
});
