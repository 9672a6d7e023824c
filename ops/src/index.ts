// @hub/ops: running the hub. Add exports with intention: it is public API.

export { buildWorkbook, type WorkbookRun } from './coris';
export {
  type ChruRows,
  type CnrsRows,
  type DemoNoise,
  GMAO_ITEMS_FILE,
  type InraeRows,
  loadCnrsMariadb,
  loadUlPostgres,
  NOISES,
  type UlRows,
  writeChruSources,
  writeCnrsSqlite,
  writeDemo,
  writeInraeExtractions,
  writeUlSqlite,
} from './demo';
export { CHROMIUM_PATH } from './ensure-services';
export { type AbtBuyFigures, abtBuy } from './inventory/abt-buy';
export { type DemoTruth, readDemoRecords, readDemoTruth } from './inventory/demo-records';
export { startupSummary } from './startup-summary';
export { DEFAULT_GATEWAY_PORT, defaultSubgraphUrl, SUBGRAPHS, type SubgraphDefinition } from './subgraphs';
export { composeSupergraph, readCommittedSupergraph, SUPERGRAPH_PATH, writeSupergraph } from './supergraph';
export { TUTELLE_DESCRIPTORS } from './tutelles';
export { ensureWebApp, signInFrom, WEB_DIST, webAppOptions } from './web';
export { launchChromium, signInAsDemo } from './web/browser';
