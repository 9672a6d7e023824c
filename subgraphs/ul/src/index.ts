// @hub/subgraph-ul: Université de Lorraine's subgraph. Add exports with intention: it is public API.
export { ulConnectorOptionsFromEnv, ulSqliteDatabase } from './config';
export { startUlSubgraph, type UlSubgraphOptions } from './subgraph';
