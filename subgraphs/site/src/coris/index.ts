// The steering committee's indicators and the site's history (docs/HISTORY.md): HR, equipment, renewal and
// labels, snapshots of what the sources cannot rebuild, the yearly workbook and the graph's part.
export { CorisResolver, PlatformHistoryResolver } from './graphql/resolvers';
export { CORIS_ROW_RESOLVERS } from './graphql/rows';
export { IndicatorSnapshotSchema, SNAPSHOT_MIGRATIONS } from './snapshot-entity';
export { SnapshotStore } from './snapshots';
export { type CorisSheet, corisWorkbookSheets, writeCorisWorkbook } from './workbook';
