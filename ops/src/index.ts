// @hub/ops: running the hub. Add exports with intention: it is public API.

export {
  type ChruRows,
  type CnrsRows,
  type InraeRows,
  loadCnrsMariadb,
  loadUlPostgres,
  type UlRows,
  writeChruSources,
  writeCnrsSqlite,
  writeDemo,
  writeInraeExtractions,
  writeUlSqlite,
} from './demo';
export { CHROMIUM_PATH } from './ensure-services';
export { DEFAULT_GATEWAY_PORT, defaultSubgraphUrl, SUBGRAPHS, type SubgraphDefinition } from './subgraphs';
export { composeSupergraph, readCommittedSupergraph, SUPERGRAPH_PATH, writeSupergraph } from './supergraph';
