// @hub/connector-ul: Université de Lorraine's sources. Add exports with intention: it is public API.
export { rollUpAssets, unitFromCentreFin } from './mapping';
export { UL_SOURCE_DDL } from './source-schema';
export { ulSqliteDatabase, ulTutelle } from './tutelle';
export { UlConnector, type UlConnectorOptions } from './ul-connector';
