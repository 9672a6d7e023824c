import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SUPERGRAPH_PATH } from '../supergraph';
import { GATEWAYS, type GatewayKind } from './gateways';
import type { GcTotals } from './gc-meter';
import { type LoadResult, runLoad } from './load';
import { type Ask, type BenchOperation, canonicalJson, loadOperations, wrongAnswer } from './operations';
import { type BenchChild, canPin, GATEWAY_CPU, LOAD_CPU, pinSelf, startChild } from './processes';
import type { HostCounters, HostReady } from './subgraphs-host';

/*
 * The suite: for each scale of the demo site, the subgraphs (with the load generator) on one core and each
 * gateway under test alone on the other, all over one supergraph; each round in fresh gateway processes,
 * the operations verified on every gateway, then loaded through each in turn: warm-up discarded, gateways
 * alternated within each round.
 */

export interface BenchOptions {
  scales: number[];
  connections: number[];
  /** Measured seconds per gateway, operation, connection count and round. */
  durationS: number;
  /** Seconds of load before each measurement, discarded. */
  warmupS: number;
  /** Rounds of every gateway in turn, each in fresh processes: throughput their mean (and spread), the rest added up. */
  rounds: number;
  gateways: GatewayKind[];
  /** The operations to load, by name; all when not given (to profile one, say). */
  operations?: string[];
  /** Where the demo data of each scale is kept (generated the first time). */
  dataDir: string;
  seed: number;
  /** Pin gateways and the rest to separate cores (taskset); without it, figures are only indicative. */
  pin: boolean;
  log: (line: string) => void;
}

export interface BenchRow {
  scale: number;
  connections: number;
  gateway: GatewayKind;
  operation: string;
  requests: number;
  /** The mean of the rounds' throughputs, each in fresh gateway processes. */
  rps: number;
  /** The lowest and highest of the rounds' throughputs. */
  rpsSpread: [number, number];
  p50Ms: number;
  p99Ms: number;
  /** Requests not answered within 10 s (not in p99). */
  timeouts: number;
  peakRssMb: number;
  /** The gateway's own CPU time per request: what it costs whatever the subgraphs' speed. */
  gatewayCpuMsPerRequest: number;
  /** The gateway's minor page faults per request: fresh memory its answers cost. */
  minorFaultsPerRequest: number;
  /** The gateway's garbage collection time per request (gc-meter.ts). */
  gcMsPerRequest: number;
  /** Bytes the gateway allocated on its heap per request (gc-meter.ts). */
  allocatedBytesPerRequest: number;
  /** The answer's size on the wire, body only. */
  answerBytes: number;
  subgraphRequestsPerRequest: number;
  sourceReadsPerRequest: number;
  /** Why the measurement does not count (a wrong answer), or null. */
  problem: string | null;
}

export interface BenchReport {
  options: Omit<BenchOptions, 'log'>;
  startedAt: string;
  totalS: number;
  operations: Array<{ name: string; who: string; variables: Record<string, unknown> }>;
  rows: BenchRow[];
  /** Scales the run could not finish, and why: their cells measured so far are in `rows`. */
  failures: string[];
}

/** The environment of every process of the suite: production mode, its own keys. */
export const BENCH_ENV = {
  NODE_ENV: 'production',
  HUB_JWT_SECRET: 'bench-jwt-key-local-only',
  HUB_GATEWAY_SECRET: 'bench-gateway-key-local-only',
} as const;

/** Roughly how long a run takes: the measurements (load, counters, drain) and start-up at each scale. */
export function estimatedSeconds(options: BenchOptions, operations = 4): number {
  const measurements = options.connections.length * options.rounds * operations * options.gateways.length;
  const load = measurements * (options.durationS + options.warmupS + 2);
  // The subgraphs' start-up once per scale, the gateways' once per round.
  return options.scales.reduce((total, scale) => total + load + 30 + 6 * scale + 15 * options.rounds, 0);
}

const ask =
  (url: string): Ask =>
  async (query, variables, token) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  };

interface Counted {
  subgraphRequests: number;
  sourceReads: number;
}

async function counters(host: HostReady): Promise<Counted> {
  const response = await fetch(host.countersUrl);
  if (!response.ok) throw new Error(await response.text());
  const body = (await response.json()) as HostCounters;
  return {
    subgraphRequests: body.subgraphRequests,
    sourceReads: Object.values(body.sourceReads).reduce((a, b) => a + b, 0),
  };
}

/** The counters once the gateway's work for requests the load generator gave up on has drained. */
async function settledCounters(host: HostReady): Promise<Counted> {
  let last = await counters(host);
  for (let i = 0; i < 60; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await counters(host);
    if (next.subgraphRequests === last.subgraphRequests && next.sourceReads === last.sourceReads) return next;
    last = next;
  }
  return last;
}

/** The committed supergraph with the subgraphs where the suite started them: the same file for every gateway. */
function writeSupergraph(file: string, subgraphs: Record<string, string>): void {
  const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8').replace(
    /@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g,
    (whole, name: string) =>
      subgraphs[name] ? `@join__graph(name: "${name}", url: "${subgraphs[name]}")` : whole,
  );
  writeFileSync(file, sdl);
}

interface Verified {
  operation: BenchOperation;
  body: string;
  referenceData: string;
  /** Per gateway: its answer as it sent it, or why it is wrong. */
  answers: Map<GatewayKind, { body: string } | { problem: string }>;
}

/** Every operation asked once of every gateway, checked against the reference gateway's answer. */
async function verify(
  operations: BenchOperation[],
  gateways: Map<GatewayKind, BenchChild<{ url: string }>>,
): Promise<Verified[]> {
  const reference = gateways.get('apollo') ?? [...gateways.values()][0]!;
  const verified: Verified[] = [];
  for (const operation of operations) {
    const body = JSON.stringify({ query: operation.query, variables: operation.variables });
    const post = async (url: string) =>
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...operation.headers },
          body,
        })
      ).text();
    const referenceAnswer = JSON.parse(await post(reference.ready.url));
    const empty = referenceAnswer.data ? operation.emptiness(referenceAnswer.data) : 'no data';
    if (referenceAnswer.errors?.length || empty)
      throw new Error(
        `${operation.name}: the reference gateway (${reference.name}) gives no real answer: ${
          empty ?? JSON.stringify(referenceAnswer.errors).slice(0, 500)
        }`,
      );
    const referenceData = canonicalJson(referenceAnswer.data);
    const answers = new Map<GatewayKind, { body: string } | { problem: string }>();
    for (const [kind, gateway] of gateways) {
      const text = await post(gateway.ready.url);
      const problem = wrongAnswer(JSON.parse(text), referenceData);
      answers.set(kind, problem ? { problem } : { body: text });
    }
    verified.push({ operation, body, referenceData, answers });
  }
  return verified;
}

/** One gateway's measurements of one operation at one connection count, over the rounds. */
interface Cell {
  requests: number;
  /** Requests sent, answered or not: the denominator of the work per request. */
  sent: number;
  /** Each round's throughput, in its own fresh processes. */
  roundsRps: number[];
  /** Median latencies weighted by requests: their mean over the rounds. */
  p50Sum: number;
  /** The worst of the rounds. */
  p99Ms: number;
  peakRssMb: number;
  timeouts: number;
  cpuSeconds: number;
  minorFaults: number;
  gcMs: number;
  allocatedBytes: number;
  answerBytes: number;
  subgraphRequests: number;
  sourceReads: number;
  problem: string | null;
}

/** What may make a tail of latency inside the gateway during a measurement: its event loop held up, its longest collection. */
const insideTheGateway = (gc: GcTotals) =>
  ` (gateway: event loop delay p99 ${gc.loopDelayP99Ms.toFixed(1)} ms, max ${gc.loopDelayMaxMs.toFixed(1)} ms; longest GC ${gc.longestGcMs.toFixed(1)} ms ${gc.longestGcKind}, ${gc.fullGcs} full, heap after GC ${Math.round(gc.heapAfterGcMb)} MB)`;

const newCell = (answer: { body: string } | { problem: string }): Cell => ({
  requests: 0,
  sent: 0,
  roundsRps: [],
  p50Sum: 0,
  p99Ms: 0,
  peakRssMb: 0,
  timeouts: 0,
  cpuSeconds: 0,
  minorFaults: 0,
  gcMs: 0,
  allocatedBytes: 0,
  answerBytes: 'body' in answer ? Buffer.byteLength(answer.body) : 0,
  subgraphRequests: 0,
  sourceReads: 0,
  problem: 'problem' in answer ? answer.problem : null,
});

/** The gateways under test, each in a fresh process of its own, over the supergraph file. */
async function startGateways(
  options: BenchOptions,
  supergraph: string,
  gateways: Map<GatewayKind, BenchChild<{ url: string }>>,
): Promise<void> {
  const started = await Promise.allSettled(
    options.gateways.map((kind) =>
      startChild<{ url: string }>(kind, 'gateway-process.ts', [kind, supergraph], {
        cpu: options.pin ? GATEWAY_CPU : null,
        env: BENCH_ENV,
        nodeArgs: GATEWAYS[kind].nodeArgs,
        gcMeter: true,
      }),
    ),
  );
  for (const [i, result] of started.entries())
    if (result.status === 'fulfilled') gateways.set(options.gateways[i]!, result.value);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** A cell's row: its figures added up over the rounds, its throughput the mean of the rounds' with their spread. */
function rowOf(
  scale: number,
  connections: number,
  gateway: GatewayKind,
  operation: string,
  cell: Cell,
): BenchRow {
  const per = (n: number) => (cell.sent ? n / cell.sent : 0);
  const rounds = cell.roundsRps;
  return {
    scale,
    connections,
    gateway,
    operation,
    requests: cell.requests,
    rps: rounds.length ? rounds.reduce((a, b) => a + b, 0) / rounds.length : 0,
    rpsSpread: rounds.length ? [Math.min(...rounds), Math.max(...rounds)] : [0, 0],
    p50Ms: cell.requests ? cell.p50Sum / cell.requests : 0,
    p99Ms: cell.p99Ms,
    timeouts: cell.timeouts,
    peakRssMb: cell.peakRssMb,
    gatewayCpuMsPerRequest: per(cell.cpuSeconds * 1000),
    minorFaultsPerRequest: per(cell.minorFaults),
    gcMsPerRequest: per(cell.gcMs),
    allocatedBytesPerRequest: per(cell.allocatedBytes),
    answerBytes: cell.answerBytes,
    subgraphRequestsPerRequest: per(cell.subgraphRequests),
    sourceReadsPerRequest: per(cell.sourceReads),
    problem: cell.problem,
  };
}

/**
 * One scale: start the subgraphs; then each round in fresh gateway processes (a process's level is not the
 * next one's: issue 20 saw 341-1,541 req/s from one start to the next), each answer verified, each cell
 * loaded in turn after a warm-up; stop everything.
 */
async function runScale(
  scale: number,
  options: BenchOptions,
  /** Where the cells go once measured, whatever fails later. */
  rows: BenchRow[],
  /** The operations, with the variables picked for this scale. */
  operations: BenchOperation[],
): Promise<void> {
  const dir = path.join(options.dataDir, `x${scale}`);
  mkdirSync(dir, { recursive: true });
  options.log(`×${scale}: starting the subgraphs on the demo site (${dir})…`);
  const host = await startChild<HostReady>(
    'subgraphs',
    'subgraphs-host.ts',
    [dir, String(scale), String(options.seed)],
    {
      cpu: options.pin ? LOAD_CPU : null,
      env: { ...BENCH_ENV, LOG_LEVEL: 'warn' },
      timeoutMs: 600_000,
    },
  );
  /** Per connection count, operation and gateway (`c|operation|gateway`). */
  const cells = new Map<
    string,
    { connections: number; operation: string; gateway: GatewayKind; cell: Cell }
  >();
  try {
    const supergraph = path.join(dir, 'supergraph.graphql');
    writeSupergraph(supergraph, host.ready.subgraphs);
    for (let round = 0; round < options.rounds; round++) {
      options.log(
        `×${scale} round ${round + 1}: starting ${options.gateways.map((kind) => GATEWAYS[kind].label).join(', ')}…`,
      );
      const gateways = new Map<GatewayKind, BenchChild<{ url: string }>>();
      try {
        await startGateways(options, supergraph, gateways);
        if (round === 0) {
          const first = [...gateways.values()][0]!;
          const loaded = await loadOperations(ask(first.ready.url), { ...process.env, ...BENCH_ENV });
          const unknown = (options.operations ?? []).filter((name) => !loaded.some((o) => o.name === name));
          if (unknown.length)
            throw new Error(
              `unknown operations ${unknown.join(', ')}: ${loaded.map((o) => o.name).join(', ')}`,
            );
          operations.splice(
            0,
            operations.length,
            ...loaded.filter((o) => !options.operations || options.operations.includes(o.name)),
          );
        }
        const verified = await verify(operations, gateways);
        for (const connections of options.connections)
          for (const [index, check] of verified.entries())
            await measureCell(scale, connections, round, index, check, options, host, gateways, cells);
      } finally {
        for (const gateway of gateways.values()) await gateway.stop();
      }
    }
  } finally {
    for (const { connections, operation, gateway, cell } of cells.values())
      rows.push(rowOf(scale, connections, gateway, operation, cell));
    await host.stop();
  }
}

/** One operation at one connection count, through each gateway in turn (alternated between rounds). */
async function measureCell(
  scale: number,
  connections: number,
  round: number,
  index: number,
  check: Verified,
  options: BenchOptions,
  host: BenchChild<HostReady>,
  gateways: Map<GatewayKind, BenchChild<{ url: string }>>,
  cells: Map<string, { connections: number; operation: string; gateway: GatewayKind; cell: Cell }>,
): Promise<void> {
  // Alternate: each round (and each operation) starts with another gateway.
  const order = options.gateways.map(
    (_, i) => options.gateways[(i + round + index) % options.gateways.length]!,
  );
  for (const kind of order) {
    const answer = check.answers.get(kind)!;
    const key = `${connections}|${check.operation.name}|${kind}`;
    const cell =
      cells.get(key)?.cell ??
      cells
        .set(key, { connections, operation: check.operation.name, gateway: kind, cell: newCell(answer) })
        .get(key)!.cell;
    if ('problem' in answer) {
      cell.problem ??= answer.problem;
      continue;
    }
    const gateway = gateways.get(kind)!;
    const gone = host.exited() ?? gateway.exited();
    if (gone) {
      cell.problem = gone;
      if (host.exited()) throw new Error(gone);
      continue;
    }
    const target = {
      url: gateway.ready.url,
      body: check.body,
      headers: check.operation.headers,
      expectedBody: answer.body,
      referenceData: check.referenceData,
    };
    gateway.resetPeakRss();
    let measured: {
      result: LoadResult;
      before: Counted;
      after: Counted;
      cpuBefore: number;
      faultsBefore: number;
      gcBefore: GcTotals | null;
      gcAfter: GcTotals | null;
    };
    try {
      // Warm-up before each measurement of a fresh process's first cell of an operation: the JIT at work.
      if (options.warmupS > 0) await runLoad(target, { connections, durationS: options.warmupS });
      const before = await settledCounters(host.ready);
      const cpuBefore = gateway.cpuSeconds();
      const faultsBefore = gateway.minorFaults();
      const gcBefore = await gateway.gcTotals();
      const result = await runLoad(target, { connections, durationS: options.durationS });
      const gcAfter = await gateway.gcTotals();
      const after = await settledCounters(host.ready);
      measured = { result, before, after, cpuBefore, faultsBefore, gcBefore, gcAfter };
    } catch (error) {
      // Give a process that died the time to be seen dead, then say which.
      await new Promise((resolve) => setTimeout(resolve, 500));
      cell.problem =
        host.exited() ??
        gateway.exited() ??
        `measurement failed: ${(error as Error).message} ${((error as Error).cause as Error | undefined)?.message ?? ''}`;
      options.log(`×${scale} c=${connections} ${check.operation.name} ${kind}: ${cell.problem}`);
      if (host.exited()) throw new Error(cell.problem);
      continue;
    }
    const { result, before, after, cpuBefore, faultsBefore, gcBefore, gcAfter } = measured;
    cell.cpuSeconds += gateway.cpuSeconds() - cpuBefore;
    cell.minorFaults += gateway.minorFaults() - faultsBefore;
    if (gcBefore && gcAfter) {
      cell.gcMs += gcAfter.gcMs - gcBefore.gcMs;
      cell.allocatedBytes += gcAfter.allocatedBytes - gcBefore.allocatedBytes;
    }
    cell.requests += result.requests;
    cell.timeouts += result.timeouts;
    cell.sent += result.sent;
    cell.roundsRps.push(result.durationS ? result.requests / result.durationS : 0);
    cell.p50Sum += result.p50Ms * result.requests;
    cell.p99Ms = Math.max(cell.p99Ms, result.p99Ms);
    cell.peakRssMb = Math.max(cell.peakRssMb, gateway.peakRssMb());
    cell.subgraphRequests += after.subgraphRequests - before.subgraphRequests;
    cell.sourceReads += after.sourceReads - before.sourceReads;
    if (result.wrong > 0)
      cell.problem = `${result.wrong} wrong answers or broken connections among ${result.sent} requests sent under load (first: ${result.firstWrong})`;
    options.log(
      `×${scale} c=${connections} ${check.operation.name} ${kind}: ${Math.round(result.requests / result.durationS)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${Math.round(result.p99Ms)} ms${result.wrong ? `, ${result.wrong} WRONG` : ''}${gcAfter ? insideTheGateway(gcAfter) : ''}`,
    );
  }
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  if (options.pin && !canPin()) {
    options.log('taskset is not available here: processes are not pinned, figures are indicative only');
    options = { ...options, pin: false };
  }
  if (options.pin) pinSelf(LOAD_CPU);
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  const operations: BenchOperation[] = [];
  for (const scale of options.scales) {
    try {
      await runScale(scale, options, rows, operations);
    } catch (error) {
      failures.push(`×${scale}: ${(error as Error).message}`);
      options.log(`×${scale} stopped: ${(error as Error).message}`);
    }
  }
  const { log: _log, ...recorded } = options;
  return {
    options: recorded,
    startedAt,
    totalS: Math.round((performance.now() - started) / 1000),
    operations: operations.map((o) => ({ name: o.name, who: o.who, variables: o.variables })),
    rows,
    failures,
  };
}
