// The single tariff of each platform's services (docs/TARIFFS.md): what the site subgraph and the CLI use.
export { CostBaseReader, type GatherProgress, type RequestCounts } from './cost-base/gather';
export { type SiteTariffs, TariffEngine, TariffRequest } from './engine';
export type { Sheet } from './export';
export { TARIFF_REPORTS, type TariffReport, tariffSheets, writeTariffExport } from './export';
export { TARIFF_RESOLVERS } from './graphql/resolvers';
export type { CostRecord } from './model/cost-base';
export { groupBySerialAndMaker, type InstrumentGroup, type InstrumentGrouping } from './model/instruments';
export {
  DEFAULT_TARIFF_POLICY_PATH,
  parseTariffPolicy,
  readTariffPolicy,
  TariffPolicyError,
} from './policy/load';
export type { TariffPolicy } from './policy/schema';
export { groupByReconciledEquipment } from './reconciled-instruments';
