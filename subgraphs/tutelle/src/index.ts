// @hub/tutelle-subgraph: the one subgraph shape every tutelle uses. Add exports with intention: it is public API.
export { createLoaders, type Loaders, type TutelleContext } from './loaders';
export { DEFAULT_REJECTED_ROWS_THRESHOLD } from './rejections';
export type { ReadCacheOptions, SourceReads } from './source-reads';
export { buildTutelleSchema, startTutelleSubgraph, type TutelleSubgraphOptions } from './subgraph';
