import type {
  ExpenseData,
  InventoryPage,
  InventoryReadOptions,
  InventoryRecordData,
  ReadOptions,
  RejectedRow,
  StaffMemberData,
  TutelleConnector,
} from '@hub/source-kit';
import DataLoader from 'dataloader';
import type { SourceReads } from './source-reads';

/**
 * Per-request batching: every key asked for in one tick of a request becomes one connector call, so one
 * gateway `_entities` fetch of 500 cost centres costs the source what one does (the misses of its read
 * cache, when it has one). Every read carries the request's signal: the caller gone, the reads stop.
 */
export function createLoaders(
  connector: SourceReads,
  /** The whole inventory, page by page (the site's sync), and the rows rejected: never cached. */
  feed: Pick<TutelleConnector, 'readInventory' | 'incremental' | 'rejectedRows'>,
  /** The request's: aborted when its caller has gone. */
  signal: AbortSignal,
) {
  const options = { signal };
  const lists = <V>(read: (keys: readonly string[], options: ReadOptions) => Promise<Map<string, V[]>>) =>
    new DataLoader<string, V[]>(async (keys) => {
      const found = await read(keys, options);
      return keys.map((k) => found.get(k) ?? []);
    });
  const items = <V>(read: (keys: readonly string[], options: ReadOptions) => Promise<Map<string, V>>) =>
    new DataLoader<string, V | null>(async (keys) => {
      const found = await read(keys, options);
      return keys.map((k) => found.get(k) ?? null);
    });
  // Expenses are asked per (cost centre, year); one batch per year asked for, usually one.
  const expensesByYear = new Map<number | null, DataLoader<string, ExpenseData[]>>();

  return {
    inventoryByCostCentre: lists<InventoryRecordData>((codes, o) =>
      connector.inventoryByCostCentres(codes, o),
    ),
    inventoryById: items<InventoryRecordData>((ids, o) => connector.inventoryByIds(ids, o)),
    staffById: items<StaffMemberData>((ids, o) => connector.staffByIds(ids, o)),
    /** One page of the whole inventory (what the site's sync reads); null past the last page. */
    async inventoryPage(read: InventoryReadOptions): Promise<InventoryPage | null> {
      for await (const page of feed.readInventory({ ...read, signal })) return page;
      return null;
    },
    incremental: feed.incremental,
    /** The rows the sources' last reads rejected (none from SQL sources). */
    rejectedRows: async (): Promise<RejectedRow[]> => (await feed.rejectedRows?.()) ?? [],
    expensesByCostCentre(year: number | null): DataLoader<string, ExpenseData[]> {
      let loader = expensesByYear.get(year);
      if (!loader) {
        loader = lists<ExpenseData>((codes, o) => connector.expensesByCostCentres(codes, year, o));
        expensesByYear.set(year, loader);
      }
      return loader;
    },
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

export interface TutelleContext {
  caller: import('@hub/service-kit').Caller;
  loaders: Loaders;
}
