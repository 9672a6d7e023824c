// The demo site: a seeded, realistic stand-in for the tutelles' sources and the registry, with its truth.

export { GMAO_ITEMS_FILE, writeChruSources } from '@hub/connector-chru/testing';
export { loadCnrsMariadb, writeCnrsSqlite } from '@hub/connector-cnrs/testing';
export { writeInraeExtractions } from '@hub/connector-inrae/testing';
export { loadUlPostgres, writeUlSqlite } from '@hub/connector-ul/testing';
export { countSite, type DemoCounts, UL_SUPPORT_CORPS } from './counts';
export { DEFAULT_AS_OF, DEFAULT_NOISE, type GenerateOptions, generateSite } from './generate';
export { type DemoNoise, HARDER_NOISE, NOISES, PLAIN_NOISE } from './quirks';
export type * from './types';
export { registryYaml, writeDemo } from './write';
