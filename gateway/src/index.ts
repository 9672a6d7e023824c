// @hub/gateway: the one endpoint of the hub. Add exports with intention: it is public API.
export { type GatewayOptions, startGateway, subgraphsOf } from './gateway';
