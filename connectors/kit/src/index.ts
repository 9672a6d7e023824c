// @hub/source-kit: what every connector shares. Add exports with intention: it is public API.
export {
  ChartOfAccounts,
  ChartOfAccountsError,
  DEFAULT_CHART_OF_ACCOUNTS,
  defaultChartOfAccounts,
  natureOfAccount,
} from './chart-of-accounts';
export {
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
  sourceKey,
  type TutelleConnector,
} from './connector';
export { isSourceError, SourceContractError, SourceError, SourceUnavailableError } from './errors';
export { normaliseManufacturer, splitMakerModel } from './manufacturers';
export { normaliseSerial, normaliseUnitCode, text, toIsoDate, toNumber, unitNumber } from './normalise';
export { type Backoff, type RetryPolicy, withRetries } from './retry';
export { type Environment, SettingError, Settings } from './settings';
export { type SharedCheck, sharedCheck } from './shared-check';
export { SharedRead } from './shared-read';
export {
  type Snapshot,
  SnapshotConnector,
  SnapshotIndex,
  type SnapshotSource,
} from './snapshot';
export type { TutelleDescriptor } from './tutelle';
