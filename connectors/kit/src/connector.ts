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
}

/**
 * The read-only contract between a tutelle's subgraph and its sources. Every read takes a batch of keys
 * and answers them all in a bounded number of source queries, whatever the batch size: the subgraph's
 * dataloaders call these once per request tick.
 */
export interface TutelleConnector {
  readonly tutelle: Tutelle;
  /** Assets in service on each cost centre, in the source's inventory order. Unknown codes map to []. */
  inventoryByCostCentres(codes: readonly string[]): Promise<Map<string, InventoryRecordData[]>>;
  /** Assets by hub id ('UL:000020004512'); unknown ids are absent from the map. */
  inventoryByIds(ids: readonly string[]): Promise<Map<string, InventoryRecordData>>;
  /** Staff with their assignments, by hub id ('UL:00123456'). */
  staffByIds(ids: readonly string[]): Promise<Map<string, StaffMemberData>>;
  /** Expenses booked on each cost centre, in date order, optionally within one calendar year. */
  expensesByCostCentres(codes: readonly string[], year: number | null): Promise<Map<string, ExpenseData[]>>;
  health(): Promise<SourceHealth[]>;
  close(): Promise<void>;
}

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
