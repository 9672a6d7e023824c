import { GATEWAYS, type GatewayKind } from './gateways';
import type { BenchReport, BenchRow } from './suite';

/*
 * The suite's table (Markdown: printed, and written beside the JSON of the run) and the targets
 * checked on it: the hub with caches off ≥ 2 × Hive without deduplication, the hub in production ≥ 1.5 ×
 * Hive with it, on every operation (issue 20); p99 under 1 s and within 2 × p50 at 50 connections; gateway
 * peak RSS ≤ 300 MB.
 */

const round = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** Each connection count's columns, after its `req/s c=N`. */
const COLUMNS = [
  'req/s',
  'p50 ms',
  'p99 ms',
  'peak RSS MB',
  'gateway CPU ms/req',
  'minor faults/req',
  'GC ms/req',
  'allocated KB/req',
  'answer KB',
  'subgraph req/req',
  'source reads/req',
];

function cells(row: BenchRow | undefined): string[] {
  if (!row) return Array(COLUMNS.length).fill('');
  if (row.problem) return [`WRONG: ${row.problem}`, ...Array(COLUMNS.length - 1).fill('')];
  const [low, high] = row.rpsSpread;
  return [
    low === high ? round(row.rps) : `${round(row.rps)} (${round(low)}-${round(high)})`,
    round(row.p50Ms, 1),
    row.timeouts ? `> 10000 (${row.timeouts} timeouts)` : round(row.p99Ms),
    round(row.peakRssMb),
    round(row.gatewayCpuMsPerRequest, 2),
    round(row.minorFaultsPerRequest, 1),
    round(row.gcMsPerRequest, 2),
    round(row.allocatedBytesPerRequest / 1024),
    round(row.answerBytes / 1024, 1),
    round(row.subgraphRequestsPerRequest, 2),
    round(row.sourceReadsPerRequest, 2),
  ];
}

export function markdownTable(report: BenchReport): string {
  const { scales, connections, gateways } = report.options;
  const lines: string[] = [];
  for (const scale of scales) {
    lines.push(`### Demo site ×${scale}`, '');
    const header = ['operation', 'gateway'];
    for (const c of connections) header.push(`req/s c=${c}`, ...COLUMNS.slice(1));
    lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`);
    for (const operation of report.operations) {
      for (const gateway of gateways) {
        const row = [operation.name, GATEWAYS[gateway].label];
        for (const c of connections)
          row.push(
            ...cells(
              report.rows.find(
                (r) =>
                  r.scale === scale &&
                  r.connections === c &&
                  r.gateway === gateway &&
                  r.operation === operation.name,
              ),
            ),
          );
        lines.push(`| ${row.join(' | ')} |`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

export interface TargetCheck {
  target: string;
  met: boolean;
  detail: string;
}

/** The targets, each checked on every operation, scale and connection count where both ran. */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const rows = report.rows;
  const find = (like: BenchRow, gateway: GatewayKind) =>
    rows.find(
      (r) =>
        r.gateway === gateway &&
        r.scale === like.scale &&
        r.connections === like.connections &&
        r.operation === like.operation,
    );
  const ratio = (ours: GatewayKind, theirs: GatewayKind, factor: number, target: string): TargetCheck[] =>
    rows
      .filter((r) => r.gateway === ours)
      .flatMap((r) => {
        const other = find(r, theirs);
        if (!other) return [];
        const met = !r.problem && !other.problem && r.rps >= factor * other.rps;
        return [
          {
            target,
            met,
            detail: `×${r.scale} c=${r.connections} ${r.operation}: ${round(r.rps)} vs ${round(other.rps)} req/s (${round(r.rps / other.rps, 2)}×)`,
          },
        ];
      });
  return [
    ...ratio('hub-no-cache', 'hive-no-dedup', 2, 'hub, caches off ≥ 2 × Hive, no dedup'),
    ...ratio('hub', 'hive', 1.5, 'hub, production ≥ 1.5 × Hive, dedup'),
    ...rows
      .filter((r) => r.gateway === 'hub' && r.connections === 50)
      .map((r) => ({
        target: 'hub p99 < 1 s at 50 connections',
        met: !r.problem && !r.timeouts && r.p99Ms < 1000,
        detail: `×${r.scale} ${r.operation}: p99 ${round(r.p99Ms)} ms`,
      })),
    ...rows
      .filter((r) => r.gateway === 'hub' && r.connections === 50)
      .map((r) => ({
        target: 'hub p99 ≤ 2 × p50 at 50 connections',
        met: !r.problem && !r.timeouts && r.p99Ms <= 2 * r.p50Ms,
        detail: `×${r.scale} ${r.operation}: p50 ${round(r.p50Ms, 1)} ms, p99 ${round(r.p99Ms)} ms`,
      })),
    ...rows
      .filter((r) => r.gateway === 'hub' || r.gateway === 'hub-no-cache')
      .map((r) => ({
        target: 'hub peak RSS ≤ 300 MB',
        met: r.peakRssMb <= 300,
        detail: `×${r.scale} c=${r.connections} ${r.operation} ${r.gateway}: ${round(r.peakRssMb)} MB`,
      })),
  ];
}

export function markdownReport(report: BenchReport): string {
  const checks = checkTargets(report);
  const missed = checks.filter((c) => !c.met);
  const o = report.options;
  return [
    `Run of ${report.startedAt}: scales ${o.scales.join(', ')}, connections ${o.connections.join(', ')}, ` +
      `${o.rounds} round(s) of ${o.durationS} s per cell after ${o.warmupS} s of warm-up, ` +
      `${o.pin ? 'gateway pinned alone on CPU 0, subgraphs and load generator on CPU 1' : 'NOT pinned'}; ` +
      `${report.totalS} s in all.`,
    '',
    ...report.operations.map(
      (op) => `- \`${op.name}\` (${op.who}): variables \`${JSON.stringify(op.variables)}\``,
    ),
    '',
    markdownTable(report),
    ...report.failures.map((f) => `**Not finished**: ${f}\n`),
    `Targets: ${checks.length - missed.length} of ${checks.length} met.`,
    ...missed.map((c) => `- missed: ${c.target}: ${c.detail}`),
    '',
  ].join('\n');
}
