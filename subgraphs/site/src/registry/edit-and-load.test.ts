import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '@hub/schema';
import { openSiteDatabase, type SiteOrm } from '../database';
import { RegistryWriter } from './edit';
import { exportRegistry } from './export';
import { parseRegistryFile } from './file';
import { loadRegistry, RegistryLoadRefused } from './load';

/*
 * The YAML file and the graph's edits side by side: a load never erases an edit silently, an export gives
 * back what the graph holds, and a load of the same content changes no version.
 */

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/registry.yaml');
const manager = { roles: [Role.PLATFORM], platforms: ['XGAMMA'], subject: 'xgamma-manager' };

describe('the registry file and the graph’s edits', () => {
  let dir: string;
  let orm: SiteOrm;
  const file = parseRegistryFile(readFileSync(FIXTURE, 'utf8'), FIXTURE);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-registry-edits-'));
    orm = await openSiteDatabase({ kind: 'sqlite', file: path.join(dir, 'site.sqlite') });
  });
  afterAll(async () => {
    await orm?.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to load over a graph edit, shows it, and overwrites it only when told', async () => {
    const first = await loadRegistry(orm.em.fork(), file);
    expect(first.added).toHaveLength(3);
    // The same file again: nothing changes, no version moves.
    const again = await loadRegistry(orm.em.fork(), file);
    expect(again).toMatchObject({ updated: [], unchanged: expect.arrayContaining(['XGAMMA']) });

    const writer = new RegistryWriter(orm.em);
    const version = await writer.apply('XGAMMA', manager, {
      kind: 'edit',
      expectedVersion: 1,
      edit: { themes: ['materials', 'crystallography'] },
    });
    expect(version).toBe(2);

    const refused = await loadRegistry(orm.em.fork(), file).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(RegistryLoadRefused);
    expect((refused as RegistryLoadRefused).overwritten).toEqual([
      {
        code: 'XGAMMA',
        changes: [
          {
            field: 'themes',
            before: '["materials","crystallography"]',
            after: '["materials","x-ray diffraction"]',
          },
        ],
      },
    ]);
    expect((refused as Error).message).toContain('--overwrite');
    // Refused: the edit is still there.
    expect((await writer.changes('XGAMMA'))[0]).toMatchObject({
      version: 2,
      action: 'edit',
      author: 'xgamma-manager',
    });

    const overwritten = await loadRegistry(orm.em.fork(), file, { overwrite: true });
    expect(overwritten.updated).toEqual(['XGAMMA']);
    const log = await writer.changes('XGAMMA');
    expect(log.map((c) => [c.version, c.action])).toEqual([
      [3, 'load'],
      [2, 'edit'],
      [1, 'load'],
    ]);
  });

  it('exports what the graph holds, as a file that loads back unchanged', async () => {
    const writer = new RegistryWriter(orm.em);
    await writer.apply('XGAMMA', manager, {
      kind: 'saveService',
      expectedVersion: 3,
      service: {
        code: 'DRX-HOUR',
        name: 'Diffractomètre, heure en autonomie',
        unit: 'hour' as never,
        yearlyVolume: 1500,
        staffHoursPerUnit: 0.1,
        equipmentHoursPerUnit: 1,
      },
    });
    const { yaml, platforms } = await exportRegistry(orm.em);
    expect(platforms).toBe(3);
    const exported = parseRegistryFile(yaml, 'export.yaml');
    const xgamma = exported.platforms.find((p) => p.code === 'XGAMMA')!;
    expect(xgamma.services[0]).toMatchObject({
      code: 'DRX-HOUR',
      yearlyVolume: 1500,
      currentPrices: { UL: { internal: 38 } },
    });
    // The export holds the edit: loading it overwrites nothing and changes nothing.
    const back = await loadRegistry(orm.em.fork(), exported);
    expect(back).toMatchObject({ updated: [], removed: [], added: [] });
    expect(back.unchanged).toHaveLength(3);
  });
});
