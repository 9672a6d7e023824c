import { readFileSync } from 'node:fs';
import { canonicalJson, type LoadResult, loadOperations, runLoad } from '@hub/ops/bench';
import { postGraphQL } from '../src/harness';
import { finished, hubProcess } from '../src/replicas';
import { REPLICATED_SERVICES, type ReplicatedHub, startReplicatedHub } from '../src/replicated-hub';

/*
 * `pnpm bench:replicas`: the bench's four operations under load (autocannon, 10 connections) through the
 * round-robin proxies, with one replica of every service, then two; req/s and p99 side by side, and each
 * service's CPU per request (from /proc), from which the throughput on N cores is projected. Caches off, as
 * the bench's main comparison: every request does its work. On this machine's 2 cores, shared with the
 * load generator and the proxies, a second replica adds processes, not cores: the gain is bounded.
 */

const CONNECTIONS = 10;
const DURATION_S = Number(process.env.HUB_REPLICAS_LOAD_S ?? 5);

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const serviceCpu = (hub: ReplicatedHub) =>
  Object.fromEntries(
    REPLICATED_SERVICES.map((s) => [
      s,
      hub.replicas[s].reduce((sum, r) => sum + cpuSeconds(r.child.pid!), 0),
    ]),
  ) as Record<string, number>;

interface Row {
  operation: string;
  result: LoadResult;
  /** CPU ms per request, by service. */
  cpuMs: Record<string, number>;
}

async function measure(hub: ReplicatedHub): Promise<Row[]> {
  const operations = await loadOperations(
    (query, variables, token) => postGraphQL(hub.gatewayUrl, query, variables, token),
    process.env,
  );
  const rows: Row[] = [];
  for (const operation of operations) {
    const body = JSON.stringify({ query: operation.query, variables: operation.variables });
    const headers = { 'content-type': 'application/json', ...operation.headers };
    const answer = await fetch(hub.gatewayUrl, { method: 'POST', headers, body });
    const expectedBody = await answer.text();
    const referenceData = canonicalJson(JSON.parse(expectedBody).data);
    const before = serviceCpu(hub);
    const result = await runLoad(
      { url: hub.gatewayUrl, body, headers, expectedBody, referenceData },
      { connections: CONNECTIONS, durationS: DURATION_S },
    );
    const after = serviceCpu(hub);
    const cpuMs = Object.fromEntries(
      REPLICATED_SERVICES.map((s) => [s, ((after[s]! - before[s]!) * 1000) / Math.max(1, result.sent)]),
    );
    rows.push({ operation: operation.name, result, cpuMs });
  }
  return rows;
}

async function main(): Promise<void> {
  const hub = await startReplicatedHub({ replicas: 1, responseCacheTtlSeconds: 0 });
  try {
    const sync = await finished(hubProcess(['inventory', 'sync'], hub.env));
    if (sync.code !== 0) throw new Error(`sync failed: ${sync.output}`);
    const one = await measure(hub);
    for (const service of REPLICATED_SERVICES) await hub.start(service);
    const two = await measure(hub);
    const fixed = (n: number, digits = 0) => n.toFixed(digits);
    console.log(
      `\n${CONNECTIONS} connections, ${DURATION_S} s per cell, caches off, ${process.env.HUB_REPLICAS_NOTE ?? 'shared machine: noisy'}\n`,
    );
    console.log(
      '| operation | 1× req/s | 1× p99 ms | 2× req/s | 2× p99 ms | wrong | CPU ms/request (1×): gateway, site, ul, cnrs, inrae, chru | projected req/s per core |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [i, row] of one.entries()) {
      const other = two[i]!;
      const total = Object.values(row.cpuMs).reduce((a, b) => a + b, 0);
      console.log(
        `| ${row.operation} | ${fixed(row.result.requests / row.result.durationS)} | ${fixed(row.result.p99Ms)} | ${fixed(other.result.requests / other.result.durationS)} | ${fixed(other.result.p99Ms)} | ${row.result.wrong + other.result.wrong} | ${['gateway', 'site', 'ul', 'cnrs', 'inrae', 'chru'].map((s) => fixed(row.cpuMs[s]!, 2)).join(', ')} | ${fixed(1000 / total)} |`,
      );
    }
  } finally {
    await hub.close();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
