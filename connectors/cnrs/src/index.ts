// @hub/connector-cnrs: CNRS's sources. Add exports with intention: it is public API.
export { CnrsConnector, type CnrsConnectorOptions } from './cnrs-connector';
export { CNRS_SOURCE_DDL } from './source-schema';
export { cnrsSqliteDatabase, cnrsTutelle } from './tutelle';
