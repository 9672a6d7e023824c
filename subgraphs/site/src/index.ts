// @hub/subgraph-site: the registry and the cross-tutelle answers. Add exports with intention: it is public API.

export { type IndicatorContext, RegistryCache, RegistryReader, type SiteContext } from './context';
export { SnapshotStore } from './coris/snapshots';
export { type CorisSheet, corisWorkbookSheets, writeCorisWorkbook } from './coris/workbook';
export { EXPORT_HEADERS, exportInventory } from './inventory/export';
export {
  type MatchDecisions,
  type MatchInput,
  type MatchReport,
  type PairwiseQuality,
  pairwiseQuality,
  reconcile,
} from './inventory/matching';
export { platformsByCostCentre, type ReconcileSummary, toMatchInput } from './inventory/reconcile';
export { INVENTORY_JOB, InventoryReader, SiteInventory } from './inventory/site-inventory';
export {
  type FeedPage,
  type FeedRequest,
  type InventoryFeed,
  SubgraphInventoryFeed,
} from './inventory/sync/feed';
export { type SyncOptions, type SyncProgress, syncInventory } from './inventory/sync/sync';
export {
  DEFAULT_LEASE_MS,
  JobHeldError,
  JobLeaseLostError,
  type JobLeaseOptions,
  withJobLease,
} from './jobs/job-lease';
export {
  openSiteDatabase,
  parseSiteDatabase,
  type SiteDatabaseConfig,
  type SiteOrm,
} from './registry/database';
export { exportRegistry } from './registry/export';
export {
  parseRegistryFile,
  type RegistryFile,
  RegistryFileError,
  type RegistryProblem,
} from './registry/file';
export {
  type GraphEditOverwritten,
  type LoadOptions,
  loadRegistry,
  RegistryLoadRefused,
  type RegistryLoadReport,
  registryVersion,
} from './registry/load';
export { buildSiteSchema, type SiteSubgraphOptions, startSiteSubgraph } from './subgraph';
export {
  type CostRecord,
  DEFAULT_TARIFF_POLICY_PATH,
  type GatherProgress,
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
export { groupByReconciledEquipment } from './tariffs/reconciled-instruments';
export { TutelleSubgraphs, type TutelleSubgraphUrls } from './tutelle-subgraphs';
