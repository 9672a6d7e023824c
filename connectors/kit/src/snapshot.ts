import type { Tutelle } from '@hub/schema';
import {
  DEFAULT_INVENTORY_PAGE_SIZE,
  type ExpenseData,
  groupBy,
  type InventoryPage,
  type InventoryReadOptions,
  type InventoryRecordData,
  type ReadOptions,
  type ReadSummary,
  type RejectedRow,
  type SourceHealth,
  type StaffMemberData,
  type TutelleConnector,
} from './connector';
import { type SharedCheck, sharedCheck } from './shared-check';
import { SharedRead } from './shared-read';

/** Everything a tutelle's sources hold, as records, with what the read saw. */
export interface Snapshot {
  inventory: InventoryRecordData[];
  staff: StaffMemberData[];
  expenses: ExpenseData[];
  /** Rows seen, mapped and rejected per source, and each rejected row's place and reason. */
  reads: ReadSummary[];
}

/** What a snapshot holds: a source provides some of the parts (the CHRU's GMAO only the inventory). */
export type SnapshotPart = 'inventory' | 'staff' | 'expenses';
const PARTS: readonly SnapshotPart[] = ['inventory', 'staff', 'expenses'];

export interface SnapshotSource {
  /** 'INRAE/extractions' */
  name: string;
  /** The parts its snapshot fills; all three where not said. The others are left empty. */
  parts?: readonly SnapshotPart[];
  /** Changes when the source does (the newest workbook's name, files' modification times). */
  version(): Promise<string>;
  /** Stops (between rows, files, pages) when `signal` aborts: every lookup waiting for it has gone. */
  read(options: Required<ReadOptions>): Promise<Snapshot>;
}

/** One source's current read: kept until its version changes or it is older than `maxAgeMs`. */
class SourceReads {
  private current: { version: string; at: number; read: SharedRead<SnapshotIndex> } | null = null;
  reads = 0;
  readonly version: SharedCheck<string>;

  constructor(
    readonly source: SnapshotSource,
    private readonly onRead: (read: ReadSummary) => void,
  ) {
    this.version = sharedCheck(() => source.version());
  }

  async index(now: number, maxAgeMs: number, signal?: AbortSignal): Promise<SnapshotIndex> {
    const version = await this.version();
    const stale = this.current && now - this.current.at > maxAgeMs;
    if (!this.current || this.current.version !== version || stale || this.current.read.stopped) {
      this.reads += 1;
      const read = new SharedRead((stop) =>
        this.source.read({ signal: stop }).then((snapshot) => {
          for (const summary of snapshot.reads) this.onRead(summary);
          return new SnapshotIndex(snapshot);
        }),
      );
      const entry = { version, at: now, read };
      this.current = entry;
      // A failed read is not cached: the next lookup tries again.
      read.result.catch(() => {
        if (this.current === entry) this.current = null;
      });
    }
    return this.current!.read.wait(signal);
  }

  forget(): void {
    this.current = null;
  }
}

/**
 * A connector for sources that cannot be asked by key (files dropped in a folder, a paged API): they are
 * read whole, indexed, and lookups answered from the index. Each source is read again when its version
 * changes or after `maxAgeMs`; lookups arriving meanwhile share one read. A tutelle with several such
 * sources (the CHRU's GMAO API and its two CSV exports) gives each its own reads: one that fails fails the
 * lookups of its own parts only, and the others answer.
 */
export class SnapshotConnector implements TutelleConnector {
  private readonly sources: SourceReads[];
  private merged: { parts: SnapshotIndex[]; index: SnapshotIndex } | null = null;
  private readonly listeners: Array<(read: ReadSummary) => void> = [];

  constructor(
    readonly tutelle: Tutelle,
    source: SnapshotSource | readonly SnapshotSource[],
    private readonly options: { maxAgeMs?: number; now?: () => number } = {},
  ) {
    const onRead = (read: ReadSummary) => {
      for (const listener of this.listeners) listener(read);
    };
    this.sources = (Array.isArray(source) ? source : [source]).map((s) => new SourceReads(s, onRead));
    for (const part of PARTS) {
      const providers = this.sources.filter((r) => (r.source.parts ?? PARTS).includes(part)).length;
      if (providers !== 1) throw new Error(`${tutelle}: ${providers} sources provide ${part}, not one`);
    }
  }

  private read(reads: SourceReads, signal?: AbortSignal): Promise<SnapshotIndex> {
    return reads.index(this.options.now?.() ?? Date.now(), this.options.maxAgeMs ?? 5 * 60_000, signal);
  }

  /** The index of the source that provides a part: only that source need be readable. */
  private indexFor(part: SnapshotPart, { signal }: ReadOptions = {}): Promise<SnapshotIndex> {
    return this.read(this.sources.find((r) => (r.source.parts ?? PARTS).includes(part))!, signal);
  }

  /** Every source's records in one index, read again where a source changed or is too old. */
  async snapshot(): Promise<SnapshotIndex> {
    const parts = await Promise.all(this.sources.map((r) => this.read(r)));
    if (parts.length === 1) return parts[0]!;
    if (this.merged?.parts.every((p, i) => p === parts[i])) return this.merged.index;
    const index = new SnapshotIndex({
      inventory: parts.flatMap((p) => p.allInventory),
      staff: parts.flatMap((p) => [...p.staffById.values()]),
      expenses: parts.flatMap((p) => p.expenses),
      reads: parts.flatMap((p) => p.reads),
    });
    this.merged = { parts, index };
    return index;
  }

  /** Whole reads of the sources since this connector was made: benchmarks prove lookups share them. */
  get readCount(): number {
    return this.sources.reduce((n, r) => n + r.reads, 0);
  }

  async inventoryByCostCentres(codes: readonly string[], options?: ReadOptions) {
    const index = await this.indexFor('inventory', options);
    return groupBy(codes, index.inventoryInService(codes), (r) => r.costCentre ?? '');
  }

  async inventoryByIds(ids: readonly string[], options?: ReadOptions) {
    const index = await this.indexFor('inventory', options);
    return new Map(
      ids.flatMap((id) => (index.inventoryById.has(id) ? [[id, index.inventoryById.get(id)!]] : [])),
    );
  }

  async staffByIds(ids: readonly string[], options?: ReadOptions) {
    const index = await this.indexFor('staff', options);
    return new Map(ids.flatMap((id) => (index.staffById.has(id) ? [[id, index.staffById.get(id)!]] : [])));
  }

  async expensesByCostCentres(codes: readonly string[], year: number | null, options?: ReadOptions) {
    const index = await this.indexFor('expenses', options);
    const wanted = new Set(codes);
    const rows = index.expenses.filter(
      (e) => wanted.has(e.costCentre ?? '') && (year == null || e.date.startsWith(`${year}-`)),
    );
    return groupBy(codes, rows, (e) => e.costCentre ?? '');
  }

  /** Files and APIs record no change times: every read is whole, in the source's order. */
  readonly incremental = false;

  async *readInventory(options: InventoryReadOptions = {}): AsyncIterable<InventoryPage> {
    const records = (await this.indexFor('inventory', options)).allInventory;
    const size = options.pageSize ?? DEFAULT_INVENTORY_PAGE_SIZE;
    for (let start = options.after ? Number(options.after) : 0; start < records.length; start += size) {
      yield { records: records.slice(start, start + size), cursor: String(start + size), changedUpTo: null };
    }
  }

  observeReads(listener: (read: ReadSummary) => void): void {
    this.listeners.push(listener);
  }

  /** The rows each source's last read rejected; a source that cannot be read has none to show (health says why). */
  async rejectedRows(): Promise<RejectedRow[]> {
    const indexes = await Promise.all(this.sources.map((r) => this.read(r).catch(() => null)));
    return indexes.flatMap((index) =>
      (index?.reads ?? []).flatMap((read) => read.problems.map((p) => ({ source: read.source, ...p }))),
    );
  }

  /** One line per source, each up or down on its own read. */
  async health(): Promise<SourceHealth[]> {
    return Promise.all(
      this.sources.map(async (reads): Promise<SourceHealth> => {
        const started = performance.now();
        const latencyMs = () => Math.round(performance.now() - started);
        try {
          const index = await this.read(reads);
          const rejected = index.reads.reduce((n, r) => n + r.rejected, 0);
          return {
            source: reads.source.name,
            up: true,
            latencyMs: latencyMs(),
            seen: index.reads.reduce((n, r) => n + r.seen, 0),
            rejected,
            ...(rejected > 0 ? { error: `${rejected} row(s) rejected at the last read` } : {}),
          };
        } catch (error) {
          return {
            source: reads.source.name,
            up: false,
            latencyMs: latencyMs(),
            error: (error as Error).message,
          };
        }
      }),
    );
  }

  async close(): Promise<void> {
    for (const reads of this.sources) reads.forget();
    this.merged = null;
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
