// @hub/gateway: the one endpoint of the hub. Add exports with intention: it is public API.
export { type AnswerBudgetOptions, DEFAULT_ANSWER_BUDGET } from './answer-budget';
export { type GatewayOptions, startGateway, subgraphsOf } from './gateway';
export type { GatewayPlugin } from './plugin';
export {
  CACHE_STATUS_HEADER,
  cacheScope,
  type ResponseCacheOptions,
  useResponseCache,
} from './response-cache';
export { DEFAULT_SUBGRAPH_FETCH, type SubgraphFetchOptions } from './subgraph-fetch';
export { type SignIn, type WebApp, type WebAppOptions, webApp } from './web-app';
