import type { Expense, InventoryRecord, StaffMember, Tutelle } from '@hub/schema';

/** What a connector returns: the schema's records as plain data. */
export type InventoryRecordData = InventoryRecord;
export type StaffMemberData = StaffMember;
export type ExpenseData = Expense;

export interface SourceHealth {
  /** 'UL/sifac' */
  source: string;
  up: boolean;
  latencyMs: number;
  error?: string;
  /** Rows the last read saw and rejected, for sources read whole (files, a paged API). */
  seen?: number;
  rejected?: number;
  /** Up, but rejecting more of its rows than the subgraph's threshold: its answers lack data. */
  degraded?: boolean;
  /**
   * Down for every replica of the service alike (a subgraph, as the gateway reaches it through its Service):
   * reported, but it keeps the replica ready, since taking it out of rotation would route around nothing.
   */
  shared?: boolean;
}

/** A source row a read could not use: where it is and why, for whoever fixes the source. */
export interface RejectedRow {
  /** 'CHRU/depenses' */
  source: string;
  /** 'depenses_uf.csv:4', 'extraction_2026-10-31.xlsx#Equipements:7' */
  location: string;
  reason: string;
}

/** What one whole read of a source did with its rows. */
export interface ReadSummary {
  source: string;
  seen: number;
  mapped: number;
  rejected: number;
  problems: Array<{ location: string; reason: string }>;
}

/** What a caller gives each read besides its keys. */
export interface ReadOptions {
  /**
   * Aborted when the caller has gone (its HTTP request closed, its deadline passed): the read stops (a
   * running statement cancelled, a fetch aborted, no retry, no next page or file) and rejects with its reason.
   */
  signal?: AbortSignal;
}

/**
 * The read-only contract between a tutelle's subgraph and its sources. Every read takes a batch of keys
 * and answers them all in a bounded number of source queries, whatever the batch size: the subgraph's
 * dataloaders call these once per request tick, with the request's signal.
 */
export interface TutelleConnector {
  readonly tutelle: Tutelle;
  /** Assets in service on each cost centre, in the source's inventory order. Unknown codes map to []. */
  inventoryByCostCentres(
    codes: readonly string[],
    options?: ReadOptions,
  ): Promise<Map<string, InventoryRecordData[]>>;
  /** Assets by hub id ('UL:000020004512'); unknown ids are absent from the map. */
  inventoryByIds(ids: readonly string[], options?: ReadOptions): Promise<Map<string, InventoryRecordData>>;
  /** Staff with their assignments, by hub id ('UL:00123456'). */
  staffByIds(ids: readonly string[], options?: ReadOptions): Promise<Map<string, StaffMemberData>>;
  /** Expenses booked on each cost centre, in date order, optionally within one calendar year. */
  expensesByCostCentres(
    codes: readonly string[],
    year: number | null,
    options?: ReadOptions,
  ): Promise<Map<string, ExpenseData[]>>;
  /**
   * Every asset record, page by page in a stable order: what a sync reads. `incremental` connectors read
   * only the records changed after `changedSince` (CNRS's `maj`); the others read everything whatever it
   * says, and a sync tells removals by absence. Resume a read with the last page's `cursor` as `after`.
   */
  readInventory(options?: InventoryReadOptions): AsyncIterable<InventoryPage>;
  /** Whether `readInventory` honours `changedSince`. */
  readonly incremental: boolean;
  health(): Promise<SourceHealth[]>;
  /** The rows the sources' last reads rejected (sources read whole only; SQL sources reject none). */
  rejectedRows?(): Promise<RejectedRow[]>;
  /** Called after each whole read of a source with what it did with its rows (to log rejections). */
  observeReads?(listener: (read: ReadSummary) => void): void;
  close(): Promise<void>;
}

export interface InventoryReadOptions extends ReadOptions {
  pageSize?: number;
  /** Source time of the last read ('2026-01-05 10:00:00'): only records changed after it. */
  changedSince?: string | null;
  /** A page's `cursor`: the read resumes after it. */
  after?: string | null;
}

export interface InventoryPage {
  records: InventoryRecordData[];
  /** Where this page ends: pass it as `after` to resume there. */
  cursor: string;
  /** The source time of the newest change in the page, for the next incremental read; null where none. */
  changedUpTo: string | null;
}

export const DEFAULT_INVENTORY_PAGE_SIZE = 500;

/** Group rows by a key, keeping every requested key (empty list where nothing matched). */
export function groupBy<T>(
  keys: readonly string[],
  rows: readonly T[],
  keyOf: (row: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return groups;
}

/** 'UL:000020004512' → '000020004512', or null when the id belongs to another tutelle. */
export function sourceKey(tutelle: Tutelle, hubId: string): string | null {
  const prefix = `${tutelle}:`;
  return hubId.startsWith(prefix) ? hubId.slice(prefix.length) : null;
}
