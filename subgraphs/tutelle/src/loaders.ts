import type {
  ExpenseData,
  InventoryPage,
  InventoryReadOptions,
  InventoryRecordData,
  RejectedRow,
  StaffMemberData,
  TutelleConnector,
} from '@hub/source-kit';
import DataLoader from 'dataloader';
import type { SourceReads } from './source-reads';

/**
 * Per-request batching: every key asked for in one tick of a request becomes one connector call, so one
 * gateway `_entities` fetch of 500 cost centres costs the source what one does (the misses of its read
 * cache, when it has one).
 */
export function createLoaders(
  connector: SourceReads,
  /** The whole inventory, page by page (the site's sync), and the rows rejected: never cached. */
  feed: Pick<TutelleConnector, 'readInventory' | 'incremental' | 'rejectedRows'>,
) {
  const lists = <V>(read: (keys: readonly string[]) => Promise<Map<string, V[]>>) =>
    new DataLoader<string, V[]>(async (keys) => {
      const found = await read(keys);
      return keys.map((k) => found.get(k) ?? []);
    });
  const items = <V>(read: (keys: readonly string[]) => Promise<Map<string, V>>) =>
    new DataLoader<string, V | null>(async (keys) => {
      const found = await read(keys);
      return keys.map((k) => found.get(k) ?? null);
    });
  // Expenses are asked per (cost centre, year); one batch per year asked for, usually one.
  const expensesByYear = new Map<number | null, DataLoader<string, ExpenseData[]>>();

  return {
    inventoryByCostCentre: lists<InventoryRecordData>((codes) => connector.inventoryByCostCentres(codes)),
    inventoryById: items<InventoryRecordData>((ids) => connector.inventoryByIds(ids)),
    staffById: items<StaffMemberData>((ids) => connector.staffByIds(ids)),
    /** One page of the whole inventory (what the site's sync reads); null past the last page. */
    async inventoryPage(options: InventoryReadOptions): Promise<InventoryPage | null> {
      for await (const page of feed.readInventory(options)) return page;
      return null;
    },
    incremental: feed.incremental,
    /** The rows the sources' last reads rejected (none from SQL sources). */
    rejectedRows: async (): Promise<RejectedRow[]> => (await feed.rejectedRows?.()) ?? [],
    expensesByCostCentre(year: number | null): DataLoader<string, ExpenseData[]> {
      let loader = expensesByYear.get(year);
      if (!loader) {
        loader = lists<ExpenseData>((codes) => connector.expensesByCostCentres(codes, year));
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
