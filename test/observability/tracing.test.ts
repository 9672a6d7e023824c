import { startTracing, type Tracing } from '@hub/service-kit';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { type Hub, startSubgraphsAndGateway } from '../src/harness';

/** One client request, one trace: the gateway's spans, each subgraph's, and each source read's. */
describe('traces across gateway → subgraph → source', () => {
  let hub: Hub;
  let tracing: Tracing | null;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    tracing = startTracing({ exporter });
    hub = await startSubgraphsAndGateway();
  });
  afterAll(async () => {
    await hub?.close();
    await tracing?.shutdown();
  });

  it('gives the spans of one request one trace id, from the gateway down to the connector read', async () => {
    exporter.reset();
    const { data } = await hub.query(
      '{ platform(code: "XGAMMA") { costCentres { tutelle equipment { totalCount } } } }',
    );
    expect(data?.platform.costCentres).toHaveLength(3);
    // The gateway's server span ends when its response is written: wait for it.
    const server = (service: string) => (span: ReadableSpan) => span.attributes['hub.service'] === service;
    const deadline = Date.now() + 2000;
    while (!exporter.getFinishedSpans().some(server('gateway')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const spans = exporter.getFinishedSpans();
    const gateway = spans.find(server('gateway'))!;
    expect(gateway).toBeDefined();
    const trace = gateway.spanContext().traceId;
    const inTrace = spans.filter((span) => span.spanContext().traceId === trace);
    const names = inTrace.map((span) => span.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'subgraph site',
        'subgraph ul',
        'subgraph cnrs',
        'subgraph inrae',
        'UL inventoryByCostCentres',
        'CNRS inventoryByCostCentres',
        'INRAE inventoryByCostCentres',
      ]),
    );
    for (const service of ['site', 'ul', 'cnrs', 'inrae']) expect(inTrace.some(server(service))).toBe(true);
    // Every span of the request is in that one trace, and each has its parent there (the gateway's is the root).
    expect(spans.filter((span) => span.spanContext().traceId !== trace)).toEqual([]);
    const ids = new Set(inTrace.map((span) => span.spanContext().spanId));
    const orphans = inTrace.filter(
      (span) => span !== gateway && !ids.has(span.parentSpanContext?.spanId ?? ''),
    );
    expect(orphans.map((span) => span.name)).toEqual([]);
    // The UL read hangs under UL's server span, which hangs under the gateway's fetch of UL.
    const byId = new Map(inTrace.map((span) => [span.spanContext().spanId, span]));
    const ancestors = (span: ReadableSpan): string[] => {
      const parent = byId.get(span.parentSpanContext?.spanId ?? '');
      return parent ? [parent.name, ...ancestors(parent)] : [];
    };
    const read = inTrace.find((span) => span.name === 'UL inventoryByCostCentres')!;
    expect(ancestors(read)).toEqual(expect.arrayContaining(['ul POST /graphql', 'subgraph ul']));
  });
});
