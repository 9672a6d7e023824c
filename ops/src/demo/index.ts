// The demo site: a seeded, realistic stand-in for the tutelles' sources and the registry, with its truth.
export { countSite, type DemoCounts, UL_SUPPORT_CORPS } from './counts';
export { DEFAULT_AS_OF, type GenerateOptions, generateSite } from './generate';
export type * from './types';
export { registryYaml, writeDemo } from './write';
export { GMAO_ITEMS_FILE, writeChruSources } from './write-chru';
export { loadCnrsMariadb, writeCnrsSqlite } from './write-cnrs';
export { writeInraeExtractions } from './write-inrae';
export { loadUlPostgres, writeUlSqlite } from './write-ul';
