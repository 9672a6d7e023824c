import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectChru } from '@hub/connector-chru';
import { CnrsConnector, type CnrsConnectorOptions } from '@hub/connector-cnrs';
import { connectInrae } from '@hub/connector-inrae';
import type { SnapshotConnector } from '@hub/connector-kit';
import { UlConnector, type UlConnectorOptions } from '@hub/connector-ul';
import { startGateway, type WebAppOptions } from '@hub/gateway';
import {
  SUPERGRAPH_PATH,
  writeChruSources,
  writeCnrsSqlite,
  writeInraeExtractions,
  writeUlSqlite,
} from '@hub/ops';
import { startGmaoStandIn } from '@hub/ops/standins';
import { cnrsSqliteDatabase } from '@hub/subgraph-cnrs';
import type { QueryLimits, RunningServer } from '@hub/subgraph-kit';
import { loadRegistry, parseRegistryFile, startSiteSubgraph } from '@hub/subgraph-site';
import { ulSqliteDatabase } from '@hub/subgraph-ul';
import { startTutelleSubgraph } from '@hub/tutelle-subgraph';
import { CHRU_FIXTURE } from '../fixtures/chru-source';
import { CNRS_FIXTURE } from '../fixtures/cnrs-source';
import { INRAE_FIXTURE } from '../fixtures/inrae-source';
import { UL_FIXTURE } from '../fixtures/ul-source';

/** The platforms of the fixtures (registry of the site). */
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

/**
 * The whole hub on disposable ports: site (SQLite in a temporary folder, loaded from a registry file), each
 * tutelle over the given source (over its hand-built fixture unless told otherwise), and the gateway
 * over the committed supergraph, talking real HTTP. Always `close()`.
 */
export async function startSubgraphsAndGateway(
  options: {
    /** The site's platforms: the fixtures' registry by default. */
    registryFile?: string;
    /** UL's replica and reading options: its fixture as SQLite (UL_FIXTURE) unless a `database` is given. */
    ul?: Partial<UlConnectorOptions>;
    cnrs?: CnrsConnectorOptions;
    /** The gateway's query limits, where a test needs others than the defaults. */
    limits?: QueryLimits;
    /** Subgraphs the gateway must find elsewhere than where the harness started them (a hung one, say). */
    subgraphUrls?: Record<string, string>;
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
    /** The site's interface at `/` (the built gateway/web); none unless a test drives a browser. */
    web?: WebAppOptions;
  } = {},
): Promise<Hub> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  const readCache = options.readCache
    ? { ...options.readCache, ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}) }
    : false;
  const started: RunningServer[] = [];
  try {
    if (!options.ul?.database) writeUlSqlite(UL_FIXTURE, path.join(dir, 'ul'));
    const ulSource: UlConnectorOptions = {
      ...options.ul,
      database: options.ul?.database ?? ulSqliteDatabase(path.join(dir, 'ul')),
    };
    const ul = await startTutelleSubgraph({
      connector: await UlConnector.connect(ulSource),
      port: 0,
      readCache,
    });
    started.push(ul);
    if (!options.cnrs) writeCnrsSqlite(CNRS_FIXTURE, path.join(dir, 'cnrs'));
    const cnrsSource = options.cnrs ?? { database: cnrsSqliteDatabase(path.join(dir, 'cnrs')) };
    const cnrs = await startTutelleSubgraph({
      connector: await CnrsConnector.connect(cnrsSource),
      port: 0,
      readCache,
    });
    started.push(cnrs);
    if (!options.inraeFolder)
      await writeInraeExtractions(INRAE_FIXTURE, path.join(dir, 'inrae'), '2026-10-31');
    const inrae = await startTutelleSubgraph({
      connector: connectInrae({ folder: options.inraeFolder ?? path.join(dir, 'inrae') }),
      port: 0,
      readCache,
    });
    started.push(inrae);
    if (!options.chru) await writeChruSources(CHRU_FIXTURE, path.join(dir, 'chru'));
    const gmao = await startGmaoStandIn({
      items: (options.chru?.gmaoItems ?? CHRU_FIXTURE.equipements) as typeof CHRU_FIXTURE.equipements,
      token: 'test-token',
    });
    started.push({ name: 'gmao', url: gmao.url, port: 0, close: () => gmao.close() });
    const chruConnector = connectChru({
      gmao: { baseUrl: gmao.url, token: 'test-token' },
      exportsFolder: options.chru?.exportsFolder ?? path.join(dir, 'chru'),
    });
    const chru = await startTutelleSubgraph({ connector: chruConnector, port: 0, readCache });
    started.push(chru);
    // The site reads the tutelles' subgraphs (inventory, tariffs): it starts once they answer.
    const site = await startSiteSubgraph({
      database: { kind: 'sqlite', file: path.join(dir, 'site.sqlite') },
      tutelleSubgraphs: { UL: ul.url, CNRS: cnrs.url, INRAE: inrae.url, CHRU: chru.url },
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
      subgraphUrls: {
        site: site.url,
        ul: ul.url,
        cnrs: cnrs.url,
        inrae: inrae.url,
        chru: chru.url,
        ...options.subgraphUrls,
      },
      ...(options.subgraphTimeoutMs ? { subgraphTimeoutMs: options.subgraphTimeoutMs } : {}),
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      ...(options.subgraphRetries !== undefined ? { subgraphRetries: options.subgraphRetries } : {}),
      responseCache: options.responseCache ?? false,
      ...(options.web ? { web: options.web } : {}),
    });
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      dir,
      ul,
      cnrs,
      inrae,
      chru,
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
