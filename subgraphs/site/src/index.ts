// @hub/subgraph-site: the registry and the cross-tutelle answers. Add exports with intention: it is public API.
// Each domain (registry, inventory, tariffs, coris, jobs) has its barrel; this one picks from them.

export { type IndicatorContext, RegistryCache, RegistryReader, type SiteContext } from './context';
export { type CorisSheet, corisWorkbookSheets, SnapshotStore, writeCorisWorkbook } from './coris';
export { openSiteDatabase, parseSiteDatabase, type SiteDatabaseConfig, type SiteOrm } from './database';
export {
  blockedPairs,
  DEFAULT_REVIEW_FLOOR,
  DEFAULT_THRESHOLD,
  EXPORT_HEADERS,
  exportInventory,
  type FeedPage,
  type FeedRequest,
  INVENTORY_JOB,
  type InventoryFeed,
  InventoryReader,
  type MatchDecisions,
  type MatchInput,
  type MatchOptions,
  type MatchReport,
  type PairwiseQuality,
  pairwiseQuality,
  platformsByCostCentre,
  type ReconcileSummary,
  ReviewKind,
  reconcile,
  reconcileIndex,
  reviewQueue,
  SiteInventory,
  SubgraphInventoryFeed,
  type SyncOptions,
  type SyncProgress,
  syncInventory,
  toMatchInput,
} from './inventory';
export {
  DEFAULT_LEASE_MS,
  JobHeldError,
  JobLeaseLostError,
  type JobLeaseOptions,
  withJobLease,
} from './jobs';
export {
  exportRegistry,
  type GraphEditOverwritten,
  type LoadOptions,
  loadRegistry,
  parseRegistryFile,
  type RegistryFile,
  RegistryFileError,
  RegistryLoadRefused,
  type RegistryLoadReport,
  type RegistryProblem,
  registryVersion,
} from './registry';
export { buildSiteSchema, type SiteSubgraphOptions, startSiteSubgraph } from './subgraph';
export {
  type CostRecord,
  DEFAULT_TARIFF_POLICY_PATH,
  type GatherProgress,
  groupByReconciledEquipment,
  groupBySerialAndMaker,
  type InstrumentGroup,
  type InstrumentGrouping,
  parseTariffPolicy,
  readTariffPolicy,
  type SiteTariffs,
  TARIFF_REPORTS,
  TariffEngine,
  type TariffPolicy,
  TariffPolicyError,
  type TariffReport,
  tariffSheets,
  writeTariffExport,
} from './tariffs';
export { TutelleSubgraphs, type TutelleSubgraphUrls } from './tutelle-subgraphs';
