import { EquipmentStatus, Tutelle } from '@hub/schema';
import type { InventoryPage, InventoryReadOptions, SourceHealth, TutelleConnector } from '../connector';
import { SourceError } from '../errors';
import { SnapshotConnector } from '../snapshot';
import { expenseProblems, inventoryProblems, staffProblems } from './checks';

/** A whole read, every page. */
async function readPages(connector: TutelleConnector, options?: InventoryReadOptions) {
  const pages: InventoryPage[] = [];
  for await (const page of connector.readInventory(options)) pages.push(page);
  return pages;
}

const idsOf = (pages: InventoryPage[]) => pages.flatMap((page) => page.records.map((r) => r.id));

/** What the author knows their test source holds. Ids are hub ids: 'UL:000020004512'. */
export interface ContractFixture {
  /** Cost centres, each with the ids of every record in service on it (any order). */
  inventory: Record<string, readonly string[]>;
  /** A member of staff the source has. */
  staffId: string;
  /** How many expenses are booked in `year` on the cost centres of `inventory`, all together (> 0). */
  expenses: { year: number; count: number };
  /** A cost centre, and an id of this tutelle, that the source does not have. */
  unknown: { costCentre: string; id: string };
}

export interface ConnectorContractOptions<C extends TutelleConnector> {
  /** The connector over the fixture's source. Called once; closed after the tests. */
  connect(): Promise<C>;
  /** The same connector over a source that cannot be reached (a port nobody listens on, a missing folder). */
  connectDown?(): Promise<C>;
  /**
   * Snapshot connectors: make the source newer without changing what it says (a later modification
   * time), to check that the connector reads it again and still answers the same.
   */
  changeSource?(): Promise<void>;
  fixture: ContractFixture;
}

/**
 * Declares the jest tests every connector must pass: records mapped as the schema promises, batched
 * reads that answer every key asked and nothing else, the same answer when asked twice, a source that
 * is down reported as such. Call it once, at the top level of a `*.contract.test.ts` file.
 */
export function describeConnectorContract<C extends TutelleConnector>(
  name: string,
  options: ConnectorContractOptions<C>,
): void {
  const { fixture } = options;
  const codes = Object.keys(fixture.inventory);
  const knownIds = Object.values(fixture.inventory).flat();
  const year = fixture.expenses.year;

  describe(`${name} honours the connector contract`, () => {
    let connector: C;
    let tutelle: Tutelle;
    /** The same source key under another tutelle: not this connector's to answer. */
    let foreign: (id: string) => string;

    beforeAll(async () => {
      connector = await options.connect();
      tutelle = connector.tutelle;
      const other = Object.values(Tutelle).find((t) => t !== tutelle)!;
      foreign = (id) => `${other}:${id.slice(id.indexOf(':') + 1)}`;
    });
    afterAll(() => connector?.close());

    it('is given a fixture it can be checked against', () => {
      expect(codes.length).toBeGreaterThan(0);
      expect(knownIds.length).toBeGreaterThan(0);
      expect(fixture.expenses.count).toBeGreaterThan(0);
      expect(codes).not.toContain(fixture.unknown.costCentre);
      expect(knownIds).not.toContain(fixture.unknown.id);
      for (const id of [...knownIds, fixture.staffId, fixture.unknown.id]) {
        expect(id.startsWith(`${tutelle}:`)).toBe(true);
      }
    });

    describe('mapping: every record as the schema promises it', () => {
      it('inventory records', async () => {
        const byCode = await connector.inventoryByCostCentres(codes);
        const byId = await connector.inventoryByIds(knownIds);
        const records = [...[...byCode.values()].flat(), ...byId.values()];
        expect(records.length).toBeGreaterThan(0);
        expect(records.flatMap((r) => inventoryProblems(tutelle, r))).toEqual([]);
      });

      it('staff members', async () => {
        const members = [...(await connector.staffByIds([fixture.staffId])).values()];
        expect(members).toHaveLength(1);
        expect(members.flatMap((m) => staffProblems(tutelle, m))).toEqual([]);
      });

      it('expenses', async () => {
        const expenses = [...(await connector.expensesByCostCentres(codes, null)).values()].flat();
        expect(expenses.length).toBeGreaterThan(0);
        expect(expenses.flatMap((e) => expenseProblems(tutelle, e))).toEqual([]);
      });
    });

    describe('batched reads: every key asked is answered, and nothing else', () => {
      it('inventory by cost centres: in service, on the codes asked, [] for unknown codes', async () => {
        const asked = [...codes, fixture.unknown.costCentre];
        const found = await connector.inventoryByCostCentres(asked);
        expect([...found.keys()].sort()).toEqual([...asked].sort());
        expect(found.get(fixture.unknown.costCentre)).toEqual([]);
        for (const code of codes) {
          const records = found.get(code)!;
          expect(records.map((r) => r.id).sort()).toEqual([...fixture.inventory[code]!].sort());
          expect(records.filter((r) => r.costCentre !== code)).toEqual([]);
          expect(records.filter((r) => r.status === EquipmentStatus.DISPOSED)).toEqual([]);
        }
      });

      it('inventory by cost centres: one call for many codes answers as one call per code', async () => {
        const together = await connector.inventoryByCostCentres(codes);
        for (const code of codes) {
          expect((await connector.inventoryByCostCentres([code])).get(code)).toEqual(together.get(code));
        }
      });

      it("inventory by ids: unknown ids and other tutelles' ids are left out", async () => {
        const found = await connector.inventoryByIds([
          ...knownIds,
          fixture.unknown.id,
          ...knownIds.map((id) => foreign(id)),
        ]);
        expect([...found.keys()].sort()).toEqual([...knownIds].sort());
        for (const [id, record] of found) expect(record.id).toBe(id);
      });

      it("staff by ids: unknown ids and other tutelles' ids are left out", async () => {
        const found = await connector.staffByIds([
          fixture.staffId,
          fixture.unknown.id,
          foreign(fixture.staffId),
        ]);
        expect([...found.keys()]).toEqual([fixture.staffId]);
        expect(found.get(fixture.staffId)!.id).toBe(fixture.staffId);
      });

      it('expenses by cost centres: the year asked, in date order, [] for unknown codes', async () => {
        const asked = [...codes, fixture.unknown.costCentre];
        const found = await connector.expensesByCostCentres(asked, year);
        expect([...found.keys()].sort()).toEqual([...asked].sort());
        expect(found.get(fixture.unknown.costCentre)).toEqual([]);
        const all = [...found.values()].flat();
        expect(all).toHaveLength(fixture.expenses.count);
        expect(all.filter((e) => !e.date.startsWith(`${year}-`))).toEqual([]);
        for (const [code, expenses] of found) {
          expect(expenses.filter((e) => e.costCentre !== code)).toEqual([]);
          const dates = expenses.map((e) => e.date);
          expect(dates).toEqual([...dates].sort());
        }
      });

      it('expenses by cost centres: every year when none is asked', async () => {
        const every = [...(await connector.expensesByCostCentres(codes, null)).values()].flat();
        expect(every.length).toBeGreaterThanOrEqual(fixture.expenses.count);
      });

      it('empty batches: empty answers', async () => {
        expect((await connector.inventoryByCostCentres([])).size).toBe(0);
        expect((await connector.inventoryByIds([])).size).toBe(0);
        expect((await connector.staffByIds([])).size).toBe(0);
        expect((await connector.expensesByCostCentres([], year)).size).toBe(0);
      });
    });

    it('a caller already gone: every read rejects with its signal’s reason, reading nothing for it', async () => {
      const gone = AbortSignal.abort(new Error('caller gone'));
      const options = { signal: gone };
      const reads = await Promise.allSettled([
        connector.inventoryByCostCentres(codes, options),
        connector.inventoryByIds(knownIds, options),
        connector.staffByIds([fixture.staffId], options),
        connector.expensesByCostCentres(codes, year, options),
        connector.readInventory(options)[Symbol.asyncIterator]().next(),
      ]);
      for (const read of reads) expect(read).toMatchObject({ status: 'rejected', reason: gone.reason });
    });

    describe('whole reads (readInventory): every record once, page by page, resumable', () => {
      let whole: InventoryPage[];
      beforeAll(async () => {
        whole = await readPages(connector);
      });

      it("every record once, the fixture's among them, mapped as the schema promises", () => {
        const ids = idsOf(whole);
        expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
        expect(ids).toEqual(expect.arrayContaining(knownIds));
        const records = whole.flatMap((page) => page.records);
        expect(records.flatMap((r) => inventoryProblems(tutelle, r))).toEqual([]);
      });

      it('the same records in the same order whatever the page size, no page larger than asked', async () => {
        const small = await readPages(connector, { pageSize: 2 });
        expect(small.filter((page) => page.records.length > 2)).toEqual([]);
        expect(idsOf(small)).toEqual(idsOf(whole));
      });

      it("resumes after any page from that page's cursor", async () => {
        const small = await readPages(connector, { pageSize: 2 });
        for (const [i, page] of small.entries()) {
          const rest = await readPages(connector, { pageSize: 2, after: page.cursor });
          expect(idsOf(rest)).toEqual(idsOf(small.slice(i + 1)));
        }
      });

      it('incremental connectors read nothing unchanged since the last read; the others read all', async () => {
        if (connector.incremental) {
          const since = whole.at(-1)?.changedUpTo;
          expect(since).toEqual(expect.any(String));
          expect(await readPages(connector, { changedSince: since })).toEqual([]);
        } else {
          // `changedSince` means nothing to a source without change times: ignored, not an empty read.
          expect(idsOf(await readPages(connector, { changedSince: '9999-12-31 23:59:59' }))).toEqual(
            idsOf(whole),
          );
        }
      });
    });

    describe('stable reads', () => {
      const readAll = (c: C) =>
        Promise.all([
          c.inventoryByCostCentres(codes),
          c.inventoryByIds(knownIds),
          c.staffByIds([fixture.staffId]),
          c.expensesByCostCentres(codes, year),
          c.expensesByCostCentres(codes, null),
          readPages(c),
        ]);

      it('answers the same when asked twice', async () => {
        expect(await readAll(connector)).toEqual(await readAll(connector));
      });

      it('snapshot connectors only: read the source once while it does not change', async () => {
        if (!(connector instanceof SnapshotConnector)) return;
        const first = await connector.snapshot();
        await readAll(connector);
        expect(await connector.snapshot()).toBe(first);
      });

      it('snapshot connectors only: every row read is mapped or reported with its place and reason', async () => {
        if (!(connector instanceof SnapshotConnector)) return;
        for (const read of (await connector.snapshot()).reads) {
          expect(read).toMatchObject({ seen: read.mapped + read.rejected });
          expect(read.problems).toHaveLength(read.rejected);
        }
      });

      it('snapshot connectors only: read the source again once it changed, and answer the same', async () => {
        if (!(connector instanceof SnapshotConnector) || !options.changeSource) return;
        const before = await readAll(connector);
        const first = await connector.snapshot();
        await options.changeSource();
        expect(await connector.snapshot()).not.toBe(first);
        expect(await readAll(connector)).toEqual(before);
      });
    });

    describe('health', () => {
      it('names each source, up', async () => {
        const health = await connector.health();
        expect(health.length).toBeGreaterThan(0);
        for (const source of health) {
          expect(source).toMatchObject({ source: expect.stringMatching(`^${tutelle}/.`), up: true });
          expect(source.latencyMs).toBeGreaterThanOrEqual(0);
        }
      });
    });

    if (options.connectDown) {
      const connectDown = options.connectDown;
      describe('source down', () => {
        let down: C;
        // Asked once: a source that retries before giving up takes seconds to say it is down.
        let health: SourceHealth[];
        beforeAll(async () => {
          down = await connectDown();
          health = await down.health();
        });
        afterAll(() => down?.close());

        it('health reports the source down, without throwing', () => {
          const sourcesDown = health.filter((h) => !h.up);
          expect(sourcesDown.length).toBeGreaterThan(0);
          for (const source of sourcesDown) {
            expect(source).toMatchObject({
              source: expect.stringMatching(`^${tutelle}/.`),
              error: expect.any(String),
            });
          }
        });

        const reads: Array<[string, (c: C) => Promise<unknown>]> = [
          ['inventoryByCostCentres', (c) => c.inventoryByCostCentres(codes)],
          ['inventoryByIds', (c) => c.inventoryByIds(knownIds)],
          ['staffByIds', (c) => c.staffByIds([fixture.staffId])],
          ['expensesByCostCentres', (c) => c.expensesByCostCentres(codes, year)],
          ['readInventory', (c) => c.readInventory()[Symbol.asyncIterator]().next()],
        ];
        it.each(reads)(
          '%s rejects with a SourceError naming the source /health reports down',
          async (_, read) => {
            const error = await read(down).then(
              () => null,
              (e: unknown) => e,
            );
            expect(error).toBeInstanceOf(SourceError);
            const sourcesDown = health.filter((h) => !h.up).map((h) => h.source);
            expect(sourcesDown).toContain((error as SourceError).source);
          },
        );
      });
    }
  });
}
