// @hub/connector-inrae: INRAE's sources. Add exports with intention: it is public API.
export { connectInrae, type InraeConnectorOptions } from './inrae-connector';
export { AGENTS_HEADERS, DEPENSES_HEADERS, EQUIPEMENTS_HEADERS } from './mapping';
export { inraeTutelle } from './tutelle';
