import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SqlSource } from '@hub/connector-sql';
import type { RunningServer } from '@hub/service-kit';
import type { startSiteSubgraph } from '@hub/subgraph-site';
import { loadConfig } from '../config';
import { prepareDemo, startOnFreePorts } from '../services';
import { reportReady } from './processes';

/*
 * The suite's subgraphs (a child process, on the load generator's core): the demo site at one scale, its
 * five subgraphs over their demo sources and the GMAO stand-in, and what the gateways under test cost them,
 * on GET /counters: GraphQL requests the subgraphs answered, and reads of each source.
 *
 *   node --import tsx subgraphs-host.ts <data dir> <scale> <seed>
 */

export interface HostCounters {
  /** GraphQL operations the five subgraphs answered. */
  subgraphRequests: number;
  /** Reads per source: SQL statements (registry, UL, CNRS), whole reads (INRAE's workbook, the CHRU's API). */
  sourceReads: Record<string, number>;
}

export interface HostReady {
  subgraphs: Record<string, string>;
  countersUrl: string;
}

type SqlTutelle = RunningServer & { connector: { source: SqlSource } };
type WholeReadTutelle = RunningServer & { connector: { readCount: number; snapshot(): Promise<unknown> } };
type SiteServer = Awaited<ReturnType<typeof startSiteSubgraph>>;

/** The requests a service's /metrics says it answered (hub_graphql_requests_total, every label). */
async function answered(graphqlUrl: string): Promise<number> {
  const metrics = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'), {
    headers: { authorization: `Bearer ${process.env.HUB_METRICS_TOKEN}` },
  });
  const text = await metrics.text();
  let total = 0;
  for (const match of text.matchAll(/^hub_graphql_requests_total\{[^}]*\} (\d+(?:\.\d+)?)$/gm))
    total += Number(match[1]);
  return total;
}

async function main(): Promise<void> {
  const [dataDir, scale = '1', seed = '42'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: subgraphs-host <data dir> <scale> <seed>');
  // Free ports (other engineers run the hub on the fixed ones); snapshots kept for the whole run, so that a
  // re-read of INRAE's workbook or the CHRU's API lands on no gateway's measurement.
  // The subgraphs run in production mode, where /metrics answers a scraper's token only: this host's own.
  process.env.HUB_METRICS_TOKEN ??= randomBytes(16).toString('hex');
  const env = {
    ...process.env,
    HUB_DATA_DIR: dataDir,
    HUB_INRAE_MAX_AGE_MS: String(3_600_000),
    HUB_CHRU_MAX_AGE_MS: String(3_600_000),
    // The subgraphs run as in production, read caches included (60 s for the SQL replicas, none for the
    // sources read whole), and serve every gateway under test alike: what differs is the gateways' doing.
  };
  const config = loadConfig(env);
  await prepareDemo(config, { scale: Number(scale), seed: Number(seed) });
  const services = await startOnFreePorts(config);
  // No gateway of ours here: the suite starts each gateway under test against these subgraphs.
  await services.get('gateway')!.close();
  services.delete('gateway');
  const running = [...services.values()];
  const [ul, cnrs, inrae, chru] = ['ul', 'cnrs', 'inrae', 'chru'].map((name) => services.get(name)) as [
    SqlTutelle,
    SqlTutelle,
    WholeReadTutelle,
    WholeReadTutelle,
  ];
  const site = services.get('site') as SiteServer;
  const tutelles = { ul: ul.url, cnrs: cnrs.url, inrae: inrae.url, chru: chru.url };
  // Read the whole-read sources now: the first request must not pay the CHRU API's rate limit.
  await Promise.all([inrae.connector.snapshot(), chru.connector.snapshot()]);
  // The site-wide inventory the steering committee's and central services' operations read.
  await site.inventory.sync();
  let registryStatements = 0;
  site.orm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      registryStatements += 1;
    });
  const subgraphs = { site: site.url, ...tutelles };

  const counters = http.createServer(async (_req, res) => {
    let requests: number[];
    try {
      requests = await Promise.all(Object.values(subgraphs).map(answered));
    } catch (error) {
      // A subgraph too busy to answer its /metrics: that measurement cannot be counted, the next may.
      res.statusCode = 503;
      res.end(`counters unavailable: ${(error as Error).message}`);
      return;
    }
    const body: HostCounters = {
      subgraphRequests: requests.reduce((a, b) => a + b, 0),
      sourceReads: {
        'site/registry': registryStatements,
        [ul.connector.source.name]: ul.connector.source.statementCount,
        [cnrs.connector.source.name]: cnrs.connector.source.statementCount,
        'INRAE/extractions': inrae.connector.readCount,
        'CHRU/gmao+exports': chru.connector.readCount,
      },
    };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => counters.listen(0, '127.0.0.1', resolve));
  const { port } = counters.address() as AddressInfo;

  const stop = async () => {
    counters.close();
    for (const server of running.reverse()) await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  reportReady({ subgraphs, countersUrl: `http://127.0.0.1:${port}/counters` } satisfies HostReady);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
