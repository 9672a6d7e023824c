import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPostgresDatabase } from '@hub/connector-sql/testing';
import { openSiteDatabase, type SiteOrm } from '../database';
import { Platform } from './entities';
import { parseRegistryFile } from './file';
import { loadRegistry } from './load';

const FIXTURE = parseRegistryFile(
  readFileSync(path.resolve(__dirname, '../../../../test/fixtures/registry.yaml'), 'utf8'),
);

/** The registry in PostgreSQL, as a deployment configures it: migrations, load, reload. */
describe('the registry in PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let orm: SiteOrm;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    orm = await openSiteDatabase({ kind: 'postgresql', url: database.url });
  });
  afterAll(async () => {
    await orm?.close(true);
    await database?.drop();
  });

  it('loads a file, then replaces it with the next version, reporting what changed', async () => {
    expect(await loadRegistry(orm.em.fork(), FIXTURE)).toMatchObject({
      added: ['XGAMMA', 'MICROSCOPY', 'CNRSONLY'],
      removed: [],
      platforms: 3,
      staff: 5,
      services: 1,
    });
    const next = { platforms: FIXTURE.platforms.filter((p) => p.code !== 'CNRSONLY') };
    next.platforms[0] = { ...next.platforms[0]!, name: 'XGamma renamed', units: ['UMR 7198', '7365'] };
    expect(await loadRegistry(orm.em.fork(), next)).toMatchObject({
      added: [],
      // MICROSCOPY is as it was: no new version, no change logged.
      updated: ['XGAMMA'],
      unchanged: ['MICROSCOPY'],
      removed: ['CNRSONLY'],
    });
    const em = orm.em.fork();
    const xgamma = await em.findOneOrFail(
      Platform,
      { code: 'XGAMMA' },
      { populate: ['staff', 'costCentres', 'services'] },
    );
    expect(xgamma).toMatchObject({ name: 'XGamma renamed', units: ['UMR7198', '7365'] });
    expect(xgamma.staff.getItems().map((s) => [s.tutelle, s.personId, s.share])).toEqual([
      ['UL', '00123456', 0.8],
      ['UL', '00123457', 0.5],
      ['CNRS', '40412', 1],
    ]);
    expect(xgamma.services.getItems()[0]?.currentPrices).toEqual(
      FIXTURE.platforms[0]?.services[0]?.currentPrices,
    );
    expect(await em.count(Platform)).toBe(2);
  });

  it('opens an up-to-date database again without migrating twice', async () => {
    const again = await openSiteDatabase({ kind: 'postgresql', url: database.url });
    expect(await again.getMigrator().getPendingMigrations()).toEqual([]);
    await again.close(true);
  });
});
