// The registry of platforms (docs/HISTORY.md): its entities and migrations, the YAML file, loads, edits through
// the graph and exports. What the other domains of the site use of it comes through here.
export { type RegistryEdit, RegistryWriter } from './edit';
export {
  Platform,
  PlatformCostCentre,
  type PublishedPrices,
  REGISTRY_ENTITIES,
} from './entities';
export { exportRegistry } from './export';
export {
  parseRegistryFile,
  type RegistryFile,
  RegistryFileError,
  type RegistryProblem,
} from './file';
export { RegistryEditResolver } from './graphql/resolvers';
export {
  type GraphEditOverwritten,
  type LoadOptions,
  loadRegistry,
  RegistryLoadRefused,
  type RegistryLoadReport,
  registryVersion,
} from './load';
export { REGISTRY_MIGRATIONS } from './migrations';
