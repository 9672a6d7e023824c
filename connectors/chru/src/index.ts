// @hub/connector-chru: CHRU de Nancy's sources. Add exports with intention: it is public API.
export { type ChruConnectorOptions, connectChru } from './chru-connector';
export { DEPENSES_HEADERS, type GmaoItem, PERSONNELS_HEADERS } from './mapping';
export { chruTutelle, GMAO_STAND_IN_TOKEN } from './tutelle';
