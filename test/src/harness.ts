import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHRU_FIXTURE, startGmaoStandIn } from '@hub/connector-chru/testing';
import { CnrsConnector, type CnrsConnectorOptions, cnrsSqliteDatabase } from '@hub/connector-cnrs';
import { CNRS_FIXTURE } from '@hub/connector-cnrs/testing';
import { INRAE_FIXTURE } from '@hub/connector-inrae/testing';
import { UlConnector, type UlConnectorOptions, ulSqliteDatabase } from '@hub/connector-ul';
import { UL_FIXTURE } from '@hub/connector-ul/testing';
import { startGateway, type WebAppOptions } from '@hub/gateway';
import {
  SUPERGRAPH_PATH,
  TUTELLE_DESCRIPTORS,
  writeChruSources,
  writeCnrsSqlite,
  writeInraeExtractions,
  writeUlSqlite,
} from '@hub/ops';
import type { Tutelle } from '@hub/schema';
import type { QueryLimits, RunningServer } from '@hub/service-kit';
import type { SnapshotConnector, TutelleDescriptor } from '@hub/source-kit';
import { loadRegistry, parseRegistryFile, startSiteSubgraph } from '@hub/subgraph-site';
import { startTutelleSubgraph } from '@hub/tutelle-subgraph';

/** The platforms of the fixtures (registry of the site). */
/**
 * The gateway's wait for a subgraph in tests, set once: production's 10 s is what a steering indicator over the
 * demo takes on a machine loaded eight times over (issue 14's loaded run: `subgraph/site did not answer`), so
 * tests give the servers they start this one generous bound, as Jest's one timeout does; tests about timeouts
 * set their own short one.
 */
export const TEST_SUBGRAPH_TIMEOUT_MS = 60_000;

export const FIXTURE_REGISTRY = path.join(__dirname, '../fixtures/registry.yaml');

/** Nothing listens on port 1: UL's replica, down from the start. */
export const UNREACHABLE_UL: UlConnectorOptions = {
  database: { kind: 'postgresql', url: 'postgresql://hub@127.0.0.1:1/ul', timeoutMs: 2000 },
};

export interface GraphQLResponse<Data = Record<string, any>> {
  data?: Data | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

export interface Hub {
  gatewayUrl: string;
  /** The hub's temporary folder (the fixtures' replicas, the site's database): removed by `close()`. */
  dir: string;
  /** Each tutelle the hub runs, by subgraph name; `ul`, `cnrs`, `inrae`, `chru` below are undefined where not run. */
  tutelles: Map<string, RunningServer>;
  ul: RunningServer & { connector: UlConnector };
  cnrs: RunningServer & { connector: CnrsConnector };
  inrae: RunningServer & { connector: SnapshotConnector };
  chru: RunningServer & { connector: SnapshotConnector };
  site: Awaited<ReturnType<typeof startSiteSubgraph>>;
  gateway: RunningServer;
  query<Data = Record<string, any>>(
    query: string,
    options?: {
      variables?: Record<string, unknown>;
      token?: string;
      url?: string;
      headers?: Record<string, string>;
    },
  ): Promise<GraphQLResponse<Data> & { status: number }>;
  close(): Promise<void>;
}

export interface HubOptions {
  /** The tutelles this hub runs (HUB_TUTELLES): every registered one by default; the others are absent. */
  tutelles?: Tutelle[];
  /** The site's platforms: the fixtures' registry by default. */
  registryFile?: string;
  /** UL's replica and reading options: its fixture as SQLite (UL_FIXTURE) unless a `database` is given. */
  ul?: Partial<UlConnectorOptions>;
  cnrs?: CnrsConnectorOptions;
  /** The gateway's query limits, where a test needs others than the defaults. */
  limits?: QueryLimits;
  /** Subgraphs the gateway must find elsewhere than where the harness started them (a hung one, say). */
  subgraphUrls?: Record<string, string>;
  /** How long the gateway waits for one subgraph fetch; TEST_SUBGRAPH_TIMEOUT_MS unless a test times one out. */
  subgraphTimeoutMs?: number;
  /** A supergraph file of the test's own (to rewrite it, say); the committed one by default. */
  supergraphPath?: string;
  redisUrl?: string;
  /** INRAE's extraction folder, and the CHRU's exports and GMAO items (the demo's, say); the fixtures otherwise. */
  inraeFolder?: string;
  chru?: { exportsFolder: string; gmaoItems: unknown[] };
  /** A tariff policy file of the test's own; the committed default otherwise. */
  tariffPolicy?: string;
  /** How long the site keeps tariff cost bases; off unless a test is about it. */
  tariffCacheTtlSeconds?: number;
  /** The gateway's response cache; off unless a test is about it (its other scenarios change sources mid-test). */
  responseCache?: { ttlSeconds: number };
  /** Every tutelle subgraph's read cache (Redis at `redisUrl` when given); off unless a test is about it. */
  readCache?: { ttlSeconds: number };
  /** Gateway retries of a failed subgraph query. */
  subgraphRetries?: number;
  /** Origins whose browser applications may call the gateway (HUB_CORS_ORIGINS); none by default. */
  corsOrigins?: string[];
  /** The site's interface at `/` (the built gateway/web); none unless a test drives a browser. */
  web?: WebAppOptions;
}

/**
 * The whole hub on disposable ports: site (SQLite in a temporary folder, loaded from a registry file), each
 * tutelle over the given source (over its hand-built fixture unless told otherwise), and the gateway
 * over the committed supergraph, talking real HTTP. Always `close()`.
 */
export async function startSubgraphsAndGateway(options: HubOptions = {}): Promise<Hub> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  const readCache = options.readCache
    ? { ...options.readCache, ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}) }
    : false;
  const started: RunningServer[] = [];
  const run = new Set(options.tutelles ?? TUTELLE_DESCRIPTORS.map((d) => d.tutelle));
  try {
    // Each tutelle run over its fixture (or the test's own source), in the registry's order.
    const tutelles = new Map<string, RunningServer>();
    for (const descriptor of TUTELLE_DESCRIPTORS.filter((d) => run.has(d.tutelle))) {
      const source = FIXTURE_SOURCES[descriptor.tutelle] ?? sampleSource(descriptor);
      const connector = await descriptor.connect(await source(options, dir, started));
      const server = await startTutelleSubgraph({ connector, port: 0, readCache });
      started.push(server);
      tutelles.set(descriptor.name, server);
    }
    const urls = Object.fromEntries([...tutelles].map(([name, server]) => [name, server.url]));
    // The site reads the tutelles' subgraphs (inventory, tariffs): it starts once they answer.
    const site = await startSiteSubgraph({
      database: { kind: 'sqlite', file: path.join(dir, 'site.sqlite') },
      tutelleSubgraphs: Object.fromEntries(
        TUTELLE_DESCRIPTORS.filter((d) => run.has(d.tutelle)).map((d) => [d.tutelle, urls[d.name]]),
      ),
      tutelles: [...run],
      ...(options.tariffPolicy ? { tariffPolicy: options.tariffPolicy } : {}),
      ...(options.tariffCacheTtlSeconds ? { tariffCacheTtlSeconds: options.tariffCacheTtlSeconds } : {}),
      port: 0,
    });
    started.push(site);
    await loadRegistry(
      site.orm.em.fork(),
      parseRegistryFile(readFileSync(options.registryFile ?? FIXTURE_REGISTRY, 'utf8')),
    );
    const gateway = await startGateway({
      supergraphPath: options.supergraphPath ?? SUPERGRAPH_PATH,
      port: 0,
      ...(options.limits ? { limits: options.limits } : {}),
      subgraphUrls: { site: site.url, ...urls, ...options.subgraphUrls },
      absentSubgraphs: TUTELLE_DESCRIPTORS.filter((d) => !run.has(d.tutelle)).map((d) => d.name),
      subgraphTimeoutMs: options.subgraphTimeoutMs ?? TEST_SUBGRAPH_TIMEOUT_MS,
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      ...(options.subgraphRetries !== undefined ? { subgraphRetries: options.subgraphRetries } : {}),
      responseCache: options.responseCache ?? false,
      ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
      ...(options.web ? { web: options.web } : {}),
    });
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      dir,
      ...(Object.fromEntries(tutelles) as Pick<Hub, 'ul' | 'cnrs' | 'inrae' | 'chru'>),
      tutelles,
      site,
      gateway,
      query: (query, { variables, token, url, headers } = {}) =>
        postGraphQL(url ?? gateway.url, query, variables, token, headers),
      close: async () => {
        for (const server of started.reverse()) await server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const server of started.reverse()) await server.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Where a tutelle's source comes from in a test: its options, its stand-ins added to `started`. */
type FixtureSource = (options: HubOptions, dir: string, started: RunningServer[]) => Promise<unknown>;

/** The four tutelles' hand-built fixtures (test/fixtures), written as their sources, unless a test gives its own. */
const FIXTURE_SOURCES: Partial<Record<Tutelle, FixtureSource>> = {
  UL: async (options, dir) => {
    if (!options.ul?.database) writeUlSqlite(UL_FIXTURE, path.join(dir, 'ul'));
    return { ...options.ul, database: options.ul?.database ?? ulSqliteDatabase(path.join(dir, 'ul')) };
  },
  CNRS: async (options, dir) => {
    if (options.cnrs) return options.cnrs;
    writeCnrsSqlite(CNRS_FIXTURE, path.join(dir, 'cnrs'));
    return { database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) };
  },
  INRAE: async (options, dir) => {
    if (options.inraeFolder) return { folder: options.inraeFolder };
    await writeInraeExtractions(INRAE_FIXTURE, path.join(dir, 'inrae'), '2026-10-31');
    return { folder: path.join(dir, 'inrae') };
  },
  CHRU: async (options, dir, started) => {
    if (!options.chru) await writeChruSources(CHRU_FIXTURE, path.join(dir, 'chru'));
    const gmao = await startGmaoStandIn({
      items: (options.chru?.gmaoItems ?? CHRU_FIXTURE.equipements) as typeof CHRU_FIXTURE.equipements,
      token: 'test-token',
    });
    started.push({ name: 'gmao', url: gmao.url, port: 0, close: () => gmao.close() });
    return {
      gmao: { baseUrl: gmao.url, token: 'test-token' },
      exportsFolder: options.chru?.exportsFolder ?? path.join(dir, 'chru'),
    };
  },
};

/** Any other registered tutelle: the sample source its connector's package ships. */
function sampleSource(descriptor: TutelleDescriptor): FixtureSource {
  return async (_options, dir) => {
    if (!descriptor.sample) throw new Error(`${descriptor.tutelle} has no fixture here and no sample source`);
    return descriptor.sample(path.join(dir, descriptor.name));
  };
}

export async function postGraphQL<Data = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as GraphQLResponse<Data>), status: response.status };
}
