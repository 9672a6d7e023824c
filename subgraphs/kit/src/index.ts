// @hub/service-kit: what every GraphQL service of the hub shares. Add exports with intention: it is public API.
import 'reflect-metadata';

export {
  type AnswerSlot,
  answerBytes,
  answerSlotOf,
  answerWith,
  prepareAnswer,
  stringifyResult,
} from './answer-bytes';
export type { AnswerShortcut, ShortAnswer } from './answer-shortcut';
export {
  authChecker,
  type Caller,
  callerFromHeader,
  type HasCaller,
  jwtSecret,
  mintToken,
  PUBLIC_CALLER,
  serviceCaller,
  type TokenVerifier,
  tokenVerifier,
  usesDevelopmentSecret,
} from './auth';
export { createCache, type HubCache, ParsedTexts } from './cache';
export { formatError } from './errors';
export { buildFederatedSchema, type FederatedSchemaOptions, type ReferenceResolvers } from './federation';
export {
  gatewaySecret,
  SIGNATURE_HEADER,
  type SignedBy,
  signGatewayRequest,
  signServiceRequest,
  verifyGatewaySignature,
} from './gateway-signature';
export { DEFAULT_QUERY_LIMITS, type QueryLimits, useQueryLimits } from './limits';
export { type Logger, logger } from './logger';
export { cacheLookups, REQUEST_ID_HEADER } from './observability';
export {
  type GraphQLServerOptions,
  type HealthReport,
  type RequestContext,
  type RunningServer,
  startGraphQLServer,
} from './server';
export { type ServiceSettings, serviceSettings } from './settings';
export {
  SubgraphClient,
  type SubgraphClientOptions,
  type SubgraphRequestContext,
  type SubgraphResponse,
} from './subgraph-client';
export { startTracing, type Tracing, traced, traceHeaders } from './tracing';
