// The single tariff of each platform's services (docs/TARIFFS.md): what the site subgraph and the CLI use.
export { CostBaseReader, type RequestCounts } from './cost-base/gather';
export { TariffEngine, TariffRequest } from './engine';
export { TARIFF_RESOLVERS } from './graphql/resolvers';
export { groupBySerialAndMaker, type InstrumentGroup, type InstrumentGrouping } from './model/instruments';
export {
  DEFAULT_TARIFF_POLICY_PATH,
  parseTariffPolicy,
  readTariffPolicy,
  TariffPolicyError,
} from './policy/load';
export type { TariffPolicy } from './policy/schema';
