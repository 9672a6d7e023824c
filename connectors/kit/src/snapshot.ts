import type { Tutelle } from '@hub/schema';
import {
  DEFAULT_INVENTORY_PAGE_SIZE,
  type ExpenseData,
  groupBy,
  type InventoryPage,
  type InventoryReadOptions,
  type InventoryRecordData,
  type SourceHealth,
  type StaffMemberData,
  type TutelleConnector,
} from './connector';
import { type SharedCheck, sharedCheck } from './shared-check';

/** Everything a tutelle's sources hold, as records, with what the read saw. */
export interface Snapshot {
  inventory: InventoryRecordData[];
  staff: StaffMemberData[];
  expenses: ExpenseData[];
  /** Rows seen, mapped and rejected per source, and each rejected row's place and reason. */
  reads: ReadSummary[];
}

export interface ReadSummary {
  source: string;
  seen: number;
  mapped: number;
  rejected: number;
  problems: Array<{ location: string; reason: string }>;
}

export interface SnapshotSource {
  /** 'INRAE/extractions' */
  name: string;
  /** Changes when the source does (the newest workbook's name, files' modification times). */
  version(): Promise<string>;
  read(): Promise<Snapshot>;
}

/**
 * A connector for sources that cannot be asked by key (files dropped in a folder, a paged API): they are
 * read whole, indexed, and lookups answered from the index. The snapshot is read again when the source's
 * version changes or after `maxAgeMs`; lookups arriving meanwhile share one read.
 */
export class SnapshotConnector implements TutelleConnector {
  private current: { version: string; at: number; index: Promise<SnapshotIndex> } | null = null;
  private reads = 0;
  /** The source's version, one check for the lookups arriving together (a folder listing, file stats). */
  private readonly version: SharedCheck<string>;

  constructor(
    readonly tutelle: Tutelle,
    private readonly source: SnapshotSource,
    private readonly options: { maxAgeMs?: number; now?: () => number } = {},
  ) {
    this.version = sharedCheck(() => source.version());
  }

  /** The index of the current snapshot, read again if the source changed or it is too old. */
  async snapshot(): Promise<SnapshotIndex> {
    const now = this.options.now?.() ?? Date.now();
    const version = await this.version();
    const stale = this.current && now - this.current.at > (this.options.maxAgeMs ?? 5 * 60_000);
    if (!this.current || this.current.version !== version || stale) {
      this.reads += 1;
      const index = this.source.read().then((snapshot) => new SnapshotIndex(snapshot));
      const entry = { version, at: now, index };
      this.current = entry;
      // A failed read is not cached: the next lookup tries again.
      index.catch(() => {
        if (this.current === entry) this.current = null;
      });
    }
    return this.current!.index;
  }

  /** Whole reads of the source since this connector was made: benchmarks prove lookups share them. */
  get readCount(): number {
    return this.reads;
  }

  async inventoryByCostCentres(codes: readonly string[]) {
    return groupBy(codes, (await this.snapshot()).inventoryInService(codes), (r) => r.costCentre ?? '');
  }

  async inventoryByIds(ids: readonly string[]) {
    const index = await this.snapshot();
    return new Map(
      ids.flatMap((id) => (index.inventoryById.has(id) ? [[id, index.inventoryById.get(id)!]] : [])),
    );
  }

  async staffByIds(ids: readonly string[]) {
    const index = await this.snapshot();
    return new Map(ids.flatMap((id) => (index.staffById.has(id) ? [[id, index.staffById.get(id)!]] : [])));
  }

  async expensesByCostCentres(codes: readonly string[], year: number | null) {
    const index = await this.snapshot();
    const wanted = new Set(codes);
    const rows = index.expenses.filter(
      (e) => wanted.has(e.costCentre ?? '') && (year == null || e.date.startsWith(`${year}-`)),
    );
    return groupBy(codes, rows, (e) => e.costCentre ?? '');
  }

  /** Files and APIs record no change times: every read is whole, in the source's order. */
  readonly incremental = false;

  async *readInventory(options: InventoryReadOptions = {}): AsyncIterable<InventoryPage> {
    const records = (await this.snapshot()).allInventory;
    const size = options.pageSize ?? DEFAULT_INVENTORY_PAGE_SIZE;
    for (let start = options.after ? Number(options.after) : 0; start < records.length; start += size) {
      yield { records: records.slice(start, start + size), cursor: String(start + size), changedUpTo: null };
    }
  }

  async health(): Promise<SourceHealth[]> {
    const started = performance.now();
    try {
      const index = await this.snapshot();
      const rejected = index.reads.reduce((n, r) => n + r.rejected, 0);
      return [
        {
          source: this.source.name,
          up: true,
          latencyMs: Math.round(performance.now() - started),
          ...(rejected > 0 ? { error: `${rejected} row(s) rejected at the last read` } : {}),
        },
      ];
    } catch (error) {
      return [
        {
          source: this.source.name,
          up: false,
          latencyMs: Math.round(performance.now() - started),
          error: (error as Error).message,
        },
      ];
    }
  }

  async close(): Promise<void> {
    this.current = null;
  }
}

/** A snapshot's records by the keys lookups use. */
export class SnapshotIndex {
  readonly inventoryById: Map<string, InventoryRecordData>;
  readonly staffById: Map<string, StaffMemberData>;
  readonly expenses: ExpenseData[];
  readonly reads: ReadSummary[];
  /** Every record, disposals included, in the source's order. */
  readonly allInventory: InventoryRecordData[];

  constructor(snapshot: Snapshot) {
    this.allInventory = snapshot.inventory;
    this.inventoryById = new Map(snapshot.inventory.map((r) => [r.id, r]));
    this.staffById = new Map(snapshot.staff.map((s) => [s.id, s]));
    this.expenses = [...snapshot.expenses].sort(
      (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
    );
    this.reads = snapshot.reads;
  }

  /** Assets on the given cost centres, disposals left out, in the source's order. */
  inventoryInService(codes: readonly string[]): InventoryRecordData[] {
    const wanted = new Set(codes);
    return this.allInventory.filter((r) => wanted.has(r.costCentre ?? '') && r.status !== 'DISPOSED');
  }
}
