// The site-wide inventory (docs/INVENTORY.md): the index of the tutelles' records, its sync, the matcher that
// reconciles them into instruments, the reviewers' decisions, the exports and the graph's part.
export { EquipmentRow, INVENTORY_ENTITIES, IndexedRecord } from './entities';
export { EXPORT_HEADERS, exportInventory } from './export';
export { inventoryReferenceResolvers, inventoryResolvers, reviewQueue } from './graphql/resolvers';
export { InventoryRecordReference, ReviewKind, recordReferences } from './graphql/types';
export {
  blockedPairs,
  DEFAULT_REVIEW_FLOOR,
  DEFAULT_THRESHOLD,
  type MatchDecisions,
  type MatchInput,
  type MatchOptions,
  type MatchReport,
  type PairwiseQuality,
  pairwiseQuality,
  reconcile,
} from './matching';
export { INVENTORY_MIGRATIONS } from './migration';
export { platformsByCostCentre, type ReconcileSummary, reconcileIndex, toMatchInput } from './reconcile';
export { INVENTORY_JOB, InventoryReader, SiteInventory } from './site-inventory';
export {
  type FeedPage,
  type FeedRequest,
  type InventoryFeed,
  SubgraphInventoryFeed,
} from './sync/feed';
export { type SyncOptions, type SyncProgress, syncInventory } from './sync/sync';
