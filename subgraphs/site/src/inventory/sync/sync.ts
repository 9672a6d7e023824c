import { createHash } from 'node:crypto';
import type { Tutelle } from '@hub/schema';
import type { InventoryRecordData } from '@hub/source-kit';
import type { EntityManager } from '@mikro-orm/core';
import { IndexedRecord, SyncState } from '../entities';
import type { InventoryFeed } from './feed';

/*
 * The sync: every tutelle's inventory, page by page, into the site's index. Each page is one transaction
 * that writes its records and the cursor after them, so a crash loses at most the page in flight and the
 * next run resumes after the last committed one. Records are compared by content: a re-read record that
 * did not change is not written again, so a second run changes nothing. Where the source reads whole
 * (all but CNRS), a record a complete run did not see was removed at the source.
 */

export const DEFAULT_SYNC_PAGE_SIZE = 500;

export interface SyncProgress {
  tutelle: Tutelle;
  pages: number;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  resumed: boolean;
  done: boolean;
}

export interface SyncOptions {
  pageSize?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** Stops the sync, the page being read cancelled (its lease was lost): the pages committed so far are where the next resumes. */
  signal?: AbortSignal;
}

/** What the matcher and the graph read of a record: everything the feed gives but the raw value. */
function toRow(record: InventoryRecordData) {
  return {
    tutelle: record.tutelle,
    inventoryNumber: record.inventoryNumber,
    designation: record.designation,
    details: record.details,
    manufacturer: record.manufacturer,
    manufacturerNormalized: record.manufacturerNormalized,
    model: record.model,
    serialNumber: record.serialNumber,
    serialNumberNormalized: record.serialNumberNormalized,
    commissioningDate: record.commissioningDate,
    valueHTCents: Math.round(record.valueHT.amount * 100),
    usefulLifeYears: record.usefulLifeYears,
    unitCode: record.unitCode,
    costCentre: record.costCentre,
    status: record.status,
    additionCount: record.additionCount,
  };
}

const hashOf = (row: ReturnType<typeof toRow>) =>
  createHash('sha256').update(JSON.stringify(row)).digest('hex');

export async function syncTutelle(
  em: EntityManager,
  feed: InventoryFeed,
  tutelle: Tutelle,
  options: SyncOptions = {},
): Promise<SyncProgress> {
  const pageSize = options.pageSize ?? DEFAULT_SYNC_PAGE_SIZE;
  const state = await em.fork().transactional(async (tx) => {
    let found = await tx.findOne(SyncState, { tutelle });
    if (!found) {
      found = tx.create(SyncState, { tutelle, run: 0 });
      tx.persist(found);
    }
    const resumed = found.startedAt != null && found.finishedAt == null;
    if (!resumed) {
      found.run += 1;
      found.cursor = null;
      found.pendingChangedUpTo = null;
      found.startedAt = new Date().toISOString();
      found.finishedAt = null;
    }
    return { run: found.run, cursor: found.cursor, changedSince: found.changedSince, resumed };
  });
  const progress: SyncProgress = {
    tutelle,
    pages: 0,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    resumed: state.resumed,
    done: false,
  };
  let cursor = state.cursor;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await feed.page(
      tutelle,
      { first: pageSize, after: cursor, changedSince: state.changedSince },
      { signal: options.signal },
    );
    await em.fork().transactional(async (tx) => {
      const ids = page.records.map((r) => r.id);
      const existing = new Map(
        (ids.length === 0 ? [] : await tx.find(IndexedRecord, { id: { $in: ids } })).map((r) => [r.id, r]),
      );
      const now = new Date().toISOString();
      for (const record of page.records) {
        const row = toRow(record);
        const contentHash = hashOf(row);
        const known = existing.get(record.id);
        if (!known) {
          tx.persist(
            tx.create(IndexedRecord, {
              id: record.id,
              ...row,
              contentHash,
              seenRun: state.run,
              removed: false,
              updatedAt: now,
            }),
          );
          progress.inserted++;
        } else if (known.contentHash !== contentHash || known.removed) {
          tx.assign(known, { ...row, contentHash, seenRun: state.run, removed: false, updatedAt: now });
          progress.updated++;
        } else {
          if (!page.incremental) known.seenRun = state.run;
          progress.unchanged++;
        }
      }
      const syncState = await tx.findOneOrFail(SyncState, { tutelle });
      syncState.cursor = page.cursor;
      if (
        page.changedUpTo &&
        (!syncState.pendingChangedUpTo || page.changedUpTo > syncState.pendingChangedUpTo)
      )
        syncState.pendingChangedUpTo = page.changedUpTo;
      if (!page.hasMore) {
        await tx.flush();
        // A whole read that did not reach a record: the tutelle no longer has it.
        if (!page.incremental)
          progress.removed = await tx.nativeUpdate(
            IndexedRecord,
            { tutelle, removed: false, seenRun: { $lt: state.run } },
            { removed: true, updatedAt: now },
          );
        syncState.changedSince = syncState.pendingChangedUpTo ?? syncState.changedSince;
        syncState.cursor = null;
        syncState.finishedAt = now;
      }
    });
    cursor = page.cursor;
    progress.pages++;
    progress.read += page.records.length;
    progress.done = !page.hasMore;
    options.onProgress?.({ ...progress });
    if (!page.hasMore) return progress;
  }
}

/** Every tutelle the feed reaches, one after the other (their sources are slow: no need to hammer all at once). */
export async function syncInventory(em: EntityManager, feed: InventoryFeed, options: SyncOptions = {}) {
  const reports: SyncProgress[] = [];
  for (const tutelle of feed.tutelles) reports.push(await syncTutelle(em, feed, tutelle, options));
  return reports;
}
