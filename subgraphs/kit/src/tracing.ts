import type { Environment } from '@hub/source-kit';
import { type Attributes, context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import type express from 'express';
import { serviceSettings } from './settings';

/*
 * OpenTelemetry traces across gateway → subgraph → source: a span for each request a service answers
 * (its parent read from the W3C `traceparent` the caller sent), for each subgraph fetch (@apollo/gateway's
 * own, plus ours carrying the header), and for each connector read. Without `startTracing` every call here
 * is a no-op: the API is there, the SDK is not.
 */

const tracer = () => trace.getTracer('lorraine-research-hub');

export interface Tracing {
  /** Flush what is pending and stop. */
  shutdown(): Promise<void>;
}

/**
 * Record spans for the whole process: to `exporter` (tests: an InMemorySpanExporter, each span as it ends),
 * else over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` (or `..._TRACES_ENDPOINT`) is set, batched; with
 * neither, nothing is started. `OTEL_SERVICE_NAME` names the process in the traces.
 */
export function startTracing(options: { exporter?: SpanExporter; env?: Environment } = {}): Tracing | null {
  if (!options.exporter && !serviceSettings(options.env).otlpEndpoint) return null;
  const spanProcessors = options.exporter
    ? [new SimpleSpanProcessor(options.exporter)]
    : [new BatchSpanProcessor(new OTLPTraceExporter())];
  const provider = new NodeTracerProvider({ spanProcessors });
  // The global provider, the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

/** Run `work` in a span of its own, a child of the active one; a failure is recorded on it. */
export function traced<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active trace as W3C headers (`traceparent`), for a request this service sends. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

/**
 * A server span for each request, the caller's trace continued; what the request does then (resolvers,
 * fetches, reads) runs within it. Mounted after the body is parsed, so that the work runs in its context.
 */
export function useTracing(service: string): express.RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer().startSpan(
      `${service} ${req.method} ${req.baseUrl || req.path}`,
      { kind: SpanKind.SERVER, attributes: { 'hub.service': service, 'http.request.method': req.method } },
      parent,
    );
    res.once('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
