// Stand-ins for tutelle systems the hub cannot reach from a test or a demo machine: tooling, not product.
export {
  type GmaoEquipement,
  type GmaoFaults,
  type GmaoStandIn,
  type GmaoStandInOptions,
  type GmaoStandInStats,
  startGmaoStandIn,
} from './gmao';
