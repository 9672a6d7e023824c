import { sharedCheck } from '@hub/source-kit';
import type { EntityManager } from '@mikro-orm/core';
import { type JobLeaseOptions, withJobLease } from '../jobs';
import { perSnapshotAsync } from '../snapshot-memo';
import { versionRow } from '../version-row';
import { confirmEquipment, mergeEquipment, splitEquipment } from './decisions';
import { EquipmentLink, EquipmentRow, IndexedRecord, InventoryDecision } from './entities';
import type { MatchOptions } from './matching';
import { type ReconcileSummary, reconcileIndex } from './reconcile';
import type { InventoryFeed } from './sync/feed';
import { type SyncOptions, type SyncProgress, syncInventory } from './sync/sync';

/** The job lease the sync and reconciliation hold (`job_lease.name`). */
export const INVENTORY_JOB = 'inventory';

/** An instrument with its links, as the graph answers it. */
export interface EquipmentView extends EquipmentRow {
  links: EquipmentLink[];
}

export interface InventorySnapshot {
  version: number;
  equipment: EquipmentView[];
  byId: Map<string, EquipmentView>;
  /** Record id → its instrument: the back-link `InventoryRecord.equipment`. */
  byRecord: Map<string, EquipmentView>;
  /** Pairs scored near the threshold but left apart, for review. */
  possibleMatches: EquipmentLink[];
}

/**
 * The site-wide inventory: the sync into the index, reconciliation, people's decisions, and the equipment
 * kept in memory between requests until the next reconciliation bumps the version (one version check for
 * the requests arriving together, like the registry's cache).
 */
export class SiteInventory {
  private cached: { version: number; snapshot: Promise<InventorySnapshot> } | null = null;
  private readonly version = sharedCheck(() => versionRow(this.em, 'inventory_version'));

  constructor(
    private readonly em: EntityManager,
    private readonly feed: InventoryFeed | null,
    /** The sync and reconciliation run once at a time across replicas: under the `inventory` job lease. */
    private readonly lease: JobLeaseOptions = {},
    /** The matcher's threshold and review floor (HUB_MATCH_THRESHOLD, HUB_MATCH_REVIEW_FLOOR). */
    private readonly match: MatchOptions = {},
  ) {}

  /** Sync every tutelle the site reaches, then reconcile. */
  async sync(
    options: SyncOptions = {},
  ): Promise<{ tutelles: SyncProgress[]; reconciliation: ReconcileSummary }> {
    const feed = this.feed;
    if (!feed) throw new Error('The site was given no tutelle subgraph to sync from');
    return withJobLease(
      this.em,
      INVENTORY_JOB,
      async ({ signal, check }) => {
        const tutelles = await syncInventory(this.em, feed, { ...options, signal });
        check();
        return { tutelles, reconciliation: await this.changing(reconcileIndex(this.em, this.match)) };
      },
      this.lease,
    );
  }

  reconcile(): Promise<ReconcileSummary> {
    return withJobLease(
      this.em,
      INVENTORY_JOB,
      () => this.changing(reconcileIndex(this.em, this.match)),
      this.lease,
    );
  }

  confirm(who: string, equipmentId: string) {
    return this.changing(confirmEquipment(this.em, who, equipmentId, this.match));
  }

  split(who: string, equipmentId: string, recordIds: string[]) {
    return this.changing(splitEquipment(this.em, who, equipmentId, recordIds, this.match));
  }

  merge(who: string, equipmentIds: string[]) {
    return this.changing(mergeEquipment(this.em, who, equipmentIds, this.match));
  }

  /** A change of the inventory by this process: the requests after it check the version anew. */
  private changing<T>(change: Promise<T>): Promise<T> {
    return change.finally(() => this.version.forget());
  }

  async decisions(): Promise<InventoryDecision[]> {
    return this.em.fork().find(InventoryDecision, {}, { orderBy: { id: 'desc' } });
  }

  /** Every record the index holds, those the tutelles removed since included: the past of the inventory. */
  async records(): Promise<IndexedRecord[]> {
    return this.em.fork().find(IndexedRecord, {}, { orderBy: { id: 'asc' } });
  }

  async snapshot(): Promise<InventorySnapshot> {
    const version = await this.version();
    if (this.cached?.version !== version) {
      const snapshot = this.read(version);
      this.cached = { version, snapshot };
      snapshot.catch(() => {
        if (this.cached?.snapshot === snapshot) this.cached = null;
      });
    }
    return this.cached.snapshot;
  }

  private async read(version: number): Promise<InventorySnapshot> {
    const em = this.em.fork();
    const [rows, links] = await Promise.all([
      em.find(EquipmentRow, {}, { orderBy: { id: 'asc' } }),
      em.find(EquipmentLink, {}, { orderBy: { id: 'asc' } }),
    ]);
    const equipment: EquipmentView[] = rows.map((r) => Object.assign(r, { links: [] as EquipmentLink[] }));
    const byId = new Map(equipment.map((e) => [e.id, e]));
    const byRecord = new Map(equipment.flatMap((e) => e.recordIds.map((id) => [id, e] as const)));
    const possibleMatches: EquipmentLink[] = [];
    for (const link of links) {
      if (link.equipmentId == null) possibleMatches.push(link);
      else byId.get(link.equipmentId)?.links.push(link);
    }
    return { version, equipment, byId, byRecord, possibleMatches };
  }
}

/** The index's records per inventory snapshot: shared by the requests (read-only). */
const indexRecords = perSnapshotAsync<IndexedRecord[]>(1);

/** The inventory as one request sees it: one snapshot for every field and `_entities` lookup. */
export class InventoryReader {
  private loaded: Promise<InventorySnapshot> | null = null;
  private records_: Promise<IndexedRecord[]> | null = null;

  constructor(readonly inventory: SiteInventory) {}

  snapshot(): Promise<InventorySnapshot> {
    this.loaded ??= this.inventory.snapshot();
    return this.loaded;
  }

  /** The index's records, read once per inventory version (every reconciliation bumps it). */
  records(): Promise<IndexedRecord[]> {
    this.records_ ??= this.snapshot().then((snapshot) =>
      indexRecords(snapshot, 'records', () => this.inventory.records()),
    );
    return this.records_;
  }
}
