import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import {
  ApolloServer,
  type ApolloServerOptions,
  type ApolloServerPlugin,
  type BaseContext,
} from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ErrorCode, Role } from '@hub/schema';
import type { SourceHealth } from '@hub/source-kit';
import express from 'express';
import type { Registry } from 'prom-client';
import { type AnswerSlot, stringifyResult, useAnswerBytes } from './answer-bytes';
import type { AnswerShortcut } from './answer-shortcut';
import { type Caller, callerFromHeader, serviceCaller, tokenVerifier } from './auth';
import { createCache } from './cache';
import { useCors } from './cors';
import { formatError } from './errors';
import { gatewaySecret, SIGNATURE_HEADER, verifyGatewaySignature } from './gateway-signature';
import { useGraphiQL } from './graphiql';
import { graphqlHandler } from './graphql-http';
import { useInputBounds } from './input-bounds';
import { type QueryLimits, useQueryLimits, withLimitCode } from './limits';
import { logger } from './logger';
import { useMetrics, useRequestId } from './observability';
import { type ServiceSettings, serviceSettings } from './settings';
import { useTracing } from './tracing';

export interface HealthReport {
  status: 'ok' | 'degraded';
  service: string;
  sources: SourceHealth[];
}

export type GraphQLServerOptions<Context extends BaseContext> = {
  /** Service name in logs and /health: 'gateway', 'site', 'ul'. */
  name: string;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** Per-request context from the verified caller; `signal` is the request's (`RequestContext`). */
  context: (caller: Caller, request: express.Request, signal: AbortSignal) => Promise<Context> | Context;
  /** Sources (or subgraphs) whose state /health reports; the service itself answering means it is up. */
  health?: () => Promise<SourceHealth[]>;
  /** The sandbox page on GET /graphql; on by default outside production. */
  landingPage?: boolean;
  /** Refuse operations beyond these limits (the gateway, where clients come in); none by default. */
  limits?: QueryLimits;
  /** Answer only requests the gateway signed (every subgraph); off for the gateway itself. */
  requireGatewaySignature?: boolean;
  /** Redis for the caches (automatic persisted queries); in memory when not given. */
  redisUrl?: string;
  /** The service's own plugins (the gateway's response cache), run after metrics and limits. */
  plugins?: ApolloServerPlugin<Context & RequestContext>[];
  /**
   * Answers known from a request's body and caller alone, sent before Apollo Server's pipeline (the
   * gateway's response cache: `answer-shortcut.ts`); none by default.
   */
  shortcut?: AnswerShortcut;
  /** A metrics registry with the service's own metrics registered; /metrics serves it. */
  metrics?: Registry;
  /** Operation names its metrics always label by name (the site's interface's); others are bounded. */
  knownOperations?: () => ReadonlySet<string>;
  /** Origins whose browser applications may call /graphql (`HUB_CORS_ORIGINS`, the gateway); none by default. */
  corsOrigins?: readonly string[];
  /**
   * Routes of the service's own, mounted before POST /graphql (the gateway's web application and its
   * persisted documents): they see every request first and pass on what is not theirs.
   */
  routes?: (app: express.Express) => void;
} & (
  | { schema: NonNullable<ApolloServerOptions<Context>['schema']>; gateway?: never }
  | { gateway: NonNullable<ApolloServerOptions<Context>['gateway']>; schema?: never }
);

/** The largest request body a service reads. */
/** How long a kept-alive connection may stay idle: longer than any client of ours pools one. */
const IDLE_CONNECTION_MS = 65_000;
const BODY_LIMIT = '1mb';

/** What every service's context carries besides its own. */
export interface RequestContext {
  /** Follows the request through the gateway and the subgraphs, in every log line. */
  requestId: string;
  /**
   * Aborted when the caller hangs up before the answer is sent (a client gone, the gateway's fetch timed
   * out): long work checks it and stops.
   */
  signal: AbortSignal;
  /** The answer's bytes once made (`answer-bytes.ts`): what the HTTP handler writes. */
  answer: AnswerSlot;
}

/**
 * Who sees a service's details (/metrics, the sources on /health and /ready): in production, callers with
 * `Authorization: Bearer $HUB_METRICS_TOKEN` (a scraper, the gateway's probe of its subgraphs) or an
 * `admin` token; anyone outside production.
 */
function operatorAccess(
  { production, metricsToken }: ServiceSettings,
  tokens: ReturnType<typeof tokenVerifier>,
) {
  return async (req: express.Request): Promise<boolean> => {
    if (!production) return true;
    const authorization = req.headers.authorization;
    if (!authorization) return false;
    if (metricsToken && sameText(authorization, `Bearer ${metricsToken}`)) return true;
    const caller = await callerFromHeader(authorization, tokens).catch(() => null);
    return caller?.roles.includes(Role.ADMIN) ?? false;
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** An AbortSignal for a request: aborted if its connection closes before the response is finished. */
function callerGone(res: express.Response): AbortSignal {
  const controller = new AbortController();
  const gone = () => {
    if (!res.writableFinished) controller.abort(new Error('The caller hung up'));
  };
  // Gone already, while its body was read or its caller verified: 'close' will not come again.
  if (res.closed) gone();
  else res.once('close', gone);
  return controller.signal;
}

export interface RunningServer {
  name: string;
  url: string;
  port: number;
  /** Stops accepting requests, finishes those in flight, then closes. */
  close(): Promise<void>;
}

/**
 * One HTTP server for a GraphQL service: POST /graphql (Apollo Server 5), GET /health, graceful close.
 * The gateway and every subgraph start through it, so they behave alike.
 */
export async function startGraphQLServer<Context extends BaseContext>(
  options: GraphQLServerOptions<Context>,
): Promise<RunningServer> {
  const settings = serviceSettings();
  const { production } = settings;
  const tokens = tokenVerifier();
  const app = express();
  // No ETag: Express hashed every answer's body for one, and no client of the hub revalidates with it.
  app.set('etag', false);
  const httpServer = http.createServer(app);
  // An idle kept-alive connection outlives its clients' pools (the gateway keeps its own 30 s): a server that
  // closed it first (Node's 5 s) races a request sent on it, which the client sees as 'socket hang up'.
  httpServer.keepAliveTimeout = IDLE_CONNECTION_MS;
  httpServer.headersTimeout = IDLE_CONNECTION_MS + 1000;
  // Subgraphs are reached through the gateway only: no sandbox of their own.
  const landingPage = options.landingPage ?? (!production && !options.requireGatewaySignature);
  const armor = options.limits ? useQueryLimits(options.limits, { production }) : null;
  const metrics = useMetrics(options.name, options.metrics, options.knownOperations);
  const cache = createCache({ redisUrl: options.redisUrl, prefix: `hub:${options.name}:` });
  const apollo = new ApolloServer<Context & RequestContext>({
    ...(options.gateway ? { gateway: options.gateway } : { schema: options.schema! }),
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => formatError(production)(withLimitCode(formatted), error),
    logger,
    stringifyResult,
    validationRules: armor?.validationRules ?? [],
    // Automatic persisted queries: clients send a hash instead of the query once it is known.
    persistedQueries: { cache: cache.cache, ttl: 24 * 3600 },
    plugins: [
      // No cache hints are read anywhere (the response cache keys on scope and a TTL of its own), and the
      // default cache-control plugin wraps every field's resolver to compute them.
      ApolloServerPluginCacheControlDisabled(),
      metrics.plugin,
      ...(armor?.plugins ?? []),
      useInputBounds(),
      ...(options.plugins ?? []),
      // Last: answers made into bytes once the plugins before have read or replaced them.
      useAnswerBytes(),
      landingPage
        ? useGraphiQL({ title: `Lorraine research hub · ${options.name}` })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const drain = drainer(httpServer);
  app.use(drain.middleware);
  app.use(useRequestId());
  const operator = operatorAccess(settings, tokens);
  app.get('/metrics', async (req, res) => {
    if (!(await operator(req))) {
      res.status(401).json({ message: 'Metrics need HUB_METRICS_TOKEN or an admin token' });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const report = async (): Promise<HealthReport> => {
    const sources = options.health ? await options.health() : [];
    const ok = sources.every((s) => s.up && !s.degraded);
    return { status: ok ? 'ok' : 'degraded', service: options.name, sources };
  };
  /** The report for whoever asks: its sources (addresses, database names in errors) for operators only. */
  const shown = async (req: express.Request, health: HealthReport) =>
    (await operator(req)) ? health : { status: health.status, service: health.service };

  // Liveness: the service answers (200), and says what of its sources is down.
  app.get('/health', async (req, res) => {
    res.status(200).json(await shown(req, await report()));
  });
  // Readiness: 503 while a source of this replica's own is down, so a load balancer can route around it. A
  // source that is up but rejects many rows (degraded), or one down for every replica alike (shared: the
  // gateway's subgraphs), leaves it ready: no replica would do better, and partial answers still serve.
  app.get('/ready', async (req, res) => {
    const health = await report();
    const ready = health.sources.every((s) => s.up || s.shared);
    res.status(ready ? 200 : 503).json(await shown(req, health));
  });
  options.routes?.(app);
  const secret = options.requireGatewaySignature ? gatewaySecret() : null;
  app.use(
    '/graphql',
    useCors(options.corsOrigins ?? []),
    express.json({ limit: BODY_LIMIT }),
    useTracing(options.name),
    async (req, res, next) => {
      if (!secret) return next();
      const signer = await verifyGatewaySignature(
        secret,
        req.get(SIGNATURE_HEADER),
        { ...req.body, authorization: req.headers.authorization },
        cache.claimOnce,
      );
      if (signer) {
        res.locals.signer = signer;
        return next();
      }
      res.status(403).json({
        errors: [{ message: 'Subgraphs answer the gateway only', extensions: { code: ErrorCode.FORBIDDEN } }],
      });
    },
    graphqlHandler(apollo, {
      callerOf: async (req, res) =>
        res.locals.signer?.kind === 'service'
          ? serviceCaller(res.locals.signer.service)
          : callerFromHeader(req.headers.authorization, tokens),
      context: async (req, res, caller, answer) => {
        const signal = callerGone(res);
        return {
          ...(await options.context(caller, req, signal)),
          requestId: res.locals.requestId as string,
          signal,
          answer,
        } as Context & RequestContext;
      },
      ...(options.shortcut
        ? {
            shortcut: {
              answers: options.shortcut,
              sent: (_req, res, answer, seconds) =>
                metrics.answered({
                  operationName: answer.operationName,
                  ran: true,
                  seconds,
                  errorCodes: [],
                  hasData: true,
                  requestId: res.locals.requestId as string,
                }),
            },
          }
        : {}),
    }),
  );

  // A body the JSON parser refuses (over 1 MB, or not JSON) gets a GraphQL answer with a stable code, not
  // Express's HTML page.
  app.use(
    (
      error: { status?: number; type?: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error.type === 'entity.too.large') {
        res.status(413).json({
          errors: [
            {
              message: `Request body over ${BODY_LIMIT}`,
              extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED },
            },
          ],
        });
      } else if (error.type === 'entity.parse.failed') {
        res.status(400).json({
          errors: [{ message: 'Request body is not JSON', extensions: { code: ErrorCode.BAD_USER_INPUT } }],
        });
      } else next(error);
    },
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  logger.info({ service: options.name, url }, 'listening');
  return {
    name: options.name,
    url,
    port,
    close: async () => {
      await drain.drain();
      await apollo.stop();
      await cache.close();
    },
  };
}

/** Idle kept-alive connections get this long to bring a request already on its way before they are closed. */
const IDLE_GRACE_MS = 1000;
/** Requests in flight get this long to finish; what is left then is closed. */
const DRAIN_MS = 10_000;

/**
 * A graceful stop that resets no client. Node's `server.close()` closes idle kept-alive connections at once,
 * and a request a client has just sent on one (6 ms before the signal, under load) meets a reset. Here the
 * server stops accepting connections; every response from then on says `Connection: close`, so each open
 * connection closes after the answer to the request it carries; a connection still idle after a grace is
 * closed; requests in flight get `DRAIN_MS`, then whatever is left is closed.
 */
function drainer(httpServer: http.Server) {
  let draining = false;
  return {
    middleware: (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (draining) res.setHeader('Connection', 'close');
      next();
    },
    async drain(): Promise<void> {
      if (draining) return;
      draining = true;
      const closed = new Promise<void>((resolve) => {
        if (!httpServer.listening) resolve();
        // net.Server's close: no more connections, the open ones left to end (http.Server's closes idle ones).
        else net.Server.prototype.close.call(httpServer, () => resolve());
      });
      const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
      await Promise.race([closed, timer(IDLE_GRACE_MS)]);
      httpServer.closeIdleConnections();
      await Promise.race([closed, timer(DRAIN_MS)]);
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
