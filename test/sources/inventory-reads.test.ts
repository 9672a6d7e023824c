import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CnrsConnector, cnrsSqliteDatabase } from '@hub/connector-cnrs';
import { CNRS_FIXTURE } from '@hub/connector-cnrs/testing';
import { connectInrae } from '@hub/connector-inrae';
import { INRAE_FIXTURE } from '@hub/connector-inrae/testing';
import { UlConnector, ulSqliteDatabase } from '@hub/connector-ul';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { writeCnrsSqlite, writeInraeExtractions, writeUlSqlite } from '@hub/ops';
import type { InventoryPage, TutelleConnector } from '@hub/source-kit';
import Database from 'better-sqlite3';

/** What a sync reads: every record, page by page, resumable; incrementally where the source allows it. */
async function pages(connector: TutelleConnector, options: Parameters<TutelleConnector['readInventory']>[0]) {
  const out: InventoryPage[] = [];
  for await (const page of connector.readInventory(options)) out.push(page);
  return out;
}

describe('reading a whole inventory', () => {
  let dir: string;
  const connectors: TutelleConnector[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-reads-'));
    writeUlSqlite(UL_FIXTURE, path.join(dir, 'ul'));
    writeCnrsSqlite(CNRS_FIXTURE, path.join(dir, 'cnrs'));
    await writeInraeExtractions(INRAE_FIXTURE, path.join(dir, 'inrae'), '2026-10-31');
  });
  afterAll(async () => {
    for (const connector of connectors) await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("pages through UL's assets in service, each once, and resumes after any page", async () => {
    const ul = await UlConnector.connect({
      database: ulSqliteDatabase(path.join(dir, 'ul')),
      asOf: () => '2026-01-01',
    });
    connectors.push(ul);
    const all = await pages(ul, { pageSize: 2 });
    expect(all.map((p) => p.records.map((r) => r.id))).toEqual([
      ['UL:000020004512', 'UL:000020004513'],
      ['UL:000020004600', 'UL:000020009999'],
    ]);
    expect(all[0]?.records[0]?.additionCount).toBe(1);
    const resumed = await pages(ul, { pageSize: 2, after: all[0]!.cursor });
    expect(resumed.flatMap((p) => p.records.map((r) => r.id))).toEqual([
      'UL:000020004600',
      'UL:000020009999',
    ]);
    expect(ul.incremental).toBe(false);
  });

  it("reads only CNRS's records changed since the last read, retired ones included", async () => {
    const cnrs = await CnrsConnector.connect({ database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) });
    connectors.push(cnrs);
    const first = await pages(cnrs, { pageSize: 3 });
    expect(first.flatMap((p) => p.records.map((r) => r.id))).toEqual([
      'CNRS:345',
      'CNRS:346',
      'CNRS:347',
      'CNRS:400',
    ]);
    const since = first.at(-1)!.changedUpTo;
    expect(since).toBe('2026-01-05 10:00:00');
    expect(await pages(cnrs, { changedSince: since })).toEqual([]);
    // The délégation retires the oven: its row changes, and only it is read again.
    const db = new Database(path.join(dir, 'cnrs', 'cnrs_dr06.sqlite'));
    db.prepare("UPDATE inventaire SET etat = 'réformé', maj = '2026-02-01 08:30:00' WHERE id = 346").run();
    db.close();
    const next = await pages(cnrs, { changedSince: since });
    expect(next.flatMap((p) => p.records.map((r) => [r.id, r.status]))).toEqual([['CNRS:346', 'DISPOSED']]);
    expect(next[0]?.changedUpTo).toBe('2026-02-01 08:30:00');
  });

  it("pages through INRAE's snapshot, disposals included, and says it cannot read incrementally", async () => {
    const inrae = connectInrae({ folder: path.join(dir, 'inrae') });
    connectors.push(inrae);
    const all = await pages(inrae, { pageSize: 2, changedSince: '2026-01-01 00:00:00' });
    expect(all.map((p) => p.records.length)).toEqual([2, 1]);
    expect(all.flatMap((p) => p.records.map((r) => r.status))).toEqual([
      'IN_SERVICE',
      'OUT_OF_ORDER',
      'DISPOSED',
    ]);
    expect(inrae.incremental).toBe(false);
  });
});
