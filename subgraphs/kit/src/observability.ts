import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type express from 'express';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { logger } from './logger';

/*
 * What operators watch: Prometheus metrics per service (requests, latency and errors per operation) on
 * GET /metrics, and a request id that follows a request from the gateway through every subgraph, in the
 * logs of each.
 */

export const REQUEST_ID_HEADER = 'x-request-id';

/** The caller's request id when it sent a sane one, a new one otherwise; echoed in the response. */
export function useRequestId(): express.RequestHandler {
  return (req, res, next) => {
    const given = req.get(REQUEST_ID_HEADER);
    const id = given && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}

/**
 * Distinct operation names a service labels its metrics with: each name is a series in every metric, and
 * names are the client's to choose (8,000 of them once took the gateway's heap). Known operations (the
 * site's interface's, `knownOperations`) always keep their names, so that a client sending names first
 * cannot push them into `other`; of the rest, the first that ran keep theirs; later names, and any
 * operation that did not run (invalid), are `other`.
 */
const MAX_OPERATION_LABELS = 100;

function operationLabels(knownOperations: () => ReadonlySet<string>) {
  const seen = new Set<string>();
  return (name: string | null | undefined, ran: boolean): string => {
    if (!name) return 'anonymous';
    if (seen.has(name) || (ran && knownOperations().has(name))) return name;
    if (!ran || seen.size >= MAX_OPERATION_LABELS || name.length > 64) return 'other';
    seen.add(name);
    return name;
  };
}

const NONE: ReadonlySet<string> = new Set();

/** One answered operation, as the metrics and the log line count it. */
export interface Answered {
  operationName: string | null | undefined;
  /** Whether the operation ran (it was valid): names of operations that did not are not labels. */
  ran: boolean;
  seconds: number;
  /** The codes of the answer's errors. */
  errorCodes: readonly string[];
  /** Whether the answer has data (with errors: `partial`). */
  hasData: boolean;
  requestId: string | undefined;
}

export interface ServiceMetrics {
  registry: Registry;
  plugin: ApolloServerPlugin<BaseContext>;
  /** Count an operation answered outside the plugin's hooks (an answer sent before Apollo Server's pipeline). */
  answered(answer: Answered): void;
}

/**
 * A registry of its own per service (several run in one process in the demo and the tests); the service
 * may bring it, with metrics of its own registered (caches, source reads).
 */
export function useMetrics(
  service: string,
  registry = new Registry(),
  knownOperations: () => ReadonlySet<string> = () => NONE,
): ServiceMetrics {
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'hub_graphql_requests_total',
    help: 'GraphQL operations answered, by operation and outcome (ok, partial, error).',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL operation.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'hub_graphql_errors_total',
    help: 'Errors in GraphQL answers, by operation and code.',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const label = operationLabels(knownOperations);
  const answered = (answer: Answered) => {
    const operation = label(answer.operationName, answer.ran);
    duration.observe({ operation }, answer.seconds);
    for (const code of answer.errorCodes) errors.inc({ operation, code });
    const outcome = answer.errorCodes.length === 0 ? 'ok' : answer.hasData ? 'partial' : 'error';
    requests.inc({ operation, outcome });
    const { requestId } = answer;
    logger.info({ service, requestId, operation, outcome, ms: Math.round(answer.seconds * 1000) }, 'graphql');
  };
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({
          operationName,
          operation: ran,
          response,
          errors: requestErrors,
          contextValue,
        }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const all = body?.errors ?? requestErrors ?? [];
          answered({
            operationName,
            ran: ran !== undefined,
            seconds: (performance.now() - started) / 1000,
            errorCodes: all.map((error) => String(error.extensions?.code ?? 'UNKNOWN')),
            hasData: Boolean(body?.data),
            requestId: (contextValue as { requestId?: string }).requestId,
          });
        },
      };
    },
  };
  return { registry, plugin, answered };
}

/** Lookups of one of the service's caches, by outcome: the hit rate is hit / (hit + miss). */
export function cacheLookups(registry: Registry): Counter<'cache' | 'outcome'> {
  const name = 'hub_cache_lookups_total';
  return (
    (registry.getSingleMetric(name) as Counter<'cache' | 'outcome'> | undefined) ??
    new Counter({
      name,
      help: 'Cache lookups by cache (response, source-read) and outcome (hit, miss).',
      labelNames: ['cache', 'outcome'],
      registers: [registry],
    })
  );
}
