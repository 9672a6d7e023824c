import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSiteDatabase, type SiteOrm } from '../database';
import { splitEquipment } from './decisions';
import { EquipmentLink, EquipmentRow, IndexedRecord } from './entities';

/*
 * A decision regroups the records of the instruments it touches at the site's own threshold
 * (HUB_MATCH_THRESHOLD), the one the reconciliation joined them at: one instrument of three records whose
 * UL and CNRS records were joined at 0.7 under a threshold of 0.5; the INRAE record split off.
 */
describe('an inventory decision, at the site’s threshold', () => {
  let dir: string;
  let orm: SiteOrm;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-decisions-'));
    orm = await openSiteDatabase({ kind: 'sqlite', file: path.join(dir, 'site.sqlite') });
    const em = orm.em.fork();
    const record = (id: string, tutelle: string) =>
      em.create(IndexedRecord, {
        id,
        tutelle,
        designation: 'Spectromètre RMN 400 MHz',
        valueHTCents: 100_000_00,
        status: 'IN_SERVICE',
        contentHash: id,
        seenRun: 1,
        additionCount: 0,
        removed: false,
        updatedAt: '2026-01-01',
      });
    const ids = ['CNRS:1', 'INRAE:1', 'UL:1'];
    for (const id of ids) em.persist(record(id, id.split(':')[0]!));
    em.persist(
      em.create(EquipmentRow, {
        id: 'EQ-CNRS:1',
        designation: 'Spectromètre RMN 400 MHz',
        tutelles: ['CNRS', 'INRAE', 'UL'],
        recordIds: ids,
        valueHTCents: 300_000_00,
        status: 'IN_SERVICE',
        confirmed: false,
      }),
    );
    const link = (a: string, b: string, probability: number) =>
      em.create(EquipmentLink, {
        equipmentId: 'EQ-CNRS:1',
        recordA: a,
        recordB: b,
        probability,
        weight: 1,
        evidence: [],
        decided: false,
      });
    em.persist([link('CNRS:1', 'UL:1', 0.7), link('CNRS:1', 'INRAE:1', 0.99), link('INRAE:1', 'UL:1', 0.99)]);
    await em.flush();
  });
  afterEach(async () => {
    await orm?.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  const instruments = async () =>
    (await orm.em.fork().find(EquipmentRow, {}, { orderBy: { id: 'asc' } })).map((e) => e.recordIds.sort());

  it('keeps together what the site’s threshold joined', async () => {
    await splitEquipment(orm.em, 'test', 'EQ-CNRS:1', ['INRAE:1'], { threshold: 0.5 });
    expect(await instruments()).toEqual([['CNRS:1', 'UL:1'], ['INRAE:1']]);
  });

  it('parts them at the default threshold (0.98), where 0.7 does not join', async () => {
    await splitEquipment(orm.em, 'test', 'EQ-CNRS:1', ['INRAE:1']);
    expect(await instruments()).toEqual([['CNRS:1'], ['INRAE:1'], ['UL:1']]);
  });
});
