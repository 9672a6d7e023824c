// Stand-ins for the CHRU's sources, for tests and the demo (never the product): their rows, a hand-built
// fixture, the CSV exports' writer and the GMAO API's stand-in server.
export { CHRU_FIXTURE } from './fixture';
export {
  type GmaoEquipement,
  type GmaoFaults,
  type GmaoStandIn,
  type GmaoStandInOptions,
  type GmaoStandInStats,
  startGmaoStandIn,
} from './gmao';
export type { ChruDepense, ChruEquipement, ChruPersonnel, ChruRows } from './rows';
export { GMAO_ITEMS_FILE, writeChruSources } from './write';
